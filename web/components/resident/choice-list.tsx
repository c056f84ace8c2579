import { RightOutline } from 'antd-mobile-icons';
import type { ReactNode } from 'react';

export interface Choice {
  id: string;
  label: string;
  hint?: string;
}

/** A list of large, keyboard-reachable rows; tapping one chooses it. */
export function ChoiceList({
  choices,
  onChoose,
  label,
  footer,
}: {
  choices: Choice[];
  onChoose: (id: string) => void;
  label: string;
  footer?: ReactNode;
}) {
  return (
    <div className="ll-card ll-choice-card">
      <ul className="ll-choice-list" aria-label={label}>
        {choices.map((c) => (
          <li key={c.id}>
            <button type="button" className="ll-choice" onClick={() => onChoose(c.id)}>
              <span className="ll-choice-label">{c.label}</span>
              {c.hint && <span className="ll-choice-hint">{c.hint}</span>}
              <RightOutline aria-hidden className="ll-choice-arrow" />
            </button>
          </li>
        ))}
      </ul>
      {footer}
    </div>
  );
}
