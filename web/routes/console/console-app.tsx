import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Spin, type ThemeConfig } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Outlet, Route, Routes, useLocation } from 'react-router-dom';
import { createQueryClient } from '../../api/query-client.js';
import { ErrorResult } from '../../components/console/error-result.js';
import { useMe } from '../../features/auth/auth.queries.js';
import { errorMessage } from '../../i18n/error-message.js';
import { antdLocale } from '../../i18n/ui-locales.js';
import { returnPath } from '../return-path.js';
import { ConsoleLayout } from './console-layout.js';

const LoginPage = lazy(() => import('./login.page.js'));
const PlacesPage = lazy(() => import('./places.page.js'));
const OrganisationPage = lazy(() => import('./organisation.page.js'));
const PeoplePage = lazy(() => import('./people.page.js'));
const BindingsPage = lazy(() => import('./bindings.page.js'));
const AuditPage = lazy(() => import('./audit.page.js'));
const PartnersPage = lazy(() => import('./partners.page.js'));
const LightingPage = lazy(() => import('./lighting.page.js'));
const StandardsPage = lazy(() => import('./standards.page.js'));
const LivingRoomsPage = lazy(() => import('./living-rooms.page.js'));
const RostersPage = lazy(() => import('./rosters.page.js'));
const OverviewPage = lazy(() => import('./overview.page.js'));
const MembersPage = lazy(() => import('./members.page.js'));
const PostsPage = lazy(() => import('./posts.page.js'));
const WhistlesPage = lazy(() => import('./whistles.page.js'));
const SmallMattersPage = lazy(() => import('./small-matters.page.js'));
const NeedsPage = lazy(() => import('./needs.page.js'));
const NeedSettingsPage = lazy(() => import('./need-settings.page.js'));
const Open311KeysPage = lazy(() => import('./open311-keys.page.js'));

const FONT =
  "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', " +
  "'Source Han Sans SC', 'Helvetica Neue', Arial, sans-serif";

/** Calm neutrals; the party-building red marks only what is primary or selected. */
const THEME: ThemeConfig = {
  token: {
    colorPrimary: '#c8102e',
    colorLink: '#c8102e',
    colorBgLayout: '#f4f5f7',
    colorText: '#1f2329',
    borderRadius: 6,
    fontFamily: FONT,
    fontSize: 14,
  },
  components: {
    Layout: { siderBg: '#ffffff', headerBg: '#ffffff', headerHeight: 56, headerPadding: '0 24px' },
    Menu: { itemSelectedBg: '#fdf0f2', itemSelectedColor: '#c8102e', itemHeight: 44, itemMarginInline: 8 },
    Table: { headerBg: '#fafafa' },
  },
};

export function PageLoading() {
  const { t } = useTranslation();
  return (
    <div className="cl-page-loading" role="status">
      <Spin />
      <span className="cl-visually-hidden">{t('common.loading')}</span>
    </div>
  );
}

function RequireSignIn() {
  const me = useMe();
  const location = useLocation();
  const { t, i18n } = useTranslation();
  if (me.isPending) return <PageLoading />;
  if (me.isError) {
    return (
      <ErrorResult message={errorMessage(me.error, t, i18n.language)} onRetry={() => void me.refetch()} />
    );
  }
  if (!me.data) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  return <Outlet />;
}

function GuestOnly() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <PageLoading />;
  if (me.data) return <Navigate to={returnPath(location.state)} replace />;
  return <Outlet />;
}

export function ConsoleApp() {
  const [queryClient] = useState(createQueryClient);
  const { i18n } = useTranslation();
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={antdLocale(i18n.language)} theme={THEME} button={{ autoInsertSpace: false }}>
        <AntApp>
          <BrowserRouter basename="/console">
            <Suspense fallback={<PageLoading />}>
              <Routes>
                <Route element={<GuestOnly />}>
                  <Route path="/login" element={<LoginPage />} />
                </Route>
                <Route element={<RequireSignIn />}>
                  <Route element={<ConsoleLayout />}>
                    <Route index element={<Navigate to="/places" replace />} />
                    <Route path="/places" element={<PlacesPage />} />
                    <Route path="/organisation" element={<OrganisationPage />} />
                    <Route path="/people" element={<PeoplePage />} />
                    <Route path="/bindings" element={<BindingsPage />} />
                    <Route path="/audit" element={<AuditPage />} />
                    <Route path="/partners" element={<PartnersPage />} />
                    <Route path="/lighting" element={<LightingPage />} />
                    <Route path="/standards" element={<StandardsPage />} />
                    <Route path="/living-rooms" element={<LivingRoomsPage />} />
                    <Route path="/rosters" element={<RostersPage />} />
                    <Route path="/overview" element={<OverviewPage />} />
                    <Route path="/members" element={<MembersPage />} />
                    <Route path="/posts" element={<PostsPage />} />
                    <Route path="/whistles" element={<WhistlesPage />} />
                    <Route path="/small-matters" element={<SmallMattersPage />} />
                    <Route path="/needs/:needId?" element={<NeedsPage />} />
                    <Route path="/need-settings" element={<NeedSettingsPage />} />
                    <Route path="/open311-keys" element={<Open311KeysPage />} />
                  </Route>
                </Route>
                <Route path="*" element={<Navigate to="/" replace />} />
              </Routes>
            </Suspense>
          </BrowserRouter>
        </AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
