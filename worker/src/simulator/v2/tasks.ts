// v2 tasks: their status follows the clock (queued → running → succeeded | failed) until cancelled or deleted.

import type { ByteSource } from '../bytes';

export type V2Status = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
export type V2TaskType = 'generation' | 'h3_context_ir' | 'regeneration';
export const V2_STATUSES: readonly V2Status[] = ['queued', 'running', 'succeeded', 'failed', 'cancelled'];
export const V2_TASK_TYPES: readonly V2TaskType[] = ['generation', 'h3_context_ir', 'regeneration'];

/** Tasks are visible for 7 days: ids of older ones are "invalid". */
export const WINDOW_MS = 7 * 24 * 3600 * 1000;

export interface V2Task {
  id: string; // 15 digits
  fileId: string; // 15 digits; names the output on the CDN and as mm_file://
  owner: string;
  model: string;
  taskType: V2TaskType;
  createdAt: number; // ms
  stagesMs: { queued: number; running: number };
  failCode?: number;
  cancelledAt?: number;
  resolution: string;
  duration: number;
  ratio: string;
  /** video tasks */
  output?: { width: number; height: number; frames: number; source: ByteSource };
  /** Context-IR tasks */
  prompt?: string;
  /** reported on success */
  usage: Record<string, number>;
}

export class V2TaskStore {
  private readonly tasks = new Map<string, V2Task>();
  private readonly files = new Map<string, V2Task>();

  add(spec: Omit<V2Task, 'id' | 'fileId'>): V2Task {
    const task: V2Task = { ...spec, id: this.freshId(), fileId: this.freshId() };
    this.tasks.set(task.id, task);
    this.files.set(task.fileId, task);
    return task;
  }

  /** The caller's task when its id is valid for them right now (7-day window), else undefined. */
  visible(id: string, owner: string, nowMs: number): V2Task | undefined {
    const task = /^\d{1,20}$/.test(id) ? this.tasks.get(id) : undefined;
    return task && task.owner === owner && inWindow(task, nowMs) ? task : undefined;
  }

  byFileId(fileId: string): V2Task | undefined {
    return this.files.get(fileId);
  }

  delete(task: V2Task): void {
    this.tasks.delete(task.id);
    this.files.delete(task.fileId);
  }

  /** The owner's tasks of the last 7 days, newest first. */
  recent(owner: string, nowMs: number): V2Task[] {
    return [...this.tasks.values()]
      .filter((t) => t.owner === owner && inWindow(t, nowMs))
      .sort((a, b) => b.createdAt - a.createdAt || (b.id < a.id ? -1 : 1));
  }

  inFlight(owner: string, nowMs: number): number {
    return [...this.tasks.values()].filter((t) => t.owner === owner && ['queued', 'running'].includes(statusAt(t, nowMs))).length;
  }

  clear(): void {
    this.tasks.clear();
    this.files.clear();
  }

  private freshId(): string {
    for (;;) {
      const [high, low] = crypto.getRandomValues(new Uint32Array(2));
      const id = String(400_000_000_000_000 + ((high % 500_000) * 1_000_000_000 + (low % 1_000_000_000)));
      if (!this.tasks.has(id) && !this.files.has(id)) return id;
    }
  }
}

function inWindow(task: V2Task, nowMs: number): boolean {
  return task.createdAt <= nowMs && nowMs - task.createdAt < WINDOW_MS;
}

export function statusAt(task: V2Task, nowMs: number): V2Status {
  if (task.cancelledAt !== undefined) return 'cancelled';
  const elapsed = nowMs - task.createdAt;
  if (elapsed < task.stagesMs.queued) return 'queued';
  if (elapsed < task.stagesMs.queued + task.stagesMs.running) return 'running';
  return task.failCode !== undefined ? 'failed' : 'succeeded';
}

/** Unix seconds of the task's last status change as of `nowMs`. */
export function updatedAtSeconds(task: V2Task, nowMs: number): number {
  const status = statusAt(task, nowMs);
  const { queued, running } = task.stagesMs;
  const at =
    status === 'cancelled' ? task.cancelledAt! : status === 'queued' ? task.createdAt : status === 'running' ? task.createdAt + queued : task.createdAt + queued + running;
  return Math.floor(at / 1000);
}
