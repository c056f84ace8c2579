import { Button, Dialog, Tag, Toast } from 'antd-mobile';
import { RightOutline } from 'antd-mobile-icons';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { PageHeader } from '../../components/resident/page-header.js';
import { hasStaffRole, useLogout, useMe } from '../../features/auth/auth.queries.js';
import { VerifyPhonePopup } from '../../features/auth/verify-phone-popup.js';
import { MemberShortcut } from '../../features/members/member-shortcut.js';
import { InboxEntry } from '../../features/notifications/inbox-entry.js';
import { useElderlyToggle } from '../../features/preferences/use-elderly-toggle.js';
import { LANGUAGES, setLanguage } from '../../i18n/index.js';

/** The resident's own account: who she is, her roles, and the settings (language, elderly mode). */
export default function MePage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const me = useMe().data;
  const logout = useLogout();
  const [elderly, setElderly] = useElderlyToggle();
  const [verifying, setVerifying] = useState(false);
  const languageLabelId = useId();
  if (!me) return null;

  const confirmLogout = async () => {
    const ok = await Dialog.confirm({
      content: t('auth.logoutConfirm'),
      confirmText: t('common.logout'),
      cancelText: t('common.cancel'),
    });
    if (!ok) return;
    logout.mutate(undefined, {
      onSettled: () => {
        Toast.show({ content: t('auth.loggedOut') });
        void navigate('/login', { replace: true });
      },
    });
  };

  return (
    <>
      <PageHeader title={t('resident.me.title')} />
      <div className="ll-page">
        <section className="ll-card ll-profile" aria-label={t('resident.me.title')}>
          <span className="ll-avatar" aria-hidden>
            {[...me.displayName][0] ?? '?'}
          </span>
          <div className="ll-profile-text">
            <p className="ll-profile-name">{me.displayName}</p>
            <p className="ll-profile-phone">
              <span className="ll-muted">{t('resident.me.phone')}</span>
              <span data-testid="my-phone">{me.phone ?? t('resident.me.noPhone')}</span>
              {me.phone && (
                <Tag color={me.phoneVerified ? 'success' : 'warning'} fill="outline" className="ll-tag">
                  {me.phoneVerified ? t('resident.me.verified') : t('resident.me.unverified')}
                </Tag>
              )}
            </p>
            {me.phone && !me.phoneVerified && (
              <Button size="small" color="primary" fill="outline" onClick={() => setVerifying(true)}>
                {t('resident.me.verifyPhone')}
              </Button>
            )}
          </div>
        </section>

        <h2 className="ll-section-title">{t('resident.me.roles')}</h2>
        <section className="ll-card">
          {me.roles.length === 0 ? (
            <p className="ll-muted">{t('resident.me.noRoles')}</p>
          ) : (
            <ul className="ll-role-list">
              {me.roles.map((r) => (
                <li key={`${r.role}:${r.placeId ?? ''}`}>
                  <span className="ll-role-name">{t(`role.${r.role}`)}</span>
                  <span className="ll-muted">{r.placeName}</span>
                </li>
              ))}
            </ul>
          )}
        </section>

        <InboxEntry />
        <MemberShortcut />

        <h2 className="ll-section-title">{t('resident.me.settings')}</h2>
        <section className="ll-card ll-settings">
          <button
            type="button"
            role="switch"
            aria-checked={elderly}
            className="ll-setting ll-setting-button"
            onClick={() => setElderly(!elderly)}
            data-testid="elderly-switch"
          >
            <span className="ll-setting-text">
              <span className="ll-setting-label">{t('elderly.name')}</span>
              <span className="ll-muted">{t('elderly.hint')}</span>
            </span>
            <span className={elderly ? 'll-switch ll-switch-on' : 'll-switch'} aria-hidden />
          </button>
          <div className="ll-setting">
            <span id={languageLabelId} className="ll-setting-label">
              {t('common.language')}
            </span>
            <div className="ll-segmented" role="group" aria-labelledby={languageLabelId}>
              {LANGUAGES.map((lang) => (
                <button
                  key={lang}
                  type="button"
                  lang={lang}
                  className={i18n.language === lang ? 'll-segment ll-segment-on' : 'll-segment'}
                  aria-pressed={i18n.language === lang}
                  onClick={() => void setLanguage(lang)}
                >
                  {t(`language.${lang}`)}
                </button>
              ))}
            </div>
          </div>
          {hasStaffRole(me) && (
            <a className="ll-setting ll-setting-link" href="/console">
              <div className="ll-setting-text">
                <span className="ll-setting-label">{t('resident.me.console')}</span>
                <span className="ll-muted">{t('resident.me.consoleHint')}</span>
              </div>
              <RightOutline aria-hidden />
            </a>
          )}
        </section>

        <Button
          block
          size="large"
          className="ll-logout"
          loading={logout.isPending}
          onClick={() => void confirmLogout()}
        >
          {t('common.logout')}
        </Button>
      </div>
      {me.phone && (
        <VerifyPhonePopup phone={me.phone} visible={verifying} onClose={() => setVerifying(false)} />
      )}
    </>
  );
}
