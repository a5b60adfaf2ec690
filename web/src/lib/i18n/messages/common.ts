// English strings of the first screen; the Simplified Chinese ones are in common.zh-CN.ts, loaded only when chosen.
import type { Messages } from '../dictionaries';

const en: Messages = {
  'app.title': 'Hailuo Studio',
  'app.demo': 'Demo mode',
  'app.demoHint': 'No MiniMax key is configured: videos come from the built-in simulator and cost nothing.',
  'app.byok': 'Your key',
  'app.byokHint': 'Requests use the MiniMax key saved in Settings.',
  'app.upgradeBlocked': 'Another tab has an older version of this studio open. Close it, then reload this page.',
  'app.language': 'Language',
  'app.theme': 'Theme',
  'theme.system': 'System',
  'theme.light': 'Light',
  'theme.dark': 'Dark',
  'app.settings': 'Settings',
  'app.close': 'Close',
  'app.loading': 'Loading…',
  'app.loadFailed': 'This part of the page could not load. Reload to try again.',
  'app.main': 'Studio',
};
export default en;
