// The form's parts that the first screen does not show until asked.
import type { PaletteProps } from './CameraPalette.svelte';
import type { ReferencesProps } from './References.svelte';
import { LazyComponent } from '../lazy.svelte';

export const cameraPalette = new LazyComponent<PaletteProps>(() => import('./CameraPalette.svelte'));
export const referencesSection = new LazyComponent<ReferencesProps>(() => import('./References.svelte'));
