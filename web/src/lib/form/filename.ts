// "Download" names: hailuo_<model>_<yyyymmdd-hhmm>_<first-prompt-words>.mp4: letters and digits of any script
// (a Chinese prompt keeps its characters), '-' and '_', nothing else (no dots, slashes or punctuation).
import type { TaskRecord } from '../tasks/types';

const PROMPT_WORDS = 5;
const PROMPT_CHARS = 40;

function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

function stamp(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${two(d.getMonth() + 1)}${two(d.getDate())}-${two(d.getHours())}${two(d.getMinutes())}`;
}

function promptWords(prompt: string): string {
  const words = prompt
    .replace(/\[[^\]]*\]/g, ' ')
    .split(/\s+/)
    .map(slug)
    .filter(Boolean)
    .slice(0, PROMPT_WORDS);
  return [...words.join('-')].slice(0, PROMPT_CHARS).join('').replace(/-+$/, '') || 'video';
}

export function videoFilename(task: Pick<TaskRecord, 'model' | 'prompt' | 'createdAt'>): string {
  return `hailuo_${slug(task.model) || 'model'}_${stamp(task.createdAt)}_${promptWords(task.prompt)}.mp4`;
}
