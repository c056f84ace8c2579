import { RightOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { usePlaceDetails } from '../places/places.queries.js';
import { useMyCentralHouseholds } from './lighting.queries.js';
import './lighting.css';

/**
 * On the resident's home: the way to light up (for a member who leads a central household) and to
 * each of her buildings' lit households.
 */
export function LightingShortcuts({ householdIds }: { householdIds: string[] }) {
  const { t } = useTranslation('lighting');
  const navigate = useNavigate();
  const mine = useMyCentralHouseholds();
  const details = usePlaceDetails(householdIds);
  const buildings = new Map<string, string>();
  for (const d of details) {
    const b = d.data?.ancestors.find((a) => a.kind === 'building');
    const compound = d.data?.ancestors.find((a) => a.kind === 'compound');
    if (b) buildings.set(b.id, [compound?.name, b.name].filter(Boolean).join(' '));
  }
  const led = mine.data ?? [];
  if (led.length === 0 && buildings.size === 0) return null;
  return (
    <section aria-label={t('shortcut.label')}>
      <h2 className="ll-section-title">{t('shortcut.label')}</h2>
      {led.map((ch) => (
        <button
          key={ch.id}
          type="button"
          className="ll-card lt-shortcut"
          onClick={() => void navigate('/light-up')}
          data-testid="light-up-shortcut"
        >
          <span className="lt-shortcut-icon" aria-hidden>
            ★
          </span>
          <span className="lt-shortcut-text">
            <span className="lt-shortcut-title">
              {ch.lit ? t('shortcut.litTitle') : t('shortcut.lightUpTitle')}
            </span>
            <span className="lt-shortcut-sub">{ch.lit ? ch.choices.title : t('shortcut.lightUpBody')}</span>
          </span>
          <RightOutline aria-hidden />
        </button>
      ))}
      {[...buildings].map(([id, name]) => (
        <button
          key={id}
          type="button"
          className="ll-card lt-shortcut"
          onClick={() => void navigate(`/building/${id}`)}
          data-testid="building-shortcut"
        >
          <span className="lt-shortcut-icon" aria-hidden>
            ⌂
          </span>
          <span className="lt-shortcut-text">
            <span className="lt-shortcut-title">{t('shortcut.buildingTitle', { name })}</span>
            <span className="lt-shortcut-sub">{t('shortcut.buildingBody')}</span>
          </span>
          <RightOutline aria-hidden />
        </button>
      ))}
    </section>
  );
}
