// The floor of the history rows: the app's own database read and the same 24 cards drawn with no framework, no
// i18n, no lazy chunk. What reading and drawing the rows costs before any of our code runs. Search waits the
// same 200 ms debounce as the app (the bench subtracts it from both: a late timer on a busy machine counts in both).
const PAGE_SIZE = 24;
const SEARCH_DELAY_MS = 200;
const section = document.querySelector('section');
const list = section.querySelector('ul.cards');
const count = section.querySelector('p.count');
const input = document.getElementById('history-search');

const done = (request) =>
  new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

function card(row) {
  const li = document.createElement('li');
  const prompt = document.createElement('p');
  prompt.className = 'prompt';
  prompt.textContent = row.prompt;
  const meta = document.createElement('p');
  meta.textContent = `${row.model} · ${row.status} · ${new Date(row.createdAt).toLocaleString()}`;
  li.append(prompt, meta);
  if (row.video) {
    const video = document.createElement('div');
    video.className = 'video';
    li.append(video);
  }
  return li;
}

function draw(rows, total) {
  count.textContent = `In history: ${total.toLocaleString('en-US')}`;
  if (rows.length) list.replaceChildren(...rows.map(card));
  else {
    list.replaceChildren();
    const none = document.createElement('p');
    none.className = 'muted';
    none.textContent = 'Nothing matches';
    count.after(none);
  }
}

const db = await done(indexedDB.open('hailuo-studio'));
const tx = db.transaction('tasks');
const byDate = tx.objectStore('tasks').index('createdAt');
const total = await done(byDate.count());
const rows = [];
await new Promise((resolve, reject) => {
  const request = byDate.openCursor(null, 'prev');
  request.onerror = () => reject(request.error);
  request.onsuccess = () => {
    const cursor = request.result;
    if (!cursor || rows.length === PAGE_SIZE) return resolve();
    rows.push(cursor.value);
    cursor.continue();
  };
});
draw(rows, total);

// Search reads the same `catalogue` index keys once, as the app does, then answers from memory.
const catalogue = [];
await new Promise((resolve, reject) => {
  const request = db.transaction('tasks').objectStore('tasks').index('catalogue').openKeyCursor();
  request.onerror = () => reject(request.error);
  request.onsuccess = () => {
    const cursor = request.result;
    if (!cursor) return resolve();
    catalogue.push({ id: cursor.primaryKey, prompt: cursor.key[1].toLowerCase() });
    cursor.continue();
  };
});
let timer;
input.addEventListener('input', () => {
  clearTimeout(timer);
  timer = setTimeout(search, SEARCH_DELAY_MS);
});
async function search() {
  section.querySelector('p.muted')?.remove();
  const needle = input.value.trim().toLowerCase();
  const ids = [];
  let matches = 0;
  for (let i = catalogue.length - 1; i >= 0; i--) {
    if (!catalogue[i].prompt.includes(needle)) continue;
    if (ids.length < PAGE_SIZE) ids.push(catalogue[i].id);
    matches++;
  }
  const store = db.transaction('tasks').objectStore('tasks');
  draw(await Promise.all(ids.map((id) => done(store.get(id)))), matches);
}
globalThis.__floorReady = true;
