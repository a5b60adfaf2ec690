// Registers the service worker and mounts the "new version" banner: its own chunk, started once the first
// screen is up (the service worker is not needed to paint it).
import { mount } from 'svelte';
import { appUpdate } from './register.svelte';
import UpdateBanner from './UpdateBanner.svelte';

export function startUpdates(): void {
  appUpdate.start();
  const host = document.createElement('div');
  document.body.append(host);
  mount(UpdateBanner, { target: host });
}
