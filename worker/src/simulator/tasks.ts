// Simulated tasks: their status follows the clock (Preparing → Queueing → Processing → Success | Fail).

import type { ByteSource } from './bytes';

export type TaskStatus = 'Preparing' | 'Queueing' | 'Processing' | 'Success' | 'Fail';

export interface Task {
  taskId: string; // 15 digits
  fileId: string; // 15 digits, below 2^53
  owner: string; // the API key that created it
  createdAt: number; // ms
  stagesMs: { preparing: number; queueing: number; processing: number };
  failCode?: number;
  source: ByteSource;
  width: number;
  height: number;
}

export class TaskStore {
  private readonly tasks = new Map<string, Task>();
  private readonly byFile = new Map<string, Task>();

  add(spec: Omit<Task, 'taskId' | 'fileId'>): Task {
    const task: Task = { ...spec, taskId: this.freshId(), fileId: this.freshId() };
    this.tasks.set(task.taskId, task);
    this.byFile.set(task.fileId, task);
    return task;
  }

  get(taskId: string): Task | undefined {
    return this.tasks.get(taskId);
  }

  byFileId(fileId: string): Task | undefined {
    return this.byFile.get(fileId);
  }

  byCdnPath(path: string): Task | undefined {
    const match = /^\/cdn\/video_generation\/(\d+)\/output\.mp4$/.exec(path);
    return match ? this.byFile.get(match[1]) : undefined;
  }

  statusAt(task: Task, nowMs: number): TaskStatus {
    const elapsed = nowMs - task.createdAt;
    const { preparing, queueing, processing } = task.stagesMs;
    if (elapsed < preparing) return 'Preparing';
    if (elapsed < preparing + queueing) return 'Queueing';
    if (elapsed < preparing + queueing + processing) return 'Processing';
    return task.failCode !== undefined ? 'Fail' : 'Success';
  }

  finishedAtSeconds(task: Task): number {
    const { preparing, queueing, processing } = task.stagesMs;
    return Math.floor((task.createdAt + preparing + queueing + processing) / 1000);
  }

  clear(): void {
    this.tasks.clear();
    this.byFile.clear();
  }

  /** A 15-digit id, unique among tasks and files (MiniMax's look like 106916112212032). */
  private freshId(): string {
    for (;;) {
      const [high, low] = crypto.getRandomValues(new Uint32Array(2));
      const id = String(100_000_000_000_000 + ((high % 900_000) * 1_000_000_000 + (low % 1_000_000_000)));
      if (!this.tasks.has(id) && !this.byFile.has(id)) return id;
    }
  }
}
