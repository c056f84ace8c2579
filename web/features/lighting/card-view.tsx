import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A lit household's card as the public sees it: only what its member chose. */
export function CardView({
  title,
  services,
  motto,
  name,
  place,
  footer,
}: {
  title: string;
  services: string[];
  motto: string | null;
  name: string | null;
  place: string[];
  footer?: ReactNode;
}) {
  const { t } = useTranslation('lighting');
  return (
    <article className="lt-card" aria-label={title} data-testid="public-card">
      <div className="lt-card-band">
        <span className="lt-card-badge">{t('card.badge')}</span>
        <span className="lt-card-brand">{t('card.brand')}</span>
      </div>
      <div className="lt-card-body">
        <h2 className="lt-card-title">{title}</h2>
        {place.length > 0 && <p className="lt-card-meta">{place.join(' · ')}</p>}
        {name && <p className="lt-card-meta">{t('card.host', { name })}</p>}
        {services.length > 0 && (
          <>
            <h3 className="lt-card-section">{t('card.offers')}</h3>
            <ul className="lt-chips">
              {services.map((s) => (
                <li key={s} className="lt-chip">
                  {s}
                </li>
              ))}
            </ul>
          </>
        )}
        {motto && <p className="lt-motto">“{motto}”</p>}
      </div>
      {footer && <div className="lt-card-foot">{footer}</div>}
    </article>
  );
}
