// One error type for every way a call to the worker can go wrong, with what it means for the money.
import { failureForStatusCode, isErrorBody, type ErrorBody } from '$contract';
import { chargeOf, v2Code, type Charge, type CreateAnswer, type NoAnswer } from './charge';

export interface ApiErrorInit {
  status: number;
  code: string;
  message: string;
  field?: string;
  rule?: string;
  retryAfter?: number;
  /** for a create: whether it cost money (chargeOf); an error is never 'charged' */
  charge: Exclude<Charge, 'charged'>;
  baseResp?: ErrorBody['base_resp'];
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: string;
  readonly field?: string;
  readonly rule?: string;
  /** seconds, from Retry-After */
  readonly retryAfter?: number;
  readonly charge: Exclude<Charge, 'charged'>;
  readonly baseResp?: ErrorBody['base_resp'];

  constructor(init: ApiErrorInit, options?: { cause?: unknown }) {
    super(init.message, options);
    this.status = init.status;
    this.code = init.code;
    this.charge = init.charge;
    if (init.field !== undefined) this.field = init.field;
    if (init.rule !== undefined) this.rule = init.rule;
    if (init.retryAfter !== undefined) this.retryAfter = init.retryAfter;
    if (init.baseResp !== undefined) this.baseResp = init.baseResp;
  }

  /** No answer at all: offline, DNS, reset, or our own timeout. */
  get isNetwork(): boolean {
    return this.status === 0;
  }
}

/** Retry-After as seconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

export async function errorFromResponse(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  return errorFromAnswer(response.status, parseJson(text), parseRetryAfter(response.headers.get('Retry-After')));
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The error an answer that is not a success stands for: our error object, else MiniMax's code, else unreadable. */
export function errorFromAnswer(status: number, body: unknown, retryAfter: number | undefined): ApiError {
  const charge = failureCharge({ status, body });
  const baseResp = (body as ErrorBody | undefined)?.base_resp;
  const withBaseResp = typeof baseResp?.status_code === 'number' ? { baseResp } : {};
  const upstreamCode = typeof baseResp?.status_code === 'number' ? baseResp.status_code : v2Code(body as { error?: { message?: unknown } });
  if (isErrorBody(body)) {
    const { code, message, field, rule } = body.error;
    return new ApiError({
      status,
      code,
      message,
      charge,
      ...(field !== undefined ? { field } : {}),
      ...(rule !== undefined ? { rule } : {}),
      ...retryAfterOf(retryAfter, upstreamCode),
      ...withBaseResp,
    });
  }
  if (upstreamCode !== undefined && upstreamCode !== 0) {
    const failure = failureForStatusCode(upstreamCode);
    return new ApiError({ status, code: failure.code, message: failure.message, charge, ...retryAfterOf(retryAfter, upstreamCode), ...withBaseResp });
  }
  return new ApiError({
    status,
    code: 'upstream_unreadable',
    message: `The server gave an unreadable answer (HTTP ${status}).`,
    charge,
    ...(retryAfter !== undefined ? { retryAfter } : {}),
  });
}

function retryAfterOf(header: number | undefined, upstreamCode: number | undefined): { retryAfter?: number } {
  const retryAfter = header ?? (upstreamCode !== undefined ? failureForStatusCode(upstreamCode).retryAfter : undefined);
  return retryAfter !== undefined ? { retryAfter } : {};
}

const NO_ANSWER: Record<NoAnswer, { code: string; message: string }> = {
  network: { code: 'network_error', message: 'The studio’s worker could not be reached.' },
  timeout: { code: 'client_timeout', message: 'The studio’s worker did not answer in time.' },
  abort: { code: 'aborted', message: 'The request was stopped before an answer came: it may or may not have reached MiniMax.' },
  interrupted: { code: 'interrupted', message: 'The page closed while this was being sent: it may or may not have reached MiniMax.' },
};

export function networkError(cause: unknown, why: NoAnswer): ApiError {
  return new ApiError({ status: 0, ...NO_ANSWER[why], charge: failureCharge({ none: why }) }, { cause });
}

/** chargeOf for an answer that is not a success. */
function failureCharge(answer: CreateAnswer): Exclude<Charge, 'charged'> {
  return chargeOf(answer) === 'maybe' ? 'maybe' : 'not';
}
