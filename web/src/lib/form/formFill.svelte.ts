// "Edit & re-run" from the gallery hands a request to the generate form, which listens and takes it.
import type { StudioRequest } from '../tasks/v2-request';

class FormFill {
  /** the request waiting to be loaded into the form, or null */
  pending = $state<StudioRequest | null>(null);

  request(request: StudioRequest): void {
    this.pending = structuredClone($state.snapshot(request) as StudioRequest);
  }

  take(): StudioRequest | null {
    const request = this.pending;
    this.pending = null;
    return request;
  }
}

export const formFill = new FormFill();
