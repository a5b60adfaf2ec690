// The form's parts that the first screen does not show until asked.
import type { PaletteProps } from './CameraPalette.svelte';
import { LazyComponent } from '../lazy.svelte';

export const cameraPalette = new LazyComponent<PaletteProps>(() => import('./CameraPalette.svelte'));
