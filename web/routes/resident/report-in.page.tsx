import { Button, Dialog, Tag, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { PageHeader } from '../../components/resident/page-header.js';
import { CenteredLoading, ErrorState } from '../../components/resident/states.js';
import { useHomeCommunities } from '../../features/members/home-communities.js';
import { formatDay } from '../../features/members/member-format.js';
import {
  currentReport,
  type MemberReportView,
  type ReportInInput,
  useEditReport,
  useMoveReport,
  useMyReports,
  useReportIn,
  useReportStep,
} from '../../features/members/members.queries.js';
import { ReportForm } from '../../features/members/report-form.js';
import '../../features/members/members.css';
import { errorMessage } from '../../i18n/error-message.js';

type Mode = 'view' | 'edit' | 'move';

const STATUS_COLOR = {
  pending: 'warning',
  approved: 'success',
  returned: 'danger',
  withdrawn: 'default',
  ended: 'default',
} as const;

/** Her report-in as it stands: status, what she told the community, and what she may do next. */
function ReportStatus({
  report,
  onEdit,
  onMove,
}: {
  report: MemberReportView;
  onEdit: () => void;
  onMove: () => void;
}) {
  const { t, i18n } = useTranslation('members');
  const { t: tc } = useTranslation();
  const step = useReportStep();
  const lang = i18n.language;
  const fail = (err: unknown) => Toast.show({ content: errorMessage(err, tc, lang) });
  const can = (a: MemberReportView['actions'][number]) => report.actions.includes(a);

  const withdraw = async () => {
    const ok = await Dialog.confirm({
      content: t('resident.report.withdrawConfirm'),
      confirmText: t('resident.report.withdraw'),
      cancelText: tc('common.cancel'),
    });
    if (!ok) return;
    step.mutate(
      { id: report.id, step: 'withdraw' },
      { onSuccess: () => Toast.show({ content: t('resident.report.withdrawn') }), onError: fail },
    );
  };
  const confirm = () =>
    step.mutate(
      { id: report.id, step: 'confirm' },
      {
        onSuccess: () => Toast.show({ icon: 'success', content: t('resident.report.confirmed') }),
        onError: fail,
      },
    );

  return (
    <>
      <section className="ll-card" aria-labelledby="mb-report-status">
        <div className="mb-status">
          <h2 className="mb-status-title" id="mb-report-status">
            {report.community.name}
          </h2>
          <Tag
            color={STATUS_COLOR[report.status]}
            fill="outline"
            className="ll-tag"
            data-testid="report-status"
          >
            {t(`reportStatus.${report.status}`)}
          </Tag>
        </div>
        <p className="ll-muted">
          {report.status === 'approved' && report.decidedAt
            ? t('resident.report.since', { date: formatDay(report.decidedAt, lang) })
            : t('resident.report.submittedOn', { date: formatDay(report.submittedAt, lang) })}
        </p>
        {report.status === 'pending' && <p className="ll-muted">{t('resident.report.pendingHint')}</p>}
        {report.status === 'returned' && report.reason && (
          <p className="mb-notice" role="alert" data-testid="return-reason">
            {t('resident.report.returnedReason', { reason: report.reason })}
          </p>
        )}
        {report.status === 'approved' && report.confirmDueAt && (
          <p className={report.confirmDue ? 'mb-notice' : 'll-muted'} data-testid="confirm-due">
            {report.confirmDue
              ? t('resident.report.confirmDue', { date: formatDay(report.confirmDueAt, lang) })
              : t('resident.report.nextConfirm', { date: formatDay(report.confirmDueAt, lang) })}
          </p>
        )}
        <dl className="mb-facts">
          <dt>{t('field.workUnit')}</dt>
          <dd>{report.workUnit}</dd>
          {report.workUnitPartyOrg && (
            <>
              <dt>{t('field.partyOrg')}</dt>
              <dd>{report.workUnitPartyOrg}</dd>
            </>
          )}
          {report.skills.length > 0 && (
            <>
              <dt>{t('field.skills')}</dt>
              <dd>{report.skills.join('、')}</dd>
            </>
          )}
          {report.availability && (
            <>
              <dt>{t('field.freeTimes')}</dt>
              <dd>{report.availability}</dd>
            </>
          )}
        </dl>
      </section>
      <div className="mb-actions">
        {can('confirm') && report.confirmDue && (
          <Button block color="primary" size="large" loading={step.isPending} onClick={confirm}>
            {t('resident.report.confirmAgain')}
          </Button>
        )}
        {can('edit') && (
          <Button block color="primary" size="large" onClick={onEdit} data-testid="edit-report">
            {report.status === 'returned' ? t('resident.report.resubmit') : t('resident.report.edit')}
          </Button>
        )}
        {can('move') && (
          <Button block onClick={onMove}>
            {t('resident.report.move')}
          </Button>
        )}
        {can('withdraw') && (
          <Button block color="danger" fill="outline" onClick={() => void withdraw()}>
            {t('resident.report.withdraw')}
          </Button>
        )}
      </div>
    </>
  );
}

/** Reporting in (报到): send a report to her community, follow it, correct it, move or withdraw. */
export default function ReportInPage() {
  const { t, i18n } = useTranslation('members');
  const { t: tc } = useTranslation();
  const navigate = useNavigate();
  const reports = useMyReports();
  const { communities, pending } = useHomeCommunities();
  const reportIn = useReportIn();
  const edit = useEditReport();
  const move = useMoveReport();
  const [mode, setMode] = useState<Mode>('view');
  const lang = i18n.language;
  const report = currentReport(reports.data);
  const fail = (err: unknown) => Toast.show({ content: errorMessage(err, tc, lang) });
  const sent = () => {
    setMode('view');
    window.scrollTo({ top: 0 });
    Toast.show({ icon: 'success', content: t('resident.report.submitted') });
  };

  const submitNew = (body: ReportInInput) => reportIn.mutate(body, { onSuccess: sent, onError: fail });
  const submitEdit = (body: ReportInInput) => {
    if (!report) return;
    const { communityId: _ignored, ...rest } = body;
    edit.mutate({ id: report.id, body: rest }, { onSuccess: sent, onError: fail });
  };
  const submitMove = (body: ReportInInput) => {
    if (!report) return;
    move.mutate({ id: report.id, body }, { onSuccess: sent, onError: fail });
  };

  const body = () => {
    if (reports.isPending || pending) return <CenteredLoading />;
    if (reports.isError)
      return (
        <ErrorState message={errorMessage(reports.error, tc, lang)} onRetry={() => void reports.refetch()} />
      );
    if (report && mode === 'edit')
      return (
        <ReportForm
          communities={communities}
          initial={report}
          fixedCommunity
          submitLabel={t('resident.report.submit')}
          submitting={edit.isPending}
          onSubmit={submitEdit}
          onCancel={() => setMode('view')}
        />
      );
    if (report && mode === 'move')
      return (
        <>
          <p className="ll-lead">{t('resident.report.moveHint')}</p>
          <ReportForm
            communities={communities.filter((c) => c.id !== report.community.id)}
            initial={{ ...report, community: { ...report.community, id: '' } }}
            submitLabel={t('resident.report.moveSubmit')}
            submitting={move.isPending}
            onSubmit={submitMove}
            onCancel={() => setMode('view')}
          />
        </>
      );
    if (report)
      return <ReportStatus report={report} onEdit={() => setMode('edit')} onMove={() => setMode('move')} />;
    return (
      <>
        <p className="ll-lead">{t('resident.report.intro')}</p>
        {communities.length === 0 && <p className="ll-muted">{t('resident.report.noHome')}</p>}
        <ReportForm
          communities={communities}
          submitLabel={t('resident.report.submit')}
          submitting={reportIn.isPending}
          onSubmit={submitNew}
        />
      </>
    );
  };

  return (
    <>
      <PageHeader
        title={mode === 'move' ? t('resident.report.moveTitle') : t('resident.report.title')}
        onBack={() => (mode === 'view' ? void navigate('/member') : setMode('view'))}
      />
      <div className="ll-page">{body()}</div>
    </>
  );
}
