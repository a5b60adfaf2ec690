// Prompt directives: words a demo user or an end-to-end test writes into `prompt` (v2: the text item) to steer the
// simulator. They are only read after the body passed MiniMax's rules, so an invalid body still answers 2013.
//
//   sim:error=CODE  the create itself answers base_resp CODE (e.g. 1008 insufficient balance, 1026 sensitive input);
//                   v2 answers that code's HTTP status and error body (v2/errors.ts)
//   sim:fail=CODE   the task is created, runs, and ends in `Fail` with base_resp CODE (e.g. 1027 output new_sensitive);
//                   v2: `failed` with error {code: "CODE", message}
//   sim:bytes=N     the task's file is N deterministic pseudo-random bytes (see bytes.ts), streamed, instead of the MP4
//   sim:slow        the Processing stage lasts 10× longer

export const DIRECTIVES = ['sim:error=CODE', 'sim:fail=CODE', 'sim:bytes=N', 'sim:slow'] as const;

export interface Directives {
  error?: number;
  fail?: number;
  bytes?: number;
  slow: boolean;
}

export function readDirectives(prompt: unknown): Directives {
  const text = typeof prompt === 'string' ? prompt : '';
  const number = (name: string): number | undefined => {
    const match = new RegExp(`(?:^|\\s)sim:${name}=(\\d+)(?=\\s|$)`).exec(text);
    return match ? Number(match[1]) : undefined;
  };
  const directives: Directives = { slow: /(?:^|\s)sim:slow(?=\s|$)/.test(text) };
  const error = number('error');
  const fail = number('fail');
  const bytes = number('bytes');
  if (error !== undefined) directives.error = error;
  if (fail !== undefined) directives.fail = fail;
  if (bytes !== undefined && Number.isSafeInteger(bytes)) directives.bytes = bytes;
  return directives;
}

/** MiniMax-like status_msg per code (§5; wording of the ones not captured verbatim is a guess). */
const STATUS_MESSAGES: Record<number, string> = {
  0: 'success',
  1000: 'unknown error',
  1001: 'request timeout, please try again later',
  1002: 'rate limit exceeded(RPM)',
  1004: 'login fail: Please carry the API secret key in the \'Authorization\' field of the request header',
  1008: 'insufficient balance',
  1024: 'internal error',
  1026: 'input new_sensitive',
  1027: 'output new_sensitive',
  1028: 'Daily quota exhausted',
  1030: 'Daily quota exhausted',
  1033: 'system error',
  1039: 'token limit exceeded(TPM)',
  1041: 'conn limit',
  1042: 'illegal characters exceeds the limit',
  2013: 'invalid params',
  2038: 'real-name verification required',
  2045: 'rate growth limit',
  2049: 'invalid api key',
  2056: 'usage limit exceeded',
  2061: 'model not supported by your token plan',
};

export function statusMessage(code: number): string {
  return STATUS_MESSAGES[code] ?? 'error';
}
