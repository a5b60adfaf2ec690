import type { Messages } from '../dictionaries';

const zhCN: Messages = {
  'app.title': '海螺工作室',
  'app.demo': '演示模式',
  'app.demoHint': '未配置 MiniMax 密钥：视频由内置模拟器生成，不产生费用。',
  'app.byok': '自有密钥',
  'app.byokHint': '请求使用“设置”中保存的 MiniMax 密钥。',
  'app.upgradeBlocked': '另一个标签页打开了旧版本的工作室。请关闭它，然后重新加载本页。',
  'app.language': '语言',
  'app.theme': '主题',
  'theme.system': '跟随系统',
  'theme.light': '浅色',
  'theme.dark': '深色',
  'app.settings': '设置',
  'app.close': '关闭',
  'app.loading': '加载中…',
  'app.loadFailed': '页面的这一部分未能加载。请重新加载后再试。',
  'app.main': '工作室',
};
export default zhCN;
