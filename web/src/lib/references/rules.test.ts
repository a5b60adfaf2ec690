import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { V2_BODY_MAX_BYTES } from '$contract';
import { addMessages, loadLocale } from '../i18n/dictionaries';
import { i18n } from '../i18n/index.svelte';
import references from '../i18n/messages/references';
import { fileRefusal, referenceFormat, type FileFacts } from './file-rules';
import { bodyBytes, inSendingOrder, referenceRefusals, setRefusals, type FormReference } from './rules';
import { refusalText } from './text';

const MB = 1024 * 1024;

function file(facts: Partial<FileFacts> & Pick<FileFacts, 'name'>): FileFacts {
  return { type: '', bytes: 50_000, readable: true, ...facts };
}

const image = (name: string, extra: Partial<FileFacts> = {}) => file({ name, type: 'image/png', width: 640, height: 480, ...extra });
const video = (name: string, seconds: number, extra: Partial<FileFacts> = {}) => file({ name, type: 'video/mp4', width: 640, height: 360, seconds, ...extra });
const audio = (name: string, seconds: number, extra: Partial<FileFacts> = {}) => file({ name, type: 'audio/wav', seconds, ...extra });

let ids = 0;
function ref(kind: FormReference['kind'], name: string, extra: Partial<FormReference> = {}): FormReference {
  return { id: `r${++ids}`, kind, name, dataUrl: `data:${kind}/x;base64,AAAA`, bytes: 3, ...extra };
}

beforeAll(async () => {
  addMessages(references);
  await loadLocale('zh-CN');
});
afterEach(() => i18n.set('en'));

/** The sentence in both languages, each naming the file. */
function sentences(refusal: ReturnType<typeof fileRefusal>, name: string): { en: string; zh: string } {
  expect(refusal?.name).toBe(name);
  i18n.set('en');
  const en = refusalText(refusal!);
  i18n.set('zh-CN');
  const zh = refusalText(refusal!);
  expect(en).toContain(name);
  expect(zh).toContain(name);
  expect(en).not.toMatch(/\{\w+\}/);
  expect(zh).not.toMatch(/\{\w+\}/);
  return { en, zh };
}

describe('a reference file on its own', () => {
  it('takes a JPG, PNG, WebP or HEIC image, an MP4 or MOV video and a WAV or MP3 clip within the limits', () => {
    expect(fileRefusal(image('cat.png'))).toBeNull();
    expect(fileRefusal(file({ name: 'photo.heic', type: '', readable: true }))).toBeNull();
    expect(fileRefusal(video('walk.mov', 5, { type: 'video/quicktime' }))).toBeNull();
    expect(fileRefusal(audio('voice.mp3', 15, { type: 'audio/mpeg' }))).toBeNull();
    expect(fileRefusal(audio('voice.wav', 2))).toBeNull();
  });

  it('sends each format as one data-URI type the contract and MiniMax read', () => {
    expect(referenceFormat('image/jpg', 'a.jpg')).toEqual({ kind: 'image', mime: 'image/jpeg' });
    expect(referenceFormat('', 'clip.MOV')).toEqual({ kind: 'video', mime: 'video/quicktime' });
    expect(referenceFormat('audio/mpeg', 'a.mp3')).toEqual({ kind: 'audio', mime: 'audio/mp3' });
    expect(referenceFormat('audio/x-wav', 'a.wav')).toEqual({ kind: 'audio', mime: 'audio/wav' });
  });

  it('refuses another format, naming the file', () => {
    for (const [name, type] of [['anim.gif', 'image/gif'], ['clip.webm', 'video/webm'], ['song.ogg', 'audio/ogg'], ['notes.txt', 'text/plain']]) {
      const refusal = fileRefusal(file({ name, type }));
      expect(refusal?.rule, name).toBe('format');
      expect(sentences(refusal, name).en).toContain(type);
    }
  });

  it('refuses a file of no known type whose extension is an object key (constructor, __proto__, toString)', () => {
    for (const name of ['clip.constructor', 'clip.__proto__', 'clip.toString', 'clip.hasOwnProperty']) {
      expect(referenceFormat('', name), name).toBeNull();
      expect(fileRefusal(file({ name, type: '' }))?.rule, name).toBe('format');
    }
    expect(referenceFormat('image/constructor', 'a.png')).toBeNull();
  });

  it('refuses a file over its kind’s size limit (30 MB image, 50 MB video, 15 MB audio)', () => {
    expect(fileRefusal(image('big.png', { bytes: 30 * MB }))).toBeNull();
    const cases = [image('big.png', { bytes: 30 * MB + 1 }), video('big.mp4', 5, { bytes: 50 * MB + 1 }), audio('big.wav', 5, { bytes: 15 * MB + 1 })];
    for (const facts of cases) {
      const refusal = fileRefusal(facts);
      expect(refusal?.rule, facts.name).toBe('too_large');
      expect(sentences(refusal, facts.name).en).toMatch(/at most (30|50|15) MB/);
    }
  });

  it('refuses a file whose bytes or metadata cannot be read', () => {
    const refusal = fileRefusal(video('broken.mp4', NaN, { readable: false }));
    expect(refusal?.rule).toBe('unreadable');
    sentences(refusal, 'broken.mp4');
    expect(fileRefusal(video('no-length.mp4', NaN))?.rule).toBe('unreadable');
  });

  it('refuses images and videos with a side under 256 or over 5760 px', () => {
    expect(fileRefusal(image('edge.png', { width: 256, height: 256 }))).toBeNull();
    expect(fileRefusal(image('edge.png', { width: 5760, height: 5000 }))).toBeNull();
    for (const facts of [image('tiny.png', { width: 255, height: 300 }), image('huge.png', { width: 5761, height: 3000 }), video('small.mp4', 5, { width: 200, height: 300 })]) {
      const refusal = fileRefusal(facts);
      expect(refusal?.rule, facts.name).toBe('pixels');
      expect(sentences(refusal, facts.name).en).toContain(`${facts.width}×${facts.height}`);
    }
  });

  it('refuses images and videos narrower than 0.4 or wider than 2.5', () => {
    expect(fileRefusal(image('wide.png', { width: 2500, height: 1000 }))).toBeNull();
    for (const facts of [image('wide.png', { width: 2600, height: 1000 }), video('tall.mp4', 5, { width: 300, height: 800 })]) {
      const refusal = fileRefusal(facts);
      expect(refusal?.rule, facts.name).toBe('aspect');
      sentences(refusal, facts.name);
    }
  });

  it('refuses videos and audio shorter than 2 s or longer than 15 s, from the seconds read', () => {
    for (const [facts, rule] of [
      [video('short.mp4', 1.9), 'too_short'],
      [video('long.mp4', 15.1), 'too_long'],
      [audio('short.wav', 1.5), 'too_short'],
      [audio('long.mp3', 16, { type: 'audio/mpeg' }), 'too_long'],
    ] as const) {
      const refusal = fileRefusal(facts);
      expect(refusal?.rule, facts.name).toBe(rule);
      expect(sentences(refusal, facts.name).en).toContain(`${Math.round(facts.seconds! * 10) / 10} s`);
    }
  });
});

describe('the references together', () => {
  it('refuses the 10th image, the 4th video and the 4th audio clip by name', () => {
    const images = Array.from({ length: 10 }, (_, i) => ref('image', `img${i + 1}.png`));
    const refusals = setRefusals(images, 'p');
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatchObject({ rule: 'count', name: 'img10.png' });
    expect(sentences(refusals[0], 'img10.png').en).toBe('img10.png: at most 9 reference images.');
    const videos = Array.from({ length: 4 }, (_, i) => ref('video', `v${i}.mp4`, { seconds: 2 }));
    expect(setRefusals(videos, 'p')).toEqual([{ rule: 'count', name: 'v3.mp4', id: videos[3].id, params: { kind: 'video', max: 3 } }]);
    const audios = [ref('image', 'a.png'), ...Array.from({ length: 4 }, (_, i) => ref('audio', `a${i}.wav`, { seconds: 2 }))];
    expect(setRefusals(audios, 'p').map((r) => [r.rule, r.name])).toEqual([['count', 'a3.wav']]);
  });

  it('refuses a 13th reference in all', () => {
    const set = [
      ...Array.from({ length: 9 }, (_, i) => ref('image', `i${i}.png`)),
      ...Array.from({ length: 3 }, (_, i) => ref('video', `v${i}.mp4`, { seconds: 2 })),
      ref('audio', 'last.wav', { seconds: 2 }),
    ];
    const refusals = setRefusals(set, 'p');
    expect(refusals.map((r) => [r.rule, r.name])).toEqual([['total_count', 'last.wav']]);
    sentences(refusals[0], 'last.wav');
  });

  it('refuses the video that brings the videos over 15 s in all (3 s + 15 s = 18 s), naming it and the total', () => {
    expect(setRefusals([ref('video', 'a.mp4', { seconds: 7.5 }), ref('video', 'b.mp4', { seconds: 7.5 })], 'p')).toEqual([]);
    const long = ref('video', 'long.mp4', { seconds: 15 });
    const refusals = setRefusals([ref('video', 'short.mp4', { seconds: 3 }), long], 'p');
    expect(refusals).toEqual([{ rule: 'total_seconds', name: 'long.mp4', id: long.id, params: { kind: 'video', total: 18, max: 15 } }]);
    const { en, zh } = sentences(refusals[0], 'long.mp4');
    expect(en).toBe('long.mp4 brings the reference videos to 18 s; MiniMax takes at most 15 s in all.');
    expect(zh).toContain('18 秒');
  });

  it('refuses audio clips over 15 s in all', () => {
    const refusals = setRefusals([ref('image', 'i.png'), ref('audio', 'a.wav', { seconds: 10 }), ref('audio', 'b.wav', { seconds: 6 })], 'p');
    expect(refusals.map((r) => [r.rule, r.name])).toEqual([['total_seconds', 'b.wav']]);
  });

  it('refuses audio alone, naming the clips, and takes it with an image or a video', () => {
    const alone = setRefusals([ref('audio', 'voice.wav', { seconds: 3 }), ref('audio', 'music.mp3', { seconds: 3 })], 'p');
    expect(alone).toEqual([{ rule: 'audio_alone', name: 'voice.wav, music.mp3', params: {} }]);
    expect(sentences(alone[0], 'voice.wav, music.mp3').en).toBe(
      'Reference audio cannot be used alone (voice.wav, music.mp3): add a reference image or video.',
    );
    expect(setRefusals([ref('audio', 'voice.wav', { seconds: 3 }), ref('video', 'v.mp4', { seconds: 3 })], 'p')).toEqual([]);
    expect(setRefusals([ref('audio', 'voice.wav', { seconds: 3 }), ref('image', 'i.png')], 'p')).toEqual([]);
  });

  it('refuses the file that brings the body over 64 MB (data URIs and the prompt counted)', () => {
    const chunk = (name: string, mb: number) => ref('image', name, { dataUrl: 'x'.repeat(mb * MB) });
    expect(setRefusals([chunk('a.png', 30), chunk('b.png', 30)], 'p')).toEqual([]);
    const refusals = setRefusals([chunk('a.png', 30), chunk('b.png', 30), chunk('c.png', 5)], 'p');
    expect(refusals.map((r) => [r.rule, r.name])).toEqual([['body_too_large', 'c.png']]);
    expect(sentences(refusals[0], 'c.png').en).toContain('at most 64 MB');
    expect(bodyBytes([chunk('a.png', 30), chunk('b.png', 30), chunk('c.png', 5)], 'p')).toBeGreaterThan(V2_BODY_MAX_BYTES);
  });

  it('leaves refused files out of the set’s counts and lists their own refusals first', () => {
    const refused = ref('audio', 'bad.ogg', { dataUrl: '', refusal: { rule: 'format', name: 'bad.ogg', params: { type: 'audio/ogg' } } });
    expect(setRefusals([refused], 'p')).toEqual([]);
    expect(referenceRefusals([refused, ref('audio', 'v.wav', { seconds: 3 })], 'p').map((r) => r.rule)).toEqual(['format', 'audio_alone']);
  });

  it('sends images, then videos, then audio, each kind in the user’s order', () => {
    const set = [ref('audio', 'a1'), ref('image', 'i1'), ref('video', 'v1'), ref('image', 'i2')];
    expect(inSendingOrder(set).map((r) => r.name)).toEqual(['i1', 'i2', 'v1', 'a1']);
  });
});
