// The 15 camera commands of MiniMax §3 and how the palette writes them into a prompt.

export const CAMERA_GROUPS = [
  { group: 'truck', commands: ['Truck left', 'Truck right'] },
  { group: 'pan', commands: ['Pan left', 'Pan right'] },
  { group: 'push', commands: ['Push in', 'Pull out'] },
  { group: 'pedestal', commands: ['Pedestal up', 'Pedestal down'] },
  { group: 'tilt', commands: ['Tilt up', 'Tilt down'] },
  { group: 'zoom', commands: ['Zoom in', 'Zoom out'] },
  { group: 'shake', commands: ['Shake'] },
  { group: 'follow', commands: ['Tracking shot'] },
  { group: 'static', commands: ['Static shot'] },
] as const;

export type CameraCommand = (typeof CAMERA_GROUPS)[number]['commands'][number];

export const CAMERA_COMMANDS: readonly CameraCommand[] = CAMERA_GROUPS.flatMap((g) => g.commands);

/** MiniMax recommends at most three simultaneous commands in one bracket. */
export const MAX_COMMANDS_PER_BRACKET = 3;

export interface Edit {
  text: string;
  /** where the cursor goes after the edit */
  cursor: number;
}

const BRACKET_BEFORE_CURSOR = /\[([^[\]]*)\]$/;

/**
 * Inserts `[command]` at `cursor`. When the cursor sits right after a bracket of known commands holding
 * fewer than three, the command joins that bracket instead: `[Pan left]` → `[Pan left,Pedestal up]`.
 */
export function insertCameraCommand(text: string, cursor: number, command: CameraCommand): Edit {
  const at = Math.max(0, Math.min(cursor, text.length));
  const before = text.slice(0, at);
  const after = text.slice(at);

  const bracket = BRACKET_BEFORE_CURSOR.exec(before);
  if (bracket) {
    const existing = bracket[1].split(',').map((c) => c.trim());
    const allKnown = existing.every((c) => (CAMERA_COMMANDS as readonly string[]).includes(c));
    if (allKnown && existing.length < MAX_COMMANDS_PER_BRACKET && !existing.includes(command)) {
      const joined = `[${[...existing, command].join(',')}]`;
      const head = before.slice(0, bracket.index) + joined;
      return { text: head + after, cursor: head.length };
    }
  }

  const needsSpaceBefore = before.length > 0 && !/\s$/.test(before);
  const needsSpaceAfter = after.length > 0 && !/^\s/.test(after);
  const head = before + (needsSpaceBefore ? ' ' : '') + `[${command}]`;
  return { text: head + (needsSpaceAfter ? ' ' : '') + after, cursor: head.length };
}
