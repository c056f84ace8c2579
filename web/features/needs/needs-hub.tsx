import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router-dom';
import { roleHas } from '../../../domain/roles.js';
import type { MeView } from '../../api/types.js';
import { FollowUpsLink } from './follow-ups-link.js';

/** Whether the signed-in user may serve needs (volunteers, leaders, members, staff, partner contacts). */
export function canServe(me: MeView | null | undefined): boolean {
  return (me?.roles ?? []).some((r) => roleHas(r.role, 'needs.serve'));
}

/**
 * For helpers: the switch between her own needs, the needs around her, and the ones she claimed; and
 * the way to her open follow-ups.
 */
export function NeedsHub({ me }: { me: MeView | null | undefined }) {
  const { t } = useTranslation('needs');
  // Follow-ups are asked of responders; anyone who has one open is shown the way to it.
  if (!canServe(me)) return <FollowUpsLink />;
  const links = [
    { to: '/needs', label: t('hub.mine') },
    { to: '/needs/around', label: t('hub.around') },
    { to: '/needs/claims', label: t('hub.claims') },
  ];
  return (
    <>
      <nav className="ll-segmented nd-hub" aria-label={t('hub.label')}>
        {links.map((l) => (
          <NavLink
            key={l.to}
            to={l.to}
            end
            replace
            className={({ isActive }) => (isActive ? 'll-segment ll-segment-on' : 'll-segment')}
          >
            {l.label}
          </NavLink>
        ))}
      </nav>
      <FollowUpsLink />
    </>
  );
}
