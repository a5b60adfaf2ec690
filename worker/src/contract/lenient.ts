// What the worker reads from a v1 create body: as tolerant as MiniMax is (README "The API"), then the contract's
// rules. Unknown fields are dropped, `null` is absent, a numeric string is a duration, `720p` is `720P`, and a
// model id the contract does not know goes to MiniMax to judge; every refusal the contract knows still happens.
import { FIELDS, validateVideoRequest, type Validation } from './validate';

export type LenientValidation = Validation & { dropped: string[] };

export function readVideoRequest(input: unknown): LenientValidation {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ...validateVideoRequest(input), dropped: [] };
  const body: Record<string, unknown> = {};
  const dropped: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (value === null || value === undefined) continue;
    if (!Object.hasOwn(FIELDS, key)) {
      dropped.push(key);
      continue;
    }
    body[key] = normalise(key, value);
  }
  return { ...validateVideoRequest(body, { unknownModel: 'forward' }), dropped };
}

function normalise(key: string, value: unknown): unknown {
  if (key === 'duration' && typeof value === 'string' && /^\s*\d{1,3}\s*$/.test(value)) return Number(value);
  if (key === 'resolution' && typeof value === 'string') return value.trim().toUpperCase();
  return value;
}
