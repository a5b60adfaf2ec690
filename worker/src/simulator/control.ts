// /__sim/* control routes, so tests can steer the simulator when it runs as an HTTP server.
//   GET /__sim/health · GET /__sim/seen · DELETE /__sim/seen · POST /__sim/fail-next {on, fault} · POST /__sim/reset
//   POST /__sim/clock {advanceMs}

import { FAULT_TARGETS, type Fault, type FaultTarget } from './faults';
import type { Simulator } from './index';

const FAULT_KINDS = ['code', 'hang', 'html', 'broken_json', 'http', 'empty', 'cut'];

export async function handleControl(request: Request, url: URL, simulator: Simulator): Promise<Response> {
  const route = `${request.method} ${url.pathname}`;
  switch (route) {
    case 'GET /__sim/health':
      return Response.json({ status: 'ok', simulator: 'minimax-v1+v2' });
    case 'GET /__sim/seen':
      return Response.json(simulator.seen);
    case 'DELETE /__sim/seen':
      simulator.seen.length = 0;
      return new Response(null, { status: 204 });
    case 'POST /__sim/reset':
      simulator.reset();
      return new Response(null, { status: 204 });
    case 'POST /__sim/clock': {
      const advanceMs = Number((JSON.parse((await request.text()) || '{}') as { advanceMs?: unknown }).advanceMs);
      if (!Number.isSafeInteger(advanceMs) || advanceMs < 0) return Response.json({ error: 'advanceMs must be a whole number ≥ 0' }, { status: 400 });
      simulator.advanceClock(advanceMs);
      return new Response(null, { status: 204 });
    }
    case 'POST /__sim/fail-next': {
      const parsed = parseFailNext(await request.text());
      if (typeof parsed === 'string') return Response.json({ error: parsed }, { status: 400 });
      simulator.failNext(parsed.on, parsed.fault);
      return new Response(null, { status: 204 });
    }
    default:
      return Response.json({ error: `no control route ${route}` }, { status: 404 });
  }
}

function parseFailNext(text: string): { on: FaultTarget; fault: Fault } | string {
  let value: { on?: unknown; fault?: { kind?: unknown } };
  try {
    value = JSON.parse(text);
  } catch {
    return 'body must be JSON {on, fault}';
  }
  if (!FAULT_TARGETS.includes(value?.on as FaultTarget)) return `on must be one of ${FAULT_TARGETS.join(', ')}`;
  if (!FAULT_KINDS.includes(value.fault?.kind as string)) return `fault.kind must be one of ${FAULT_KINDS.join(', ')}`;
  return { on: value.on as FaultTarget, fault: value.fault as Fault };
}
