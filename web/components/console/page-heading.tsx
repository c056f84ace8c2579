import type { ReactNode } from 'react';

/** The top of a console page: what it is, one line on what it is for, and page-wide controls. */
export function PageHeading({
  title,
  subtitle,
  extra,
}: {
  title: string;
  subtitle?: string;
  extra?: ReactNode;
}) {
  return (
    <div className="cl-heading">
      <div className="cl-heading-text">
        <h1 className="cl-heading-title">{title}</h1>
        {subtitle && <p className="cl-heading-subtitle">{subtitle}</p>}
      </div>
      {extra && <div className="cl-heading-extra">{extra}</div>}
    </div>
  );
}
