import { LockOutlined } from '@ant-design/icons';
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';

/** A failed load, said plainly, with a way to try again. */
export function ErrorResult({ message, onRetry }: { message: string; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Result
      status="warning"
      title={t('common.errorTitle')}
      subTitle={message}
      extra={onRetry && <Button onClick={onRetry}>{t('common.retry')}</Button>}
    />
  );
}

/** What a user without the permission sees instead of a crash (the API answered 403 or 404). */
export function NoAccessResult() {
  const { t } = useTranslation();
  return (
    <Result
      icon={<LockOutlined className="cl-result-icon" aria-hidden />}
      title={t('console.noAccessTitle')}
      subTitle={t('console.noAccessBody')}
    />
  );
}
