import { Alert, App, Button, Card, ConfigProvider, Empty, InputNumber, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_NEED_SETTINGS } from '../../../domain/needs.js';
import { isNoAccess } from '../../api/client.js';
import { ErrorResult, NoAccessResult } from '../../components/console/error-result.js';
import { PageHeading } from '../../components/console/page-heading.js';
import { CategoriesCard, type Draft, LadderCard } from '../../features/needboard/need-settings-cards.js';
import { useMe } from '../../features/auth/auth.queries.js';
import { useNeedSettings, useSaveNeedSettings } from '../../features/needboard/needboard.queries.js';
import { PlaceTreeSelect } from '../../features/places/place-tree-select.js';
import { useScope } from '../../features/places/use-scope.js';
import { errorMessage } from '../../i18n/error-message.js';
import { formatDateTime } from '../../i18n/format.js';

/** 需求设置: a district's categories, escalation ladder and auto-confirmation (district and system admins). */
export default function NeedSettingsPage() {
  const { t, i18n } = useTranslation('needboard');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const { roots, scopeId, setScope } = useScope();
  const settings = useNeedSettings(scopeId);
  const save = useSaveNeedSettings();
  const [draft, setDraft] = useState<Draft | null>(null);
  const rootList = roots.data ?? [];
  const loaded = settings.data;
  // Only district and system admins change the settings; others see what is in force.
  const me = useMe().data;
  const manages = (me?.roles ?? []).some((r) => r.role === 'district_admin' || r.role === 'system_admin');

  useEffect(() => {
    if (loaded)
      setDraft({
        categories: loaded.categories,
        ladder: loaded.ladder,
        autoConfirmDays: loaded.autoConfirmDays,
      });
  }, [loaded]);

  const body = () => {
    if (roots.isSuccess && rootList.length === 0) return <Empty description={tc('console.noScope')} />;
    if (settings.isError) {
      return isNoAccess(settings.error) ? (
        <NoAccessResult />
      ) : (
        <ErrorResult
          message={errorMessage(settings.error, tc, i18n.language)}
          onRetry={() => void settings.refetch()}
        />
      );
    }
    if (!draft) return <Spin />;
    return (
      <div className={`nb-settings${manages ? '' : ' is-readonly'}`}>
        {!manages && <Alert type="info" showIcon message={t('settings.readOnly')} />}
        <ConfigProvider componentDisabled={!manages}>
          <CategoriesCard draft={draft} onChange={setDraft} readOnly={!manages} />
          <LadderCard draft={draft} onChange={setDraft} readOnly={!manages} />
          <Card title={t('settings.autoConfirm')} className="nb-settings-card">
            <Space size={8} align="center">
              <InputNumber
                min={1}
                max={60}
                value={draft.autoConfirmDays}
                aria-label={t('settings.autoConfirm')}
                onChange={(v) => setDraft({ ...draft, autoConfirmDays: v ?? 1 })}
              />
              <Typography.Text>{t('settings.days')}</Typography.Text>
            </Space>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              {t('settings.autoConfirmHint')}
            </Typography.Paragraph>
          </Card>
        </ConfigProvider>
      </div>
    );
  };

  return (
    <div className="cl-page">
      <PageHeading
        title={t('settings.title')}
        subtitle={t('settings.subtitle')}
        extra={
          <Space wrap>
            <PlaceTreeSelect
              roots={rootList}
              value={scopeId}
              onChange={(id) => setScope(id)}
              ariaLabel={tc('console.scope')}
              leafKinds={['district']}
              isSelectable={(p) => p.kind === 'district'}
              width={220}
            />
            {loaded?.updatedAt && (
              <Typography.Text type="secondary">
                {t('settings.updatedAt', { at: formatDateTime(loaded.updatedAt, i18n.language) })}
              </Typography.Text>
            )}
            {manages && (
              <Button
                onClick={() =>
                  setDraft({
                    categories: DEFAULT_NEED_SETTINGS.categories,
                    ladder: DEFAULT_NEED_SETTINGS.ladder,
                    autoConfirmDays: DEFAULT_NEED_SETTINGS.autoConfirmDays,
                  })
                }
                disabled={!draft}
              >
                {t('settings.defaults')}
              </Button>
            )}
            {manages && (
              <Button
                type="primary"
                disabled={!draft || !scopeId}
                loading={save.isPending}
                data-testid="save-settings"
                onClick={() =>
                  draft &&
                  scopeId &&
                  save.mutate(
                    { placeId: scopeId, body: draft },
                    {
                      onSuccess: () => void message.success(t('settings.saved')),
                      onError: (e) => void message.error(errorMessage(e, tc, i18n.language)),
                    },
                  )
                }
              >
                {tc('common.save')}
              </Button>
            )}
          </Space>
        }
      />
      {body()}
    </div>
  );
}
