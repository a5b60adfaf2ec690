// The headers a page on another origin may send and read (the worker's preflight answer; the SPA's cors test).
export const CORS_ALLOW_HEADERS = 'Authorization, X-API-Key, Content-Type, X-MiniMax-Key, X-MiniMax-Region, Range, Idempotency-Key';
export const CORS_EXPOSE_HEADERS = 'Content-Length, Content-Range, Retry-After, X-Request-Id, Trace-Id, Idempotent-Replayed, X-Dropped-Fields';
