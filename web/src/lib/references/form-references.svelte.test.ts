import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushSync } from 'svelte';
import { validateV2Create } from '$contract';
import type { V2Body } from '../api/v2';
import { GenerateForm } from '../form/form.svelte';
import { valuesFromRequest } from '../form/fill';
import { pngDataUrl } from '../form/testImages';
import { danglingNames, insertAt, promptNames, renumber } from './names';
import type { FormReference } from './rules';

const VIDEO = 'data:video/mp4;base64,AAAAIGZ0eXBpc29t';
const AUDIO = 'data:audio/wav;base64,UklGRiQAAABXQVZF';

function ref(kind: FormReference['kind'], name: string, extra: Partial<FormReference> = {}): FormReference {
  const dataUrl = kind === 'image' ? pngDataUrl(640, 480) : kind === 'video' ? VIDEO : AUDIO;
  return { id: name, kind, name, dataUrl, bytes: 100, ...(kind === 'image' ? {} : { seconds: 3 }), ...extra };
}

function h3Form(): GenerateForm {
  const form = new GenerateForm();
  form.prompt = 'reference image 1 walks; voice = reference audio 1';
  return form;
}

beforeEach(() => localStorage.clear());

describe('references in the MiniMax-H3 form', () => {
  it('are taken in text mode by the models whose contract lists references, never with frames or on Hailuo', () => {
    const form = new GenerateForm();
    expect(form.takesReferences).toBe(true);
    form.setModel('MiniMax-H3-Max');
    expect(form.takesReferences).toBe(true);
    form.setMode('i2v');
    expect(form.takesReferences).toBe(false);
    form.setMode('t2v');
    form.setModel('MiniMax-Hailuo-2.3');
    expect(form.takesReferences).toBe(false);
  });

  it('become content items with their roles, images then videos then audio, in a body the contract takes', async () => {
    const form = h3Form();
    form.addReferences([ref('audio', 'voice.wav'), ref('video', 'walk.mp4'), ref('image', 'cat.png')]);
    form.ratio = 'adaptive';
    const [body] = (await form.check()) as V2Body[];
    expect(body.content.map((c) => [c.type, 'role' in c ? c.role : null])).toEqual([
      ['text', null],
      ['image_url', 'reference_image'],
      ['video_url', 'reference_video'],
      ['audio_url', 'reference_audio'],
    ]);
    expect(body.content[2]).toEqual({ type: 'video_url', video_url: { url: VIDEO }, role: 'reference_video' });
    expect(body.ratio).toBe('adaptive');
    const checked = validateV2Create(body);
    expect(checked.ok && checked.summary).toMatchObject({ mode: 'r2v', images: 1, videos: 1, audios: 1 });
  });

  it('offer "like the references" as a shape only while there are references', async () => {
    const form = h3Form();
    expect(form.ratios).not.toContain('adaptive');
    form.addReferences([ref('image', 'cat.png')]);
    expect(form.ratios).toContain('adaptive');
    form.ratio = 'adaptive';
    form.removeReference('cat.png');
    expect(form.shownRatio).toBe('16:9');
    expect(((await form.check()) as V2Body[])[0].ratio).toBe('16:9');
  });

  it('are kept but not sent in a frame mode', async () => {
    const form = h3Form();
    form.addReferences([ref('image', 'cat.png')]);
    form.setMode('i2v');
    form.setImage('firstFrame', pngDataUrl(800, 600));
    const [body] = (await form.check()) as V2Body[];
    expect(body.content.map((c) => ('role' in c ? c.role : c.type))).toEqual(['text', 'first_frame']);
    expect(form.references).toHaveLength(1);
  });

  it('send nothing while a refusal stands (audio alone; a refused file), and send once it is gone', async () => {
    const form = h3Form();
    form.addReferences([ref('audio', 'voice.wav')]);
    expect(await form.check()).toBeNull();
    expect(form.issue?.issue).toMatchObject({ field: 'references', rule: 'references_refused' });
    form.addReferences([ref('image', 'bad.gif', { dataUrl: '', refusal: { rule: 'format', name: 'bad.gif', params: { type: 'image/gif' } } })]);
    expect(form.issue).toBeNull(); // a change clears the old sentence
    form.addReferences([ref('image', 'cat.png')]);
    expect(await form.check()).toBeNull();
    form.removeReference('bad.gif');
    expect(await form.check()).toHaveLength(1);
  });

  it('move earlier and later within their kind, the prompt’s names following them', () => {
    const form = h3Form();
    form.addReferences([ref('image', 'a.png'), ref('image', 'b.png'), ref('audio', 'voice.wav')]);
    form.prompt = 'reference image 1 meets reference image 2';
    form.moveReference('b.png', -1);
    expect(form.references.map((r) => r.name)).toEqual(['b.png', 'a.png', 'voice.wav']);
    expect(form.prompt).toBe('reference image 2 meets reference image 1');
    form.moveReference('b.png', -1); // already first
    form.moveReference('a.png', 1); // the next is audio: another kind
    expect(form.references.map((r) => r.name)).toEqual(['b.png', 'a.png', 'voice.wav']);
  });

  it('move past refused files, which are not sent and hold no place', () => {
    const form = h3Form();
    const refusal = { rule: 'format' as const, name: 'bad.gif', params: {} };
    form.addReferences([ref('image', 'a.png'), ref('image', 'bad.gif', { dataUrl: '', refusal }), ref('image', 'b.png')]);
    form.moveReference('a.png', 1);
    expect(form.references.filter((r) => !r.refusal).map((r) => r.name)).toEqual(['b.png', 'a.png']);
  });

  it('come back from a stored request for "Edit & re-run", named as the prompt names them', async () => {
    const form = h3Form();
    form.addReferences([ref('image', 'cat.png'), ref('video', 'walk.mp4')]);
    const [body] = (await form.check())!;
    const values = valuesFromRequest(body);
    expect(values.mode).toBe('t2v');
    expect(values.references?.map((r) => [r.kind, r.name, r.dataUrl])).toEqual([
      ['image', 'reference image 1', form.references[0].dataUrl],
      ['video', 'reference video 1', VIDEO],
    ]);
    const again = new GenerateForm();
    again.fill(body);
    expect(await again.check()).toEqual([body]);
  });
});

describe('reference names in the prompt', () => {
  it('number each kind from 1 in sending order, refused files unnamed', () => {
    const refused = ref('image', 'bad.gif', { refusal: { rule: 'format', name: 'bad.gif', params: {} } });
    const names = promptNames([ref('video', 'v.mp4'), refused, ref('image', 'a.png'), ref('image', 'b.png'), ref('audio', 'x.wav')]);
    expect([...names]).toEqual([
      ['a.png', 'reference image 1'],
      ['b.png', 'reference image 2'],
      ['v.mp4', 'reference video 1'],
      ['x.wav', 'reference audio 1'],
    ]);
  });

  it('are inserted at the cursor with spaces where words would touch', () => {
    expect(insertAt('A cat.', 5, 'reference image 1')).toEqual({ text: 'A cat reference image 1.', cursor: 23 });
    expect(insertAt('', 0, 'reference video 1')).toEqual({ text: 'reference video 1', cursor: 17 });
    expect(insertAt('She sings', 3, 'reference audio 1').text).toBe('She reference audio 1 sings');
  });

  it('left as written when their reference is gone', () => {
    const a = ref('image', 'a.png');
    expect(renumber('reference image 1 and reference image 9', [a], [a])).toBe('reference image 1 and reference image 9');
  });

  it('that no reference answers to are listed once each: removed ones, refused ones, kinds with none', () => {
    const a = ref('image', 'a.png');
    const refused = ref('image', 'b.png', { refusal: { rule: 'format', name: 'b.png', params: {} } });
    const prompt = 'reference image 1 meets reference image 2, again reference image 2, to reference audio 1; reference image 10';
    expect(danglingNames(prompt, [a, refused])).toEqual(['reference image 2', 'reference audio 1', 'reference image 10']);
    expect(danglingNames(prompt.replace(/reference image (2|10)/g, 'it'), [a, ref('audio', 'v.wav')])).toEqual([]);
    expect(danglingNames('a cat', [])).toEqual([]);
  });
});

describe('references in the draft', () => {
  afterEach(() => vi.useRealTimers());

  it('come back after a reload with their data, facts and order', async () => {
    await new Promise<void>((resolve) => {
      const request = indexedDB.deleteDatabase('hailuo-draft');
      request.onsuccess = request.onerror = () => resolve();
    });
    const idle = () => new Promise((resolve) => setImmediate(resolve));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const before = new GenerateForm();
    const stop = before.keepDraft();
    for (let i = 0; i < 10; i++) await idle();
    before.addReferences([ref('image', 'cat.png'), ref('video', 'walk.mp4', { poster: 'data:image/jpeg;base64,AA', seconds: 3.2 }), ref('audio', 'voice.wav', { peaks: [0.1, 0.5] })]);
    before.moveReference('cat.png', 1); // a no-op: the next is a video
    flushSync();
    await vi.advanceTimersByTimeAsync(300);
    for (let i = 0; i < 10; i++) await idle();
    stop();

    const after = new GenerateForm();
    const stopAfter = after.keepDraft();
    for (let i = 0; i < 10; i++) await idle();
    stopAfter();
    expect(after.references).toEqual(before.references);
    expect(after.references[1]).toMatchObject({ poster: 'data:image/jpeg;base64,AA', seconds: 3.2 });
  });
});
