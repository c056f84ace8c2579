/**
 * GeoReport v2's XML: schemaless, no namespace, UTF-8 with a declaration. JSON is the same tree with
 * the root element dropped and containers turned into arrays, so one value renders both ways: arrays
 * become repeated child elements named by ITEM_NAMES, null fields are left out.
 */

/** The element name of one item in each container the specification defines. */
const ITEM_NAMES: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  service_requests_updates: 'request_update',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  errors: 'error',
};

type XmlValue = string | number | boolean | null | undefined | XmlValue[] | { [key: string]: XmlValue };

// XML 1.0 allows tab, newline, carriage return and everything from U+0020 except lone surrogates
// and U+FFFE/U+FFFF; anything else would make the document unreadable for every client.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function element(name: string, value: XmlValue, indent: string): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) {
    const item = ITEM_NAMES[name] ?? 'item';
    const inner = value.map((v) => element(item, v, `${indent}  `)).join('');
    return inner ? `${indent}<${name}>\n${inner}${indent}</${name}>\n` : `${indent}<${name}/>\n`;
  }
  if (typeof value === 'object') {
    const inner = Object.entries(value)
      .map(([k, v]) => element(k, v, `${indent}  `))
      .join('');
    return `${indent}<${name}>\n${inner}${indent}</${name}>\n`;
  }
  return `${indent}<${name}>${escapeXml(String(value))}</${name}>\n`;
}

/** A whole document: `root` is the element the JSON form leaves out (services, service_requests, …). */
export function xmlDocument(root: string, value: XmlValue): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${element(root, value, '')}`;
}
