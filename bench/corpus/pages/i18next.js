// i18next: an instance with resources, interpolation and formatting, plurals (Intl),
// context, nesting, fallbacks, namespaces, language switching, missing keys.
import i18next from 'i18next';
import { report } from './report.js';

const resources = {
  en: {
    translation: {
      greeting: 'Hello, {{name}}!',
      items_one: '{{count}} item',
      items_other: '{{count}} items',
      friend: 'A friend',
      friend_male: 'A boyfriend',
      friend_female: 'A girlfriend',
      nested: 'Nested: $t(greeting, {"name": "nest"})',
      price: 'Total: {{value, currency(EUR)}}',
      when: 'On {{date, datetime}}',
      list: 'Items: {{items, list}}',
      escaped: 'Raw {{- html}} vs {{html}}',
    },
    extra: { only: 'from extra ns' },
  },
  de: { translation: { greeting: 'Hallo, {{name}}!', items_one: '{{count}} Ding', items_other: '{{count}} Dinge' } },
  ar: { translation: { items_zero: 'zero', items_one: 'one', items_two: 'two', items_few: 'few', items_many: 'many', items_other: 'other' } },
};

report({
  async translate() {
    const i18n = i18next.createInstance();
    await i18n.init({ lng: 'en', fallbackLng: 'en', resources, ns: ['translation', 'extra'], interpolation: { escapeValue: true } });
    const date = new Date(Date.UTC(2024, 1, 29, 12));
    const en = [i18n.t('greeting', { name: 'Ada' }), i18n.t('items', { count: 1 }), i18n.t('items', { count: 5 }), i18n.t('friend', { context: 'female' }), i18n.t('nested'), i18n.t('price', { value: 1234.5 }), i18n.t('when', { date, formatParams: { date: { timeZone: 'UTC', dateStyle: 'long' } } }), i18n.t('list', { items: ['a', 'b', 'c'] }), i18n.t('escaped', { html: '<b>' }), i18n.t('extra:only'), i18n.t('missing.key', 'default text'), i18n.exists('friend_male')];
    await i18n.changeLanguage('de');
    const de = [i18n.t('greeting', { name: 'Ada' }), i18n.t('items', { count: 2 }), i18n.t('friend'), i18n.language, i18n.languages];
    const ar = [0, 1, 2, 3, 11, 100].map((count) => i18n.t('items', { count, lng: 'ar' }));
    return { en, de, ar };
  },
  async events() {
    const i18n = i18next.createInstance();
    const log = [];
    i18n.on('languageChanged', (lng) => log.push(`changed ${lng}`));
    i18n.on('missingKey', (lngs, ns, key) => log.push(`missing ${key}`));
    await i18n.init({ lng: 'de', resources, saveMissing: true });
    i18n.t('nope');
    i18n.addResourceBundle('fr', 'translation', { greeting: 'Bonjour {{name}}' });
    await i18n.changeLanguage('fr');
    return [log, i18n.t('greeting', { name: 'A' }), i18n.getFixedT('en')('items', { count: 3 }), i18n.dir('ar')];
  },
});
