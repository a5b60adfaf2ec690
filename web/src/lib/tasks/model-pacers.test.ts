import { describe, expect, test } from 'vitest';
import { V2_RATE_LIMITS } from '$contract';
import type { V2Body } from '../api/v2';
import { makeTask } from '../db/test-kit';
import { ModelPacers } from './model-pacers';
import { IN_FLIGHT_RECHECK_MS } from './pacer';
import { ManualClock } from './test-kit';
import type { StudioRequest } from './v2-request';

const h3 = (i: number): V2Body => ({ model: 'MiniMax-H3', content: [{ type: 'text', text: `h${i}` }], resolution: '768P', duration: 5, ratio: '16:9' });
const hailuo = (i: number): StudioRequest => ({ model: 'MiniMax-Hailuo-2.3', prompt: `v${i}` });

function memoryPause() {
  let until = 0;
  return { load: () => until, save: (at: number) => void (until = at) };
}

function setup(inFlight = () => 0) {
  const clock = new ManualClock();
  const sent: { at: number; key: string }[] = [];
  const pacers = new ModelPacers({
    clock,
    perMinute: () => 5,
    v2InFlight: inFlight,
    pause: { v1: memoryPause(), v2: memoryPause() },
    submit: async (key) => {
      sent.push({ at: clock.now(), key });
      return { ok: true, task: makeTask({ id: key }) };
    },
  });
  return { clock, pacers, sent };
}

const items = (prefix: string, n: number, request: (i: number) => StudioRequest, at: number) =>
  Array.from({ length: n }, (_, i) => ({ key: `${prefix}${i}`, request: request(i), enqueuedAt: at + i }));

describe('v1 and v2 paces', () => {
  test('H3 sends go at v2’s 300 a minute while Hailuo sends keep the user’s 5, neither waiting for the other', async () => {
    const { clock, pacers, sent } = setup();
    const start = clock.now();
    pacers.add([...items('v1-', 7, hailuo, start), ...items('h3-', 20, h3, start)]);
    await clock.advance(0);
    expect(sent.filter((s) => s.key.startsWith('h3-'))).toHaveLength(20);
    expect(sent.filter((s) => s.key.startsWith('v1-'))).toHaveLength(5);
    expect(pacers.v1.nextSlotAt).toBe(start + 60_000);
    expect(pacers.nextSlotAt).toBe(start + 60_000);
    await clock.advance(60_000);
    expect(sent.filter((s) => s.key.startsWith('v1-'))).toHaveLength(7);
  });

  test('the 301st H3 create in a minute waits for the rolling minute', async () => {
    const { clock, pacers, sent } = setup();
    const start = clock.now();
    pacers.add(items('h3-', V2_RATE_LIMITS.requestsPerMinute + 1, h3, start));
    await clock.advance(0);
    expect(sent).toHaveLength(300);
    expect(pacers.v2.nextSlotAt).toBe(start + 60_000);
    await clock.advance(60_000);
    expect(sent).toHaveLength(301);
  });

  test('no H3 create is sent while 30 H3 tasks are on MiniMax; one ending lets the next go at once', async () => {
    let onMiniMax = V2_RATE_LIMITS.tasksInFlight;
    const { clock, pacers, sent } = setup(() => onMiniMax);
    pacers.add([...items('h3-', 2, h3, clock.now()), ...items('v1-', 1, hailuo, clock.now())]);
    await clock.advance(IN_FLIGHT_RECHECK_MS * 3);
    expect(sent.map((s) => s.key)).toEqual(['v1-0']);
    onMiniMax = V2_RATE_LIMITS.tasksInFlight - 1;
    const woken = clock.now();
    pacers.wakeV2();
    await clock.advance(0);
    expect(sent.filter((s) => s.key.startsWith('h3-')).map((s) => s.at)).toEqual([woken, woken]);
  });

  test('each API counts only its own sends of the last minute (after a reload) and pauses on its own 429', async () => {
    const { clock, pacers, sent } = setup();
    const now = clock.now();
    pacers.seed(Array.from({ length: 5 }, (_, i) => ({ at: now - 1000 + i, model: 'MiniMax-H3' })));
    pacers.v2.pauseUntil(now + 30_000);
    pacers.add([...items('v1-', 1, hailuo, now), ...items('h3-', 1, h3, now)]);
    await clock.advance(0);
    expect(sent.map((s) => s.key)).toEqual(['v1-0']);
    await clock.advance(30_000);
    expect(sent.map((s) => s.key)).toEqual(['v1-0', 'h3-0']);
  });

  test('waiting lists both paces in the order the rows were queued; cancel finds a row in either', async () => {
    const { pacers, clock } = setup(() => V2_RATE_LIMITS.tasksInFlight);
    pacers.v1.pauseUntil(clock.now() + 60_000);
    pacers.add([{ key: 'a', request: hailuo(0), enqueuedAt: 1 }, { key: 'b', request: h3(0), enqueuedAt: 2 }, { key: 'c', request: hailuo(1), enqueuedAt: 3 }]);
    expect(pacers.waiting.map((i) => i.key)).toEqual(['a', 'b', 'c']);
    expect(pacers.cancel('b')).toBe(true);
    expect(pacers.has('b')).toBe(false);
    expect(pacers.waiting.map((i) => i.key)).toEqual(['a', 'c']);
    pacers.stop();
  });
});
