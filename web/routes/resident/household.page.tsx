import { Button, Dialog, Toast } from 'antd-mobile';
import { AddOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { BindingView } from '../../api/types.js';
import { BindingCard } from '../../components/resident/binding-card.js';
import { HouseholdCard } from '../../components/resident/household-card.js';
import { PageHeader } from '../../components/resident/page-header.js';
import { QuickPrefs } from '../../components/resident/quick-prefs.js';
import { CenteredLoading, EmptyCard, ErrorState } from '../../components/resident/states.js';
import { LightingShortcuts } from '../../features/lighting/lighting-shortcuts.js';
import { rolesOf, useMe } from '../../features/auth/auth.queries.js';
import { useMyBindings, useWithdrawBinding } from '../../features/bindings/bindings.queries.js';
import { usePlaceDetails } from '../../features/places/places.queries.js';
import { useElderlyToggle } from '../../features/preferences/use-elderly-toggle.js';
import { errorMessage } from '../../i18n/error-message.js';

/** Home: the resident's household, or the way to ask for one, and her requests. */
export default function HouseholdPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const me = useMe().data;
  const [elderly, setElderly] = useElderlyToggle();
  const homes = rolesOf(me, 'resident').filter((r) => r.placeId !== null);
  const details = usePlaceDetails(homes.map((h) => h.placeId!));
  const bindings = useMyBindings();
  const withdraw = useWithdrawBinding();

  const confirmWithdraw = async (binding: BindingView) => {
    const ok = await Dialog.confirm({
      content: t('resident.household.withdrawConfirm'),
      confirmText: t('resident.household.withdraw'),
      cancelText: t('common.cancel'),
    });
    if (!ok) return;
    withdraw.mutate(binding.id, {
      onSuccess: () => Toast.show({ icon: 'success', content: t('resident.household.withdrawn') }),
      onError: (err) => Toast.show({ content: errorMessage(err, t, i18n.language) }),
    });
  };

  const requests = bindings.data ?? [];
  const goBind = () => void navigate('/bind');

  return (
    <>
      <PageHeader
        title={me ? t('resident.greeting', { name: me.displayName }) : t('resident.household.title')}
        extra={<QuickPrefs elderly={elderly} onElderlyChange={setElderly} />}
      />
      <div className="ll-page">
        <h2 className="ll-section-title">{t('resident.household.title')}</h2>
        {homes.length > 0 ? (
          <>
            {homes.map((home, i) => {
              const detail = details[i]?.data;
              const path = (detail?.ancestors ?? []).filter((a) => a.kind !== 'district').map((a) => a.name);
              return <HouseholdCard key={home.placeId} name={detail?.name ?? home.placeName} path={path} />;
            })}
            <Button className="ll-secondary-cta" fill="none" color="primary" onClick={goBind}>
              <AddOutline aria-hidden /> {t('resident.household.requestAnother')}
            </Button>
          </>
        ) : (
          <EmptyCard
            title={t('resident.household.noneTitle')}
            body={t('resident.household.noneBody')}
            action={
              <Button block color="primary" size="large" onClick={goBind}>
                {t('resident.household.requestCta')}
              </Button>
            }
          />
        )}

        <LightingShortcuts householdIds={homes.map((h) => h.placeId!)} />

        {bindings.isPending && <CenteredLoading />}
        {bindings.isError && (
          <ErrorState
            message={errorMessage(bindings.error, t, i18n.language)}
            onRetry={() => void bindings.refetch()}
          />
        )}
        {requests.length > 0 && (
          <section aria-labelledby="requests-title">
            <h2 className="ll-section-title" id="requests-title">
              {t('resident.household.requestsTitle')}
            </h2>
            {requests.map((b) => (
              <BindingCard
                key={b.id}
                binding={b}
                onWithdraw={(x) => void confirmWithdraw(x)}
                withdrawing={withdraw.isPending && withdraw.variables === b.id}
              />
            ))}
          </section>
        )}
      </div>
    </>
  );
}
