// The stored-video player, fetched the first time a finished video is shown in the queue.
import { LazyComponent } from '../lazy.svelte';
import type { StoredVideoProps } from './StoredVideo.svelte';

export const storedVideo = new LazyComponent<StoredVideoProps>(() => import('./StoredVideo.svelte'));
