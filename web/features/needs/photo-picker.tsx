import { Toast } from 'antd-mobile';
import { CameraOutline, CloseOutline, RedoOutline } from 'antd-mobile-icons';
import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { PHOTO_TYPES } from '../../../domain/needs.js';
import type { PhotoUploads } from './photo-uploads.js';

/** Thumbnails of the picked photos, each with its progress, and a large button to add more. */
export function PhotoPicker({ uploads, label }: { uploads: PhotoUploads; label: string }) {
  const { t } = useTranslation('needs');
  const input = useRef<HTMLInputElement>(null);
  const labelId = useId();
  return (
    <div className="nd-photos" role="group" aria-labelledby={labelId}>
      <span id={labelId} className="ll-field-label">
        {label}
      </span>
      <ul className="nd-photo-grid">
        {uploads.items.map((it, i) => (
          <li key={it.key} className="nd-photo" data-testid="photo-item" data-status={it.status}>
            <img src={it.preview} alt="" />
            {(it.status === 'uploading' || it.status === 'waiting') && (
              <span className="nd-photo-progress" role="status">
                <span className="nd-photo-bar" style={{ width: `${Math.round(it.progress * 100)}%` }} />
                <span className="nd-photo-percent">
                  {t('post.uploading', { percent: Math.round(it.progress * 100) })}
                </span>
              </span>
            )}
            {it.status === 'failed' && (
              <button
                type="button"
                className="nd-photo-failed"
                onClick={() => uploads.retry(it.key)}
                aria-label={t('post.uploadFailed')}
              >
                <RedoOutline aria-hidden />
                <span>{t('post.uploadFailed')}</span>
              </button>
            )}
            <button
              type="button"
              className="nd-photo-remove"
              aria-label={t('post.removePhoto', { n: i + 1 })}
              onClick={() => uploads.remove(it.key)}
            >
              <CloseOutline aria-hidden />
            </button>
          </li>
        ))}
        {!uploads.full && (
          <li className="nd-photo nd-photo-add">
            <button type="button" onClick={() => input.current?.click()} data-testid="add-photo">
              <CameraOutline aria-hidden />
              <span>{t('post.addPhoto')}</span>
            </button>
          </li>
        )}
      </ul>
      <input
        ref={input}
        type="file"
        accept={PHOTO_TYPES.join(',')}
        multiple
        hidden
        data-testid="photo-input"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (uploads.add(files) > 0) Toast.show({ content: t('post.photoLimit') });
        }}
      />
    </div>
  );
}
