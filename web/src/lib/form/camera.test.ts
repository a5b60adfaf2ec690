import { describe, expect, it } from 'vitest';
import { CAMERA_COMMANDS, CAMERA_GROUPS, insertCameraCommand } from './camera';
import { hasCameraCommand } from './form.svelte';

describe('camera commands', () => {
  it('lists the 15 commands of §3 in 9 groups', () => {
    expect(CAMERA_COMMANDS).toHaveLength(15);
    expect(CAMERA_GROUPS).toHaveLength(9);
    expect(CAMERA_COMMANDS).toContain('Pull out');
    expect(CAMERA_COMMANDS).not.toContain('Push out');
  });

  it('inserts at the cursor, spacing it from the words around it', () => {
    expect(insertCameraCommand('A cat', 0, 'Push in')).toEqual({ text: '[Push in] A cat', cursor: 9 });
    expect(insertCameraCommand('A cat', 5, 'Pan left')).toEqual({ text: 'A cat [Pan left]', cursor: 16 });
    expect(insertCameraCommand('A cat walks', 2, 'Zoom in')).toEqual({ text: 'A [Zoom in] cat walks', cursor: 11 });
    expect(insertCameraCommand('', 0, 'Shake')).toEqual({ text: '[Shake]', cursor: 7 });
  });

  it('joins a bracket right before the cursor: [Pan left] → [Pan left,Pedestal up]', () => {
    const text = '[Pan left] A cat';
    expect(insertCameraCommand(text, 10, 'Pedestal up')).toEqual({ text: '[Pan left,Pedestal up] A cat', cursor: 22 });
    expect(insertCameraCommand('[Pan left,Pedestal up]', 22, 'Zoom in').text).toBe('[Pan left,Pedestal up,Zoom in]');
  });

  it('starts a new bracket once three commands share one', () => {
    const full = '[Pan left,Pedestal up,Zoom in]';
    expect(insertCameraCommand(full, full.length, 'Shake').text).toBe(`${full} [Shake]`);
  });

  it('does not join a bracket of plain text or repeat a command', () => {
    expect(insertCameraCommand('[note]', 6, 'Shake').text).toBe('[note] [Shake]');
    expect(insertCameraCommand('[Shake]', 7, 'Shake').text).toBe('[Shake] [Shake]');
  });

  it('clamps a cursor past the end', () => {
    expect(insertCameraCommand('A', 99, 'Shake').text).toBe('A [Shake]');
  });

  it('spots bracketed commands', () => {
    expect(hasCameraCommand('x [Pan left] y')).toBe(true);
    expect(hasCameraCommand('no brackets')).toBe(false);
  });
});
