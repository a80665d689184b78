// Words for the staff pages, without Preact: the pure half of i18n (unit-tested in node).
import { catalogue, Key, Lang } from './catalogue';

type CodeGroup = Exclude<keyof (typeof catalogue)['en']['codes'], 'priority'>;

export interface Translator {
  lang: Lang;
  /** A word of the catalogue, `{name}` placeholders filled from `values`. */
  t(key: Key, values?: Record<string, string | number>): string;
  /** A server code in words; an unknown code shows as itself rather than as nothing. */
  code(group: CodeGroup, value: string | undefined): string;
  priority(p: number): string;
  /** A bilingual text of the server, in this language. */
  pick(text: Partial<Record<Lang, string>> | undefined): string;
  locale: string;
}

export function translator(lang: Lang): Translator {
  const { words, codes } = catalogue[lang];
  return {
    lang,
    locale: lang === 'zh' ? 'zh-CN' : 'en-GB',
    t: (key, values = {}) =>
      words[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
        name in values ? String(values[name]) : whole,
      ),
    code: (group, value) => {
      if (value === undefined) return '';
      const table: Record<string, string> = codes[group];
      return table[value] ?? value;
    },
    priority: (p) => codes.priority[Math.min(Math.max(p, 0), 2)],
    pick: (text) => text?.[lang] ?? text?.en ?? text?.zh ?? '',
  };
}

/** The language saved for this page, else the browser's. */
export function initialLang(storageKey: string): Lang {
  const saved = localStorage.getItem(storageKey);
  if (saved === 'zh' || saved === 'en') return saved;
  return navigator.language.startsWith('zh') ? 'zh' : 'en';
}
