import { Button, Popup, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { isApiError } from '../../api/client.js';
import { CenteredLoading, ErrorState } from '../../components/resident/states.js';
import { useMe } from '../../features/auth/auth.queries.js';
import { CardView } from '../../features/lighting/card-view.js';
import { usePublicCard, useSendCardMessage } from '../../features/lighting/lighting.queries.js';
import '../../features/lighting/lighting.css';
import { errorMessage } from '../../i18n/error-message.js';
import { formatDate } from '../../features/lighting/dates.js';

/**
 * The public card a door sign's QR code opens: no log-in needed to read it. Contact goes through
 * Linli: a signed-in visitor leaves a short message; nobody sees a phone number.
 */
export default function CardPage() {
  const { t, i18n } = useTranslation('lighting');
  const { t: tc } = useTranslation();
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const card = usePublicCard(token);
  const me = useMe();
  const send = useSendCardMessage(token);
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');

  if (card.isPending) return <CenteredLoading />;
  if (card.isError) {
    if (isApiError(card.error, 'NOT_FOUND', 'VALIDATION_FAILED')) {
      return (
        <main className="lt-public" id="main">
          <section className="ll-card lt-gone" data-testid="card-gone">
            <h1 className="ll-empty-title">{t('card.goneTitle')}</h1>
            <p className="ll-muted">{t('card.goneBody')}</p>
          </section>
        </main>
      );
    }
    return (
      <ErrorState message={errorMessage(card.error, tc, i18n.language)} onRetry={() => void card.refetch()} />
    );
  }

  const contact = () => {
    if (!me.data) {
      void navigate('/login', { state: { from: location.pathname } });
      return;
    }
    setOpen(true);
  };

  const submit = () =>
    send.mutate(text.trim(), {
      onSuccess: () => {
        setOpen(false);
        setText('');
        Toast.show({ icon: 'success', content: t('card.sent') });
      },
      onError: (err) => Toast.show({ content: errorMessage(err, tc, i18n.language) }),
    });

  const c = card.data;
  return (
    <main className="lt-public" id="main">
      <CardView
        title={c.title}
        services={c.services}
        motto={c.motto}
        name={c.name}
        place={c.place}
        footer={
          <>
            {c.contactable && (
              <Button block color="primary" size="large" onClick={contact} data-testid="contact-button">
                {t('card.contact')}
              </Button>
            )}
            <p className="lt-hint">{me.data ? t('card.contactHint') : t('card.contactLoginHint')}</p>
            <p className="lt-hint">{t('card.litSince', { date: formatDate(c.litAt, i18n.language) })}</p>
          </>
        }
      />
      <Popup
        visible={open}
        onMaskClick={() => setOpen(false)}
        bodyStyle={{ padding: 16, borderRadius: '12px 12px 0 0' }}
      >
        <h2 className="ll-section-title">{t('card.messageTitle')}</h2>
        <TextArea
          value={text}
          onChange={setText}
          maxLength={300}
          showCount
          rows={4}
          placeholder={t('card.messagePlaceholder')}
          aria-label={t('card.messageTitle')}
        />
        <Button
          block
          color="primary"
          size="large"
          disabled={text.trim() === ''}
          loading={send.isPending}
          onClick={submit}
          style={{ marginTop: 12 }}
        >
          {t('card.send')}
        </Button>
      </Popup>
    </main>
  );
}
