import { describe, expect, it } from 'vitest';
import { NAMESPACES } from './namespaces.js';

/** Every leaf of a nested catalogue as [dotted key, value]. */
function leaves(node: unknown, prefix = ''): [string, unknown][] {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return [[prefix, node]];
  return Object.entries(node).flatMap(([key, value]) => leaves(value, prefix ? `${prefix}.${key}` : key));
}

/** The {{name}} placeholders a text uses, sorted. */
function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!).sort();
}

/** All namespaces flattened into one list per language, keys prefixed with their namespace. */
const catalogues = {
  'zh-CN': Object.entries(NAMESPACES).flatMap(([ns, c]) => leaves(c['zh-CN'], ns)),
  en: Object.entries(NAMESPACES).flatMap(([ns, c]) => leaves(c.en, ns)),
};

describe('i18n catalogues', () => {
  it('have exactly the same keys', () => {
    const zhKeys = catalogues['zh-CN'].map(([k]) => k).sort();
    const enKeys = catalogues.en.map(([k]) => k).sort();
    expect(enKeys).toEqual(zhKeys);
  });

  it.each(Object.entries(catalogues))('%s has no empty or non-text values', (_lang, entries) => {
    const bad = entries.filter(([, v]) => typeof v !== 'string' || v.trim() === '').map(([k]) => k);
    expect(bad).toEqual([]);
  });

  it('use the same placeholders in both languages', () => {
    const enByKey = new Map(catalogues.en.map(([k, v]) => [k, String(v)]));
    const mismatched = catalogues['zh-CN']
      .filter(([k, v]) => placeholders(String(v)).join() !== placeholders(String(enByKey.get(k))).join())
      .map(([k]) => k);
    expect(mismatched).toEqual([]);
  });
});
