import { Button, CenterPopup, Input, Toast } from 'antd-mobile';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/resident/form-error.js';
import { errorMessage } from '../../i18n/error-message.js';
import { useRequestPhoneVerificationCode, useVerifyPhone } from './auth.queries.js';

/** Verify the caller's own phone: send a code to it, type the code back. */
export function VerifyPhonePopup({
  phone,
  visible,
  onClose,
}: {
  phone: string;
  visible: boolean;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const send = useRequestPhoneVerificationCode();
  const verify = useVerifyPhone();
  const [code, setCode] = useState('');
  const [wait, setWait] = useState(0);
  const inputId = useId();
  const titleId = useId();

  useEffect(() => {
    if (wait <= 0) return;
    const timer = window.setTimeout(() => setWait((w) => w - 1), 1000);
    return () => window.clearTimeout(timer);
  }, [wait]);

  const requestCode = () =>
    send.mutate(undefined, {
      onSuccess: (r) => {
        setWait(r.resendAfterSeconds);
        Toast.show({ content: t('auth.codeSent', { minutes: Math.round(r.expiresInSeconds / 60) }) });
      },
      onError: (err) => Toast.show({ content: errorMessage(err, t, i18n.language) }),
    });

  const confirm = () =>
    verify.mutate(code.trim(), {
      onSuccess: () => {
        Toast.show({ icon: 'success', content: t('resident.me.verifyDone') });
        onClose();
      },
    });

  return (
    <CenterPopup visible={visible} onClose={onClose} showCloseButton role="dialog" aria-labelledby={titleId}>
      <div className="ll-popup">
        <h2 className="ll-section-title" id={titleId}>
          {t('resident.me.verifyTitle')}
        </h2>
        <p className="ll-muted">{t('resident.me.verifyBody', { phone })}</p>
        <Button
          block
          fill="outline"
          color="primary"
          disabled={wait > 0}
          loading={send.isPending}
          onClick={requestCode}
        >
          {wait > 0 ? t('auth.resendIn', { seconds: wait }) : t('auth.sendCode')}
        </Button>
        <label className="ll-field-label" htmlFor={inputId}>
          {t('auth.code')}
        </label>
        <Input
          id={inputId}
          className="ll-input-box"
          value={code}
          onChange={setCode}
          inputMode="numeric"
          maxLength={6}
          placeholder={t('auth.codePlaceholder')}
          autoComplete="one-time-code"
        />
        {verify.isError && <FormError message={errorMessage(verify.error, t, i18n.language)} />}
        <Button
          block
          color="primary"
          size="large"
          disabled={!/^\d{6}$/.test(code.trim())}
          loading={verify.isPending}
          onClick={confirm}
        >
          {t('common.confirm')}
        </Button>
      </div>
    </CenterPopup>
  );
}
