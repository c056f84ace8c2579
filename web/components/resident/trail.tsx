import { useTranslation } from 'react-i18next';

export interface TrailStep {
  id: string;
  name: string;
}

/** The levels chosen so far; each is a button back to that level. */
export function Trail({ steps, onJump }: { steps: TrailStep[]; onJump: (index: number) => void }) {
  const { t } = useTranslation();
  if (steps.length === 0) return null;
  return (
    <nav className="ll-trail" aria-label={t('resident.bind.hint')}>
      <ol>
        {steps.map((s, i) => (
          <li key={s.id}>
            <button type="button" className="ll-trail-step" onClick={() => onJump(i)}>
              {s.name}
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
