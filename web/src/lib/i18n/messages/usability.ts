// Strings of the first-use fixes: queue buttons named by their task, the per-line prompt counter, the
// image that could not be shrunk, the compact "Just made" list. Registered where each part loads.
import type { AreaMessages } from '../dictionaries';

const messages: AreaMessages = {
  en: {
    'task.remove': 'Remove “{prompt}”',
    'task.retry': 'Retry “{prompt}”',
    'task.dismiss': 'Dismiss “{prompt}”',
    'task.cancel': 'Cancel “{prompt}”',
    'task.checkNow': 'Check “{prompt}” now',
    'task.play': 'Play “{prompt}”',
    'task.playButton': 'Play',
    'prompt.longestLine': 'Longest line: {n} / {max}',
    'prompt.longestLineLabel': 'Longest line: {n} of {max} characters',
    'prompt.linesOver': '{lines} over: {n} / {max}',
    'prompt.linesOverLabel': '{lines} over the limit; the longest has {n} of {max} characters',
    'prompt.line': 'Line {n}',
    'prompt.lines': 'Lines {list}',
    'image.fileIssue': '“{name}”: {text}',
    'image.couldNotShrink': '{rule} This browser could not make it smaller.',
  },
  'zh-CN': {
    'task.remove': '移除“{prompt}”',
    'task.retry': '重试“{prompt}”',
    'task.dismiss': '忽略“{prompt}”',
    'task.cancel': '取消“{prompt}”',
    'task.checkNow': '立即查询“{prompt}”',
    'task.play': '播放“{prompt}”',
    'task.playButton': '播放',
    'prompt.longestLine': '最长一行：{n} / {max}',
    'prompt.longestLineLabel': '最长一行：{n} / {max} 个字符',
    'prompt.linesOver': '{lines}超出：{n} / {max}',
    'prompt.linesOverLabel': '{lines}超出上限；最长一行有 {n} / {max} 个字符',
    'prompt.line': '第 {n} 行',
    'prompt.lines': '第 {list} 行',
    'image.fileIssue': '“{name}”：{text}',
    'image.couldNotShrink': '{rule}此浏览器无法将其缩小。',
  },
};
export default messages;
