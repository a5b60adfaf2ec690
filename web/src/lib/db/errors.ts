// Why a video could not be stored. Either way nothing of it is left in IndexedDB.

export class StorageFullError extends Error {
  override readonly name = 'StorageFullError';
  constructor(readonly bytesWritten: number, options?: { cause?: unknown }) {
    super('The browser’s storage for this site is full: the video was not saved.', options);
  }
}

export class VideoIncompleteError extends Error {
  override readonly name = 'VideoIncompleteError';
  constructor(
    readonly received: number,
    readonly expected: number | undefined,
    options?: { cause?: unknown },
  ) {
    super(
      expected === undefined
        ? `The video download stopped after ${received} bytes.`
        : `The video download gave ${received} of ${expected} bytes.`,
      options,
    );
  }
}

export function isQuotaError(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED';
}
