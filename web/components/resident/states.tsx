import { Button, ErrorBlock, SpinLoading } from 'antd-mobile';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function CenteredLoading() {
  const { t } = useTranslation();
  return (
    <div className="ll-center" role="status" aria-live="polite">
      <SpinLoading color="primary" aria-hidden />
      <span className="ll-visually-hidden">{t('common.loading')}</span>
    </div>
  );
}

export function ErrorState({ message, onRetry }: { message: string; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="ll-center" role="alert">
      <ErrorBlock status="default" title={t('common.errorTitle')} description={message}>
        {onRetry && (
          <Button color="primary" fill="outline" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )}
      </ErrorBlock>
    </div>
  );
}

/** A quiet card for "nothing here yet", with an optional next step. */
export function EmptyCard({ title, body, action }: { title: string; body?: string; action?: ReactNode }) {
  return (
    <section className="ll-card ll-empty">
      <h2 className="ll-empty-title">{title}</h2>
      {body && <p className="ll-muted">{body}</p>}
      {action}
    </section>
  );
}
