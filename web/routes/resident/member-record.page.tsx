import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { PageHeader } from '../../components/resident/page-header.js';
import { CenteredLoading, ErrorState } from '../../components/resident/states.js';
import { formatDay } from '../../features/members/member-format.js';
import { membersPaths, useMyServiceRecord, withLang } from '../../features/members/members.queries.js';
import '../../features/members/members.css';
import { errorMessage } from '../../i18n/error-message.js';

/** Her service record: totals, the details, and the same as Excel or PDF to take to her employer. */
export default function MemberRecordPage() {
  const { t, i18n } = useTranslation('members');
  const { t: tc } = useTranslation();
  const navigate = useNavigate();
  const lang = i18n.language;
  const record = useMyServiceRecord(lang);
  const r = record.data;

  const totals = r
    ? [
        {
          key: 'hours',
          label: t('resident.record.hours'),
          value: t('resident.record.hoursValue', { n: r.totals.hours }),
        },
        { key: 'needs', label: t('resident.record.needsServed'), value: r.totals.needsServed },
        { key: 'posts', label: t('resident.record.posts'), value: r.totals.postsHeld },
        { key: 'whistles', label: t('resident.record.whistles'), value: r.totals.whistlesAnswered },
        { key: 'matters', label: t('resident.record.smallMatters'), value: r.totals.smallMattersVerified },
      ]
    : [];

  return (
    <>
      <PageHeader title={t('resident.record.title')} onBack={() => void navigate('/member')} />
      <div className="ll-page">
        {record.isPending && <CenteredLoading />}
        {record.isError && (
          <ErrorState message={errorMessage(record.error, tc, lang)} onRetry={() => void record.refetch()} />
        )}
        {r && (
          <>
            <section className="ll-card" aria-label={t('resident.record.title')}>
              {r.report && (
                <p className="ll-muted mb-record-who">
                  {[r.member.name, r.report.community.name, r.report.workUnit].join(' · ')}
                </p>
              )}
              <dl className="mb-counts-grid" data-testid="record-totals">
                {totals.map((x) => (
                  <div key={x.key} className="mb-count">
                    <dt>{x.label}</dt>
                    <dd data-testid={`record-${x.key}`}>{x.value}</dd>
                  </div>
                ))}
              </dl>
            </section>
            <div className="mb-downloads">
              <a
                className="mb-link-button"
                href={withLang(membersPaths.myRecord('xlsx'), lang)}
                download
                data-testid="record-xlsx"
              >
                {t('resident.record.excel')}
              </a>
              <a
                className="mb-link-button"
                href={withLang(membersPaths.myRecord('pdf'), lang)}
                download
                data-testid="record-pdf"
              >
                {t('resident.record.pdf')}
              </a>
            </div>
            <h2 className="ll-section-title">{t('resident.record.entries')}</h2>
            <section className="ll-card">
              {r.posts.length + r.whistles.length + r.smallMatters.length + r.needs.length === 0 ? (
                <p className="ll-muted">{t('resident.record.empty')}</p>
              ) : (
                <ul className="mb-list">
                  {r.posts.map((p) => (
                    <li key={p.claimId}>
                      <span>
                        {t('resident.entryPosts')} · {p.postName}
                      </span>
                      <span className="ll-muted">
                        {t(`claimStatus.${p.status}`)} · {t('resident.record.hoursValue', { n: p.hours })}
                      </span>
                    </li>
                  ))}
                  {r.whistles.map((w) => (
                    <li key={w.whistleId}>
                      <span>
                        {t('resident.entryWhistles')} · {w.title}
                      </span>
                      <span className="ll-muted">
                        {w.doneAt
                          ? t('answer.done')
                          : w.arrivedAt
                            ? t('answer.arrived')
                            : t(`answer.${w.answer}`)}
                      </span>
                    </li>
                  ))}
                  {r.smallMatters.map((m) => (
                    <li key={m.id}>
                      <span>
                        {t('resident.entryMatters')} · {m.title}
                      </span>
                      <span className="ll-muted">
                        {t(`matterStatus.${m.status}`)} · {formatDay(m.occurredOn, lang)}
                      </span>
                    </li>
                  ))}
                  {r.needs.map((n) => (
                    <li key={n.needId}>
                      <span>
                        {t('resident.record.needsServed')} · {n.placeLabel}
                      </span>
                      <span className="ll-muted">{t('resident.record.hoursValue', { n: n.hours })}</span>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </>
        )}
      </div>
    </>
  );
}
