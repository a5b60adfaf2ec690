// One file per area of the app, each giving the same keys in every locale (checked by i18n.test.ts).
import common from './messages/common';

export type Locale = 'en' | 'zh-CN';
export type Messages = Record<string, string>;
export interface AreaMessages {
  en: Messages;
  'zh-CN': Messages;
}

const areas: AreaMessages[] = [common];

export const dictionaries: Record<Locale, Messages> = {
  en: Object.assign({}, ...areas.map((a) => a.en)),
  'zh-CN': Object.assign({}, ...areas.map((a) => a['zh-CN'])),
};
