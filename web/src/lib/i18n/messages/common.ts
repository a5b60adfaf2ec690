// English strings of the first screen; the Simplified Chinese ones are in common.zh-CN.ts, loaded only when chosen.
import type { Messages } from '../dictionaries';

const en: Messages = {
  'app.title': 'Hailuo Studio',
  'payer.own': 'Your key · billed to you · {region}',
  'payer.ownHint': 'Every video is paid by the MiniMax account of the key saved in Settings.',
  'payer.regionGlobal': 'Global',
  'payer.regionCn': 'China',
  'payer.studio': "This studio's key",
  'payer.studioHint': "Videos are paid by the MiniMax account of the studio's owner.",
  'payer.demo': 'Demo · free',
  'payer.demoHint': 'No MiniMax key is used: videos come from the built-in simulator and cost nothing.',
  'payer.none': 'No key',
  'payer.noneHint': 'This studio has no MiniMax key of its own: add yours in Settings to make videos.',
  'payer.unknown': 'Who pays: not known yet',
  'payer.unknownHint': 'The studio has not said yet whether it runs with a key of its own (still loading, or offline).',
  'app.offline': 'You are offline. History and playback of stored videos work; new videos wait here and are sent once, when the connection is back.',
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
  'skip.toHistory': 'Skip to history',
  'skip.toMain': 'Skip to main content',
};
export default en;
