import { useCallback, useEffect, useRef, useState } from 'react';
import { NEED_LIMITS, PHOTO_TYPES } from '../../../domain/needs.js';
import { type NeedPhotoView, uploadNeedPhoto } from './needs.queries.js';

export interface PhotoItem {
  key: string;
  /** A blob: URL of the picked file, for the thumbnail. */
  preview: string;
  status: 'waiting' | 'uploading' | 'done' | 'failed';
  progress: number;
  photo: NeedPhotoView | null;
  error: unknown;
}

/** Longest side of a photo as sent: enough to see a broken part, small enough for a phone's upload. */
const MAX_SIDE = 1600;

/**
 * Shrink a large photo on the phone before it is sent (re-encoding also drops its location data).
 * Small photos and anything the browser cannot decode go as they are.
 */
export async function downscale(file: File): Promise<Blob> {
  if (typeof createImageBitmap === 'undefined') return file;
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    if (scale === 1 && file.size <= 1.5 * 1024 * 1024) {
      bitmap.close();
      return file;
    }
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/jpeg', 0.85));
    return blob && blob.size < file.size ? blob : file;
  } catch {
    return file;
  }
}

let counter = 0;

/**
 * Photos picked for a need or a service log, uploaded one at a time (a phone on a weak network does
 * better with one upload than nine at once), each with its own progress.
 */
export function usePhotoUploads(max: number = NEED_LIMITS.photos) {
  const [items, setItems] = useState<PhotoItem[]>([]);
  const files = useRef(new Map<string, File>());
  const running = useRef(false);

  const update = useCallback((key: string, change: Partial<PhotoItem>) => {
    setItems((list) => list.map((it) => (it.key === key ? { ...it, ...change } : it)));
  }, []);

  // The queue: whenever nothing is uploading and something waits, send the next one.
  useEffect(() => {
    if (running.current) return;
    const next = items.find((it) => it.status === 'waiting');
    if (!next) return;
    const file = files.current.get(next.key);
    if (!file) return;
    running.current = true;
    update(next.key, { status: 'uploading', progress: 0 });
    void (async () => {
      try {
        const blob = await downscale(file);
        const photo = await uploadNeedPhoto(blob, (p) => update(next.key, { progress: p }));
        update(next.key, { status: 'done', progress: 1, photo });
      } catch (error) {
        update(next.key, { status: 'failed', error });
      } finally {
        running.current = false;
        setItems((list) => [...list]);
      }
    })();
  }, [items, update]);

  // Thumbnails' object URLs are let go when the form goes away.
  const previews = useRef<string[]>([]);
  useEffect(() => () => previews.current.forEach((u) => URL.revokeObjectURL(u)), []);

  const add = (picked: File[]): number => {
    const room = Math.max(0, max - items.length);
    const accepted = picked.filter((f) => (PHOTO_TYPES as readonly string[]).includes(f.type)).slice(0, room);
    const added = accepted.map((file) => {
      const key = `p${++counter}`;
      files.current.set(key, file);
      const preview = URL.createObjectURL(file);
      previews.current.push(preview);
      return { key, preview, status: 'waiting', progress: 0, photo: null, error: null } satisfies PhotoItem;
    });
    setItems((list) => [...list, ...added]);
    return picked.length - accepted.length;
  };

  const remove = (key: string) => {
    files.current.delete(key);
    setItems((list) => list.filter((it) => it.key !== key));
  };

  const retry = (key: string) => update(key, { status: 'waiting', progress: 0, error: null });

  const reset = () => {
    files.current.clear();
    setItems([]);
  };

  return {
    items,
    add,
    remove,
    retry,
    reset,
    busy: items.some((it) => it.status === 'waiting' || it.status === 'uploading'),
    ids: items.flatMap((it) => (it.photo ? [it.photo.id] : [])),
    full: items.length >= max,
  };
}

export type PhotoUploads = ReturnType<typeof usePhotoUploads>;
