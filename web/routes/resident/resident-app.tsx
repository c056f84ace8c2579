import { QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd-mobile';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Outlet, Route, Routes, useLocation } from 'react-router-dom';
import { createQueryClient } from '../../api/query-client.js';
import { ResidentLayout } from '../../components/resident/resident-layout.js';
import { CenteredLoading, ErrorState } from '../../components/resident/states.js';
import { useMe } from '../../features/auth/auth.queries.js';
import { LiveUpdates } from '../../features/notifications/live-updates.js';
import { errorMessage } from '../../i18n/error-message.js';
import { mobileLocale } from '../../i18n/ui-locales.js';
import { returnPath } from '../return-path.js';

const LoginPage = lazy(() => import('./login.page.js'));
const SignupPage = lazy(() => import('./signup.page.js'));
const HouseholdPage = lazy(() => import('./household.page.js'));
const BindRequestPage = lazy(() => import('./bind-request.page.js'));
const MePage = lazy(() => import('./me.page.js'));
const CardPage = lazy(() => import('./card.page.js'));
const LightUpPage = lazy(() => import('./light-up.page.js'));
const BuildingPage = lazy(() => import('./building.page.js'));
const NeedsPage = lazy(() => import('./needs.page.js'));
const NeedsAroundPage = lazy(() => import('./needs-around.page.js'));
const NeedsClaimsPage = lazy(() => import('./needs-claims.page.js'));
const NeedsFollowUpsPage = lazy(() => import('./needs-follow-ups.page.js'));
const NeedPostPage = lazy(() => import('./need-post.page.js'));
const NeedPage = lazy(() => import('./need.page.js'));
const InboxPage = lazy(() => import('./inbox.page.js'));
const MemberHubPage = lazy(() => import('./member-hub.page.js'));
const ReportInPage = lazy(() => import('./report-in.page.js'));
const MemberPostsPage = lazy(() => import('./member-posts.page.js'));
const MemberWhistlesPage = lazy(() => import('./member-whistles.page.js'));
const MemberSmallMattersPage = lazy(() => import('./member-small-matters.page.js'));
const MemberRecordPage = lazy(() => import('./member-record.page.js'));
const WallPage = lazy(() => import('./wall.page.js'));

/** Pages behind the log-in: anyone not signed in is sent to /login and brought back afterwards. */
function RequireSignIn() {
  const me = useMe();
  const location = useLocation();
  const { t, i18n } = useTranslation();
  if (me.isPending) return <CenteredLoading />;
  if (me.isError) {
    return (
      <ErrorState message={errorMessage(me.error, t, i18n.language)} onRetry={() => void me.refetch()} />
    );
  }
  if (!me.data) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  return (
    <>
      <LiveUpdates />
      <Outlet />
    </>
  );
}

/** Log-in and sign-up make no sense when already signed in. */
function GuestOnly() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <CenteredLoading />;
  if (me.data) return <Navigate to={returnPath(location.state)} replace />;
  return <Outlet />;
}

export function ResidentApp() {
  const [queryClient] = useState(createQueryClient);
  const { i18n } = useTranslation();
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={mobileLocale(i18n.language)}>
        <BrowserRouter>
          <Suspense fallback={<CenteredLoading />}>
            <Routes>
              <Route element={<GuestOnly />}>
                <Route path="/login" element={<LoginPage />} />
                <Route path="/signup" element={<SignupPage />} />
              </Route>
              <Route element={<RequireSignIn />}>
                <Route element={<ResidentLayout />}>
                  <Route index element={<HouseholdPage />} />
                  <Route path="/me" element={<MePage />} />
                  <Route path="/needs" element={<NeedsPage />} />
                  <Route path="/needs/around" element={<NeedsAroundPage />} />
                  <Route path="/needs/claims" element={<NeedsClaimsPage />} />
                  <Route path="/needs/follow-ups" element={<NeedsFollowUpsPage />} />
                  <Route path="/inbox" element={<InboxPage />} />
                  <Route path="/member" element={<MemberHubPage />} />
                </Route>
                <Route path="/bind" element={<BindRequestPage />} />
                <Route path="/light-up" element={<LightUpPage />} />
                <Route path="/building/:id" element={<BuildingPage />} />
                <Route path="/needs/new" element={<NeedPostPage />} />
                <Route path="/needs/:id" element={<NeedPage />} />
                <Route path="/member/report-in" element={<ReportInPage />} />
                <Route path="/member/posts" element={<MemberPostsPage />} />
                <Route path="/member/whistles" element={<MemberWhistlesPage />} />
                <Route path="/member/small-matters" element={<MemberSmallMattersPage />} />
                <Route path="/member/record" element={<MemberRecordPage />} />
                <Route path="/wall" element={<WallPage />} />
              </Route>
              {/* The public card a door sign's QR code opens: no log-in needed. */}
              <Route path="/card/:token" element={<CardPage />} />
              <Route path="*" element={<Navigate to="/" replace />} />
            </Routes>
          </Suspense>
        </BrowserRouter>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
