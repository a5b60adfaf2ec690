// The "new version" banner's strings: they arrive with the service worker's registration, after first paint.
import type { AreaMessages } from '../dictionaries';

const messages: AreaMessages = {
  en: {
    'update.ready': 'A new version is ready.',
    'update.reload': 'Reload',
    'update.later': 'Later',
    'update.label': 'Update',
  },
  'zh-CN': {
    'update.ready': '新版本已就绪。',
    'update.reload': '重新加载',
    'update.later': '稍后',
    'update.label': '更新',
  },
};
export default messages;
