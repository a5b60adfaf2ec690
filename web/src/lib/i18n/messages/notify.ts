// The "video done" notification's strings: they arrive with the notifier, on the first Generate.
import type { AreaMessages } from '../dictionaries';

const messages: AreaMessages = {
  en: {
    'notify.done': 'Your video is ready',
    'notify.failed': 'A video could not be made',
  },
  'zh-CN': {
    'notify.done': '视频已生成',
    'notify.failed': '有一个视频未能生成',
  },
};
export default messages;
