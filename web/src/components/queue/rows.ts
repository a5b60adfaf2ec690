// The queue's rows, one chunk: the first screen has none (the rows come from IndexedDB after it is drawn).
export { default as FinishedItem } from './FinishedItem.svelte';
export { default as LiveItem } from './LiveItem.svelte';
export { default as PendingItem } from './PendingItem.svelte';
