import { Tag } from 'antd-mobile';
import { CheckShieldFill } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { PlacePath } from './place-path.js';

/** A household the resident is bound to: its name large, where it is underneath. */
export function HouseholdCard({ name, path }: { name: string; path: string[] }) {
  const { t } = useTranslation();
  return (
    <section className="ll-card ll-household" aria-label={t('resident.household.title')}>
      <div className="ll-household-head">
        <span className="ll-household-icon" aria-hidden>
          <CheckShieldFill />
        </span>
        <Tag color="success" fill="outline" className="ll-tag">
          {t('resident.household.verified')}
        </Tag>
      </div>
      <p className="ll-household-name" data-testid="household-name">
        {name}
      </p>
      <PlacePath names={path} className="ll-household-path" />
    </section>
  );
}
