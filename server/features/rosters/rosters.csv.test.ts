import { describe, expect, it } from 'vitest';
import { decodeCsv, parseCsv, writeCsv } from './rosters.csv.js';
import { detectFormat, fileFromMultipart } from './rosters.files.js';

describe('CSV', () => {
  it('reads quotes, commas, line breaks and every kind of line end', () => {
    expect(parseCsv('a,"b,1","c ""q"""\r\n"multi\nline",,x\ry\n')).toEqual([
      ['a', 'b,1', 'c "q"'],
      ['multi\nline', '', 'x'],
      ['y'],
    ]);
    expect(parseCsv('a;b\n1;2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parseCsv('')).toEqual([]);
  });

  it('writes what it reads, with a BOM for Excel', () => {
    const records = [
      ['小区', '备注'],
      ['颐景名苑', 'a, "b"\r\nc'],
      [' lead', ''],
    ];
    const bytes = writeCsv(records);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('\r\n');
    expect(parseCsv(decodeCsv(bytes))).toEqual(records);
  });

  it('reads the GBK that Excel in Chinese saves, and UTF-16', () => {
    // 小区,楼栋 in GBK.
    expect(decodeCsv(Buffer.from('d0a1c7f82cc2a5b6b0', 'hex'))).toBe('小区,楼栋');
    expect(decodeCsv(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('小区\t楼栋', 'utf16le')]))).toBe(
      '小区\t楼栋',
    );
  });

  it('tells files by content', () => {
    expect(detectFormat(Buffer.from('504b030414', 'hex'))).toBe('xlsx');
    expect(detectFormat(Buffer.from('小区,楼栋\r\n'))).toBe('csv');
    expect(detectFormat(Buffer.from('%PDF-1.7'))).toBeNull();
    expect(detectFormat(Buffer.from([0, 1, 2, 3, 4]))).toBeNull();
    expect(detectFormat(Buffer.from('d0cf11e0a1b11ae1', 'hex'))).toBe('xls');
  });

  it('finds the file in a form', () => {
    const body = Buffer.from(
      '--b\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nx,y\r\n--b--\r\n',
    );
    expect(fileFromMultipart(body, 'multipart/form-data; boundary=b')?.toString()).toBe('x,y');
    expect(fileFromMultipart(body, 'multipart/form-data')).toBeNull();
  });
});
