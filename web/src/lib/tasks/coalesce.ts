/** Runs `work` at most once at a time; calls meanwhile share one more run after it. */
export function coalesce(work: () => Promise<void>): () => Promise<void> {
  let current: Promise<void> | null = null;
  let next: Promise<void> | null = null;
  const run = (): Promise<void> => {
    if (!current) {
      current = work().finally(() => (current = null));
      return current;
    }
    next ??= current.then(() => {
      next = null;
      return run();
    });
    return next;
  };
  return run;
}
