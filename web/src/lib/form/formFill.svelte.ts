// "Edit & re-run" from the gallery hands a request to the generate form, which listens and takes it.
import type { VideoRequest } from '$contract';

class FormFill {
  /** the request waiting to be loaded into the form, or null */
  pending = $state<VideoRequest | null>(null);

  request(request: VideoRequest): void {
    this.pending = structuredClone($state.snapshot(request) as VideoRequest);
  }

  take(): VideoRequest | null {
    const request = this.pending;
    this.pending = null;
    return request;
  }
}

export const formFill = new FormFill();
