// The Simplified Chinese strings of the first screen, one chunk fetched only for readers who choose Chinese.
import common from './common.zh-CN';
import form from './form.zh-CN';
import queue from './queue.zh-CN';

export default { ...common, ...form, ...queue };
