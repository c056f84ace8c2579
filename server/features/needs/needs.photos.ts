import { AppError } from '../../../domain/errors.js';
import { NEED_LIMITS, PHOTO_TYPES, type PhotoType } from '../../../domain/needs.js';

// Need photos: the type is read from the bytes (never trusted from the header alone), and metadata
// that can carry a location or the camera owner is removed before anything is stored:
//  - JPEG: APP1 (Exif, XMP), APP13 (IPTC/Photoshop) segments and comments;
//  - PNG: eXIf, tEXt, iTXt, zTXt chunks;
//  - WebP: EXIF and XMP chunks (and their flags in VP8X).

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function isPhotoType(value: string): value is PhotoType {
  return (PHOTO_TYPES as readonly string[]).includes(value);
}

/** The image type the bytes are, by their magic numbers, or null. */
export function sniffPhotoType(data: Buffer): PhotoType | null {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.length >= 8 && data.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  if (
    data.length >= 12 &&
    data.toString('latin1', 0, 4) === 'RIFF' &&
    data.toString('latin1', 8, 12) === 'WEBP'
  ) {
    return 'image/webp';
  }
  return null;
}

const invalid = () => new AppError('NEED_PHOTO_INVALID');

/** Check a photo (size, declared type = actual type) and return it without its metadata. */
export function cleanPhoto(declared: string, data: Buffer): { contentType: PhotoType; data: Buffer } {
  if (data.length > NEED_LIMITS.photoBytes) throw new AppError('NEED_PHOTO_TOO_LARGE');
  const type = sniffPhotoType(data);
  if (type === null || type !== declared) throw invalid();
  switch (type) {
    case 'image/jpeg':
      return { contentType: type, data: stripJpeg(data) };
    case 'image/png':
      return { contentType: type, data: stripPng(data) };
    case 'image/webp':
      return { contentType: type, data: stripWebp(data) };
  }
}

const JPEG_DROP = new Set([0xe1, 0xed, 0xfe]); // APP1, APP13, COM

/** A JPEG without APP1/APP13/COM segments. Everything from the start of scan on is copied as is. */
export function stripJpeg(data: Buffer): Buffer {
  const out: Buffer[] = [data.subarray(0, 2)];
  let i = 2;
  for (;;) {
    if (i >= data.length) throw invalid();
    if (data[i] !== 0xff) throw invalid();
    // Fill bytes: any number of 0xFF before a marker.
    let j = i;
    while (j < data.length && data[j] === 0xff) j++;
    if (j >= data.length) throw invalid();
    const marker = data[j]!;
    const start = j - 1;
    if (marker === 0xd9) {
      out.push(data.subarray(start, j + 1));
      break;
    }
    // Markers without a length: TEM and RSTn.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      out.push(data.subarray(start, j + 1));
      i = j + 1;
      continue;
    }
    if (j + 2 >= data.length) throw invalid();
    const length = data.readUInt16BE(j + 1);
    if (length < 2) throw invalid();
    const end = j + 1 + length;
    if (end > data.length) throw invalid();
    if (marker === 0xda) {
      // Start of scan: the entropy-coded data and everything after it stays.
      out.push(data.subarray(start));
      break;
    }
    if (!JPEG_DROP.has(marker)) out.push(data.subarray(start, end));
    i = end;
  }
  return Buffer.concat(out);
}

const PNG_DROP = new Set(['eXIf', 'tEXt', 'iTXt', 'zTXt']);

/** A PNG without its text and Exif chunks. */
export function stripPng(data: Buffer): Buffer {
  const out: Buffer[] = [PNG_SIGNATURE];
  let i = 8;
  let ended = false;
  while (i < data.length) {
    if (i + 12 > data.length) throw invalid();
    const length = data.readUInt32BE(i);
    const type = data.toString('latin1', i + 4, i + 8);
    const end = i + 12 + length;
    if (end > data.length || !/^[A-Za-z]{4}$/.test(type)) throw invalid();
    if (!PNG_DROP.has(type)) out.push(data.subarray(i, end));
    i = end;
    if (type === 'IEND') {
      ended = true;
      break;
    }
  }
  if (!ended) throw invalid();
  return Buffer.concat(out);
}

const WEBP_DROP = new Set(['EXIF', 'XMP ']);

/** A WebP without EXIF and XMP chunks; the VP8X flags and the RIFF size are fixed up. */
export function stripWebp(data: Buffer): Buffer {
  const riffSize = data.readUInt32LE(4);
  const total = Math.min(data.length, riffSize + 8);
  if (riffSize + 8 > data.length || total < 12) throw invalid();
  const chunks: Buffer[] = [];
  let i = 12;
  while (i < total) {
    if (i + 8 > total) throw invalid();
    const fourcc = data.toString('latin1', i, i + 4);
    const size = data.readUInt32LE(i + 4);
    const end = i + 8 + size + (size % 2);
    if (i + 8 + size > total) throw invalid();
    if (!WEBP_DROP.has(fourcc)) {
      const chunk = Buffer.from(data.subarray(i, Math.min(end, total)));
      if (fourcc === 'VP8X' && size >= 1) chunk[8] = chunk[8]! & ~0x0c; // clear the EXIF (0x08) and XMP (0x04) flags
      chunks.push(chunk);
    }
    i = end;
  }
  const body = Buffer.concat(chunks);
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(body.length + 4, 4);
  header.write('WEBP', 8, 'latin1');
  return Buffer.concat([header, body]);
}
