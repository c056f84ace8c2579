import { BellOutline, UnorderedListOutline, UserOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router-dom';
import { UnreadBadge } from '../../features/notifications/unread-badge.js';
import { HomeIcon } from './home-icon.js';

/** The signed-in frame of the resident app: the page, and a bottom tab bar within thumb reach. */
export function ResidentLayout() {
  const { t } = useTranslation();
  const tabs = [
    { to: '/', title: t('resident.tabHome'), icon: <HomeIcon /> },
    { to: '/needs', title: t('nav', { ns: 'needs' }), icon: <UnorderedListOutline aria-hidden /> },
    {
      to: '/inbox',
      title: t('tab', { ns: 'notifications' }),
      icon: (
        <UnreadBadge>
          <BellOutline aria-hidden />
        </UnreadBadge>
      ),
    },
    { to: '/me', title: t('resident.tabMe'), icon: <UserOutline aria-hidden /> },
  ];
  return (
    <div className="ll-app">
      <main className="ll-main" id="main">
        <Outlet />
      </main>
      <nav className="ll-tabbar" aria-label={t('resident.nav')}>
        {tabs.map((tab) => (
          <NavLink key={tab.to} to={tab.to} end={tab.to === '/'} className="ll-tab">
            <span className="ll-tab-icon">{tab.icon}</span>
            <span className="ll-tab-title">{tab.title}</span>
          </NavLink>
        ))}
      </nav>
    </div>
  );
}
