import { Button, Toast } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PHONE_PATTERN } from '../../../domain/limits.js';
import { errorMessage } from '../../i18n/error-message.js';
import { useRequestSmsLoginCode } from './auth.queries.js';

/** Ask for a log-in code, then count down until another may be asked for. */
export function SmsCodeButton({ getPhone }: { getPhone: () => string | undefined }) {
  const { t, i18n } = useTranslation();
  const request = useRequestSmsLoginCode();
  const [wait, setWait] = useState(0);

  useEffect(() => {
    if (wait <= 0) return;
    const timer = window.setTimeout(() => setWait((w) => w - 1), 1000);
    return () => window.clearTimeout(timer);
  }, [wait]);

  const send = () => {
    const phone = getPhone()?.trim() ?? '';
    if (!PHONE_PATTERN.test(phone)) {
      Toast.show({ content: t('validation.phone') });
      return;
    }
    request.mutate(phone, {
      onSuccess: (r) => {
        setWait(r.resendAfterSeconds);
        Toast.show({ content: t('auth.codeSent', { minutes: Math.round(r.expiresInSeconds / 60) }) });
      },
      onError: (err) => Toast.show({ content: errorMessage(err, t, i18n.language) }),
    });
  };

  return (
    <Button
      size="small"
      color="primary"
      fill="outline"
      className="ll-code-button"
      disabled={wait > 0}
      loading={request.isPending}
      onClick={send}
    >
      {wait > 0 ? t('auth.resendIn', { seconds: wait }) : t('auth.sendCode')}
    </Button>
  );
}
