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
  return format(catalog[language][key] ?? catalog.en[key], params);
}
