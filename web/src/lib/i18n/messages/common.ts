import type { AreaMessages } from '../dictionaries';

const messages: AreaMessages = {
  en: {
    'app.title': 'Hailuo Studio',
    'app.demo': 'Demo mode',
    'app.demoHint': 'No MiniMax key is configured: videos come from the built-in simulator and cost nothing.',
  },
  'zh-CN': {
    'app.title': '海螺工作室',
    'app.demo': '演示模式',
    'app.demoHint': '未配置 MiniMax 密钥：视频由内置模拟器生成，不产生费用。',
  },
};
export default messages;
