// The big-video rows in the page, each beside its floor: the app's own db module (web/src/lib/db, bundled by the
// bench) against the raw IndexedDB API or a plain stream doing the least the same job needs.
import { CHUNK_BYTES, deleteTask, importHistory, openStudioDb, putTask, saveVideo, videoBlob } from '../../../web/src/lib/db/index.ts';
import { exportZip } from '../../../web/src/lib/db/zip-export.ts';

const TYPE = 'video/mp4';
/** the video's bytes as the network delivered them through the worker (kept outside the JS heap's objects) */
let source = [];
let sourceBytes = 0;
let plainBlob = null;
let archive = null;
const appTasks = [];
/** the player firstFrame left for afterFirstFrame to take down */
let player = null;

const done = (request) =>
  new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
const finished = (tx) =>
  new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
let rawDb = null;
async function raw() {
  rawDb ??= await done(indexedDB.open('hailuo-studio'));
  return rawDb;
}

function replay() {
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (i < source.length) controller.enqueue(source[i++]);
      else controller.close();
    },
  });
}

/** Cuts a stream into CHUNK_BYTES Blobs as videos.ts does and puts each in its own transaction, raw. */
async function rawPut(stream, key) {
  const db = await raw();
  const reader = stream.getReader();
  let parts = [];
  let filled = 0;
  let index = 0;
  const put = async () => {
    const tx = db.transaction('videoChunks', 'readwrite');
    tx.objectStore('videoChunks').put({ task: key, index: index++, data: new Blob(parts, { type: TYPE }) });
    await finished(tx);
    parts = [];
    filled = 0;
  };
  for (;;) {
    const { done: end, value } = await reader.read();
    if (end) break;
    let rest = value;
    while (filled + rest.byteLength >= CHUNK_BYTES) {
      const take = CHUNK_BYTES - filled;
      parts.push(rest.subarray(0, take));
      await put();
      rest = rest.subarray(take);
    }
    if (rest.byteLength) {
      parts.push(rest);
      filled += rest.byteLength;
    }
  }
  if (filled) await put();
}

/** Every chunk record of one video, as the app keys them ([id, index]). */
const chunksOf = (key) => IDBKeyRange.bound([key, 0], [key, Infinity]);

/** The least a page can do to play a video stored as chunk records: one getAll, one Blob of their Blobs. */
async function rawVideoBlob(key) {
  const db = await raw();
  const chunks = await done(db.transaction('videoChunks').objectStore('videoChunks').getAll(chunksOf(key)));
  return new Blob(chunks.map((chunk) => chunk.data), { type: TYPE });
}

async function deleteChunks(key) {
  const db = await raw();
  const tx = db.transaction('videoChunks', 'readwrite');
  tx.objectStore('videoChunks').delete(chunksOf(key));
  await finished(tx);
}

async function clearAll() {
  const db = await raw();
  const tx = db.transaction(['tasks', 'videoChunks'], 'readwrite');
  tx.objectStore('tasks').clear();
  tx.objectStore('videoChunks').clear();
  await finished(tx);
}

function task(id, i) {
  const createdAt = Date.now() - i * 60_000;
  const prompt = `A 2K fifteen-second clip with sound #${i}`;
  return {
    id,
    request: { model: 'MiniMax-Hailuo-2.3', prompt },
    mode: 't2v',
    model: 'MiniMax-Hailuo-2.3',
    prompt,
    status: 'Success',
    createdAt,
    sentAt: createdAt + 20,
    submittedAt: createdAt + 400,
    finishedAt: createdAt + 95_000,
    taskId: String(410000000000000 + i),
    fileId: String(930000000000000 + i),
    videoWidth: 2560,
    videoHeight: 1440,
    favourite: false,
  };
}

/** Appends a stream's bytes to a Blob every 16 MiB (the bytes leave the JS heap, as a file being saved would). */
async function sink(stream) {
  const reader = stream.getReader();
  let blob = new Blob([]);
  let parts = [];
  let held = 0;
  let bytes = 0;
  for (;;) {
    const { done: end, value } = await reader.read();
    if (end) break;
    parts.push(value);
    held += value.byteLength;
    bytes += value.byteLength;
    if (held >= 16 * 1024 * 1024) {
      blob = new Blob([blob, ...parts]);
      parts = [];
      held = 0;
    }
  }
  return { blob: new Blob([blob, ...parts]), bytes };
}

const timed = async (run) => {
  const started = performance.now();
  await run();
  return performance.now() - started;
};

globalThis.bench = {
  /** GET the video through the worker, as the app downloads it, and keep its bytes for the rows below. */
  async load(url) {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`${url} → ${res.status}`);
    const reader = res.body.getReader();
    for (;;) {
      const { done: end, value } = await reader.read();
      if (end) break;
      source.push(value);
      sourceBytes += value.byteLength;
    }
    plainBlob = new Blob(source, { type: TYPE });
    // both connections opened here, not inside a step's count; the app's first, as it creates and upgrades the
    // database (a raw connection opened before would block that upgrade for good)
    await openStudioDb();
    await raw();
    return sourceBytes;
  },
  /** The task row the app's saveVideo below stores a video for (not timed). */
  newTask: (i) => putTask(task(`bench-app-${i}`, i)),
  /** The app: saveVideo() from the stream, into the task row made by newTask. */
  async storeApp(i) {
    return timed(async () => {
      const video = await saveVideo(`bench-app-${i}`, replay(), sourceBytes);
      if (video.bytes !== sourceBytes) throw new Error(`saved ${video.bytes} bytes`);
    });
  },
  /** Keeps the app's stored video as part of the history, or removes it (not timed). */
  async afterStoreApp(i, keep) {
    if (keep) appTasks.push(`bench-app-${i}`);
    else await deleteTask(`bench-app-${i}`);
  },
  /** The floor: the same bytes, cut the same way, raw `put`s. */
  storeRaw: (i) => timed(() => rawPut(replay(), `bench-raw-${i}`)),
  afterStoreRaw: (i) => deleteChunks(`bench-raw-${i}`),
  /**
   * Time to the first video frame, from asking for the Blob to the frame decoded (`loadeddata`): the app's stored
   * video (`app`), the same chunk records read with the raw API (`raw`), or the same bytes in memory (`memory`).
   */
  async firstFrame(kind) {
    const id = appTasks[0];
    const started = performance.now();
    const blob = kind === 'app' ? await videoBlob(id) : kind === 'raw' ? await rawVideoBlob(id) : plainBlob;
    if (!blob || blob.size !== sourceBytes) throw new Error('no stored video');
    const url = URL.createObjectURL(blob);
    const video = document.createElement('video');
    player = { video, url };
    video.muted = true;
    video.preload = 'metadata'; // as the studio's player (StoredVideo.svelte)
    video.width = 640;
    document.body.append(video);
    // loadeddata: the first frame is decoded and can be shown (readyState HAVE_CURRENT_DATA)
    const shown = new Promise((resolve, reject) => {
      video.onloadeddata = () => resolve(performance.now() - started);
      video.onerror = () => reject(new Error(`video error ${video.error?.code}: ${video.error?.message}`));
      setTimeout(() => reject(new Error('no first frame in 30 s')), 30_000);
    });
    video.src = url;
    const ms = await shown;
    return { ms, width: video.videoWidth, height: video.videoHeight, duration: video.duration };
  },
  /** Takes down the player firstFrame made (not timed). */
  afterFirstFrame() {
    if (!player) return;
    const { video, url } = player;
    player = null;
    video.pause();
    video.remove();
    video.removeAttribute('src');
    video.load();
    URL.revokeObjectURL(url);
  },
  async exportApp() {
    let out;
    const ms = await timed(async () => (out = await sink(exportZip())));
    archive = out.blob;
    return { ms, archiveBytes: out.bytes };
  },
  /** The floor: the same chunk Blobs read raw from IndexedDB, as a plain stream of their bytes, to the same sink. */
  async exportFloor() {
    const db = await raw();
    const keys = appTasks.flatMap((id) => Array.from({ length: Math.ceil(sourceBytes / CHUNK_BYTES) }, (_, i) => [id, i]));
    let next = 0;
    const stream = new ReadableStream({
      async pull(controller) {
        if (next === keys.length) return controller.close();
        const chunk = await done(db.transaction('videoChunks').objectStore('videoChunks').get(keys[next++]));
        controller.enqueue(new Uint8Array(await chunk.data.arrayBuffer()));
      },
    });
    let bytes = 0;
    const ms = await timed(async () => (bytes = (await sink(stream)).bytes));
    if (bytes !== appTasks.length * sourceBytes) throw new Error(`the export floor streamed ${bytes} bytes`);
    return ms;
  },
  /** Empties the database the app's import goes into (not timed). */
  beforeImportApp: clearAll,
  /** The app: the zip just exported, as a file, into the database beforeImportApp emptied. */
  async importApp() {
    let result;
    const ms = await timed(async () => (result = await importHistory(archive)));
    if (result.tasks !== appTasks.length || result.videos !== appTasks.length) throw new Error(`imported ${JSON.stringify(result)} of ${appTasks.length}`);
    return ms;
  },
  /**
   * The floor: the same video bytes from a file-like Blob, put raw in the same chunks, each a slice of the Blob (as
   * the app stores a zip's pieces: the bytes never pass through the JS heap).
   */
  async importFloor() {
    const blob = new Blob(appTasks.map(() => plainBlob), { type: TYPE });
    const db = await raw();
    const ms = await timed(async () => {
      for (let start = 0, index = 0; start < blob.size; start += CHUNK_BYTES, index++) {
        const tx = db.transaction('videoChunks', 'readwrite');
        tx.objectStore('videoChunks').put({ task: 'bench-import-floor', index, data: blob.slice(start, start + CHUNK_BYTES, TYPE) });
        await finished(tx);
      }
    });
    return ms;
  },
  afterImportFloor: () => deleteChunks('bench-import-floor'),
};
globalThis.__benchReady = true;
