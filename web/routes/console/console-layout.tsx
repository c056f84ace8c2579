import {
  ApartmentOutlined,
  BulbOutlined,
  ShareAltOutlined,
  ClusterOutlined,
  TeamOutlined,
  AuditOutlined,
  DashboardOutlined,
  FlagOutlined,
  IdcardOutlined,
  SoundOutlined,
  CheckSquareOutlined,
  AlertOutlined,
  ApiOutlined,
  ControlOutlined,
  DownOutlined,
  FileExcelOutlined,
  HomeOutlined,
  LogoutOutlined,
  MobileOutlined,
  SafetyCertificateOutlined,
  SolutionOutlined,
} from '@ant-design/icons';
import { App, Button, Dropdown, Layout, Menu } from 'antd';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { BrandMark } from '../../components/shared/brand-mark.js';
import { LanguageSwitch } from '../../components/console/language-switch.js';
import { useLogout, useMe } from '../../features/auth/auth.queries.js';
import { NotificationBell } from '../../features/needboard/notification-bell.js';

const { Sider, Header, Content } = Layout;

/** The console frame: side menu, a header with who is signed in, the language and log-out. */
export function ConsoleLayout() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe().data;
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  const section = '/' + (location.pathname.split('/')[1] ?? '');
  const mainRole = me?.roles.find((r) => r.role !== 'resident') ?? me?.roles[0];

  const items = [
    { key: '/overview', icon: <DashboardOutlined />, label: t('nav.overview', { ns: 'members' }) },
    { key: '/places', icon: <ApartmentOutlined />, label: t('console.nav.places') },
    {
      key: '/organisation',
      icon: <ClusterOutlined />,
      label: t('nav.organisation', { ns: 'organisation' }),
    },
    { key: '/people', icon: <TeamOutlined />, label: t('nav.people', { ns: 'organisation' }) },
    { key: '/bindings', icon: <SolutionOutlined />, label: t('console.nav.bindings') },
    { key: '/standards', icon: <SafetyCertificateOutlined />, label: t('nav', { ns: 'standards' }) },
    { key: '/living-rooms', icon: <HomeOutlined />, label: t('navRooms', { ns: 'standards' }) },
    { key: '/partners', icon: <ShareAltOutlined />, label: t('nav', { ns: 'partners' }) },
    { key: '/lighting', icon: <BulbOutlined />, label: t('nav', { ns: 'lighting' }) },
    { key: '/members', icon: <IdcardOutlined />, label: t('nav.members', { ns: 'members' }) },
    { key: '/posts', icon: <FlagOutlined />, label: t('nav.posts', { ns: 'members' }) },
    { key: '/whistles', icon: <SoundOutlined />, label: t('nav.whistles', { ns: 'members' }) },
    { key: '/small-matters', icon: <CheckSquareOutlined />, label: t('nav.smallMatters', { ns: 'members' }) },
    { key: '/rosters', icon: <FileExcelOutlined />, label: t('nav', { ns: 'rosters' }) },
    { key: '/needs', icon: <AlertOutlined />, label: t('nav.board', { ns: 'needboard' }) },
    { key: '/need-settings', icon: <ControlOutlined />, label: t('nav.settings', { ns: 'needboard' }) },
    { key: '/open311-keys', icon: <ApiOutlined />, label: t('nav.keys', { ns: 'needboard' }) },
    { key: '/audit', icon: <AuditOutlined />, label: t('console.nav.audit') },
  ];

  const doLogout = () =>
    logout.mutate(undefined, {
      onSettled: () => {
        void message.success(t('auth.loggedOut'));
        void navigate('/login', { replace: true });
      },
    });

  return (
    <Layout className="cl-shell">
      <Sider width={224} className="cl-sider" breakpoint="lg" collapsedWidth={64} theme="light">
        <a className="cl-logo" href="/console/places" aria-label={t('app.consoleName')}>
          <BrandMark size={32} />
          <span className="cl-logo-text">{t('app.consoleName')}</span>
        </a>
        <nav aria-label={t('console.menu')} className="cl-nav">
          <Menu
            mode="inline"
            selectedKeys={[section]}
            items={items}
            onClick={({ key }) => void navigate(key)}
            className="cl-menu"
          />
        </nav>
      </Sider>
      <Layout>
        <Header className="cl-header">
          <div className="cl-header-spacer" />
          <NotificationBell />
          <LanguageSwitch />
          <Button type="text" icon={<MobileOutlined />} href="/" className="cl-header-link">
            {t('console.residentApp')}
          </Button>
          <Dropdown
            trigger={['click']}
            menu={{
              items: [{ key: 'logout', icon: <LogoutOutlined />, label: t('common.logout') }],
              onClick: ({ key }) => key === 'logout' && doLogout(),
            }}
          >
            <Button type="text" className="cl-user" data-testid="user-menu">
              <span className="cl-user-avatar" aria-hidden>
                {[...(me?.displayName ?? '?')][0]}
              </span>
              <span className="cl-user-text">
                <span className="cl-user-name">{me?.displayName}</span>
                {mainRole && (
                  <span className="cl-user-role">
                    {t(`role.${mainRole.role}`)}
                    {mainRole.placeName ? ` · ${mainRole.placeName}` : ''}
                  </span>
                )}
              </span>
              <DownOutlined aria-hidden className="cl-user-caret" />
            </Button>
          </Dropdown>
        </Header>
        <Content className="cl-content" id="main">
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
