// How a history export ended, where it was not simply saved: loaded with the Storage panel.
import type { AreaMessages } from '../dictionaries';

const messages: AreaMessages = {
  en: {
    'exporting.inMemory': 'History exported. Saved in memory first: this browser offered no streamed download.',
    'exporting.cancelled': 'Export cancelled.',
    'exporting.notStarted': 'The browser did not start the download. Please try again.',
  },
  'zh-CN': {
    'exporting.inMemory': '历史记录已导出。此浏览器不支持流式下载，已先在内存中生成整个文件。',
    'exporting.cancelled': '导出已取消。',
    'exporting.notStarted': '浏览器没有开始下载，请重试。',
  },
};
export default messages;
