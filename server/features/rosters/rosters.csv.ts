/**
 * A small CSV reader and writer (RFC 4180): quoted fields with commas, quotes and line breaks,
 * CRLF, LF or CR line ends. Written files start with a UTF-8 BOM so that Excel opens Chinese
 * correctly; read files may be UTF-8 (with or without BOM) or GBK, which Excel in Chinese saves.
 */

const BOM = '\ufeff';

/** The text of an uploaded CSV: UTF-16 with a BOM, UTF-8 if it is valid UTF-8, else GB18030 (a superset of GBK). */
export function decodeCsv(bytes: Uint8Array): string {
  let text: string;
  // Excel's "Unicode text" is UTF-16 with a byte-order mark.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('gb18030').decode(bytes);
  }
  return text.startsWith(BOM) ? text.slice(1) : text;
}

/** The delimiter of the first line: a comma unless the line has none and has semicolons or tabs. */
function delimiterOf(text: string): string {
  const firstLine = text.slice(0, text.search(/\r|\n|$/));
  if (firstLine.includes(',')) return ',';
  if (firstLine.includes('\t')) return '\t';
  if (firstLine.includes(';')) return ';';
  return ',';
}

/** Records of a CSV text, each an array of fields. A final line end does not make an empty record. */
export function parseCsv(text: string): string[][] {
  const delimiter = delimiterOf(text);
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const n = text.length;
  const endField = () => {
    record.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  while (i < n) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      i++;
    } else if (ch === delimiter) {
      endField();
      i++;
    } else if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== '' || record.length > 0 || quoted) endRecord();
  return records;
}

function quote(field: string): string {
  return /[",\r\n]|^\s|\s$/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** A CSV file: BOM, CRLF line ends, fields quoted when they need it. */
export function writeCsv(records: readonly (readonly string[])[]): Buffer {
  return Buffer.from(BOM + records.map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n', 'utf8');
}
