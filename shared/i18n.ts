// Language choice and message formatting for the three languages users write in.
import type { Language } from "./model.js";

export type Catalog<K extends string> = Record<Language, Record<K, string>>;

/** "sv_SE"/"sv" -> sv; "nb"/"nn"/"no"/"nb_NO" -> nb; anything else -> en. */
export function languageFromLocale(locale: string | null | undefined): Language {
  const tag = (locale ?? "").trim().toLowerCase().replace("_", "-");
  if (/^sv\b/.test(tag)) return "sv";
  if (/^(nb|nn|no)\b/.test(tag)) return "nb";
  return "en";
}

/** Fills "{name}" placeholders; unknown placeholders are left as written. */
export function format(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    // Not Object.hasOwn: Apps Script's V8 is not promised to have it (docs/verify-on-google.md).
    Object.keys(params).includes(name) ? String(params[name]) : whole,
  );
}

export function translate<K extends string>(
  catalog: Catalog<K>,
  language: Language,
  key: K,
  params: Record<string, string | number> = {},
): string {
  return messageWriter(catalog, language, key)(params);
}

/** Fills a template's placeholders from params: what `format` does, with the template split once. */
export type MessageWriter = (params: Readonly<Record<string, string | number>>) => string;

/** A template split once into its text and its placeholder names; writes exactly what `format` writes. */
export function compileTemplate(template: string): MessageWriter {
  const parts = template.split(/\{(\w+)\}/);
  if (parts.length === 1) return () => template;
  return (params) => {
    // Not Object.hasOwn: Apps Script's V8 is not promised to have it (docs/verify-on-google.md).
    const names = Object.keys(params);
    let text = parts[0]!;
    for (let i = 1; i < parts.length; i += 2) {
      const name = parts[i]!;
      text += (names.includes(name) ? String(params[name]) : `{${name}}`) + parts[i + 1]!;
    }
    return text;
  };
}

const writers = new WeakMap<object, Record<Language, Map<string, MessageWriter>>>();

/** The compiled template of one catalog entry (compiled once per catalog, language and key). */
export function messageWriter<K extends string>(
  catalog: Catalog<K>,
  language: Language,
  key: K,
): MessageWriter {
  let byLanguage = writers.get(catalog);
  if (!byLanguage) {
    byLanguage = { en: new Map(), sv: new Map(), nb: new Map() };
    writers.set(catalog, byLanguage);
  }
  let writer = byLanguage[language].get(key);
  if (!writer) {
    writer = compileTemplate(catalog[language][key] ?? catalog.en[key]);
    byLanguage[language].set(key, writer);
  }
  return writer;
}
