import { Button, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import type { BindingStatus, BindingView } from '../../api/types.js';
import { formatDateTime } from '../../i18n/format.js';
import { PlacePath } from './place-path.js';

const STATUS_COLOR: Record<BindingStatus, 'warning' | 'success' | 'danger' | 'default'> = {
  pending: 'warning',
  approved: 'success',
  rejected: 'danger',
  withdrawn: 'default',
};

/** One of the resident's own requests to be bound, with its status stated in words. */
export function BindingCard({
  binding,
  onWithdraw,
  withdrawing,
}: {
  binding: BindingView;
  onWithdraw: (binding: BindingView) => void;
  withdrawing: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const above = binding.householdPath.filter((p) => p.kind !== 'household').map((p) => p.name);
  return (
    <article className="ll-card ll-binding" data-testid="binding-card" data-status={binding.status}>
      <div className="ll-binding-head">
        <h3 className="ll-binding-title">{binding.household.name}</h3>
        <Tag color={STATUS_COLOR[binding.status]} fill="outline" className="ll-tag">
          {t(`bindingStatus.${binding.status}`)}
        </Tag>
      </div>
      <PlacePath names={above} className="ll-binding-path" />
      <p className="ll-muted">
        {t('resident.household.requestedAt', { time: formatDateTime(binding.createdAt, lang) })}
      </p>
      {binding.decidedAt && binding.status !== 'pending' && (
        <p className="ll-muted">
          {t('resident.household.decidedAt', { time: formatDateTime(binding.decidedAt, lang) })}
        </p>
      )}
      {binding.note && (
        <p className="ll-binding-note">{t('resident.household.note', { note: binding.note })}</p>
      )}
      {binding.reason && (
        <p className="ll-binding-reason">{t('resident.household.reason', { reason: binding.reason })}</p>
      )}
      {binding.status === 'pending' && (
        <>
          <p className="ll-muted">{t('resident.household.pendingHint')}</p>
          <Button
            className="ll-binding-action"
            fill="outline"
            size="middle"
            loading={withdrawing}
            onClick={() => onWithdraw(binding)}
          >
            {t('resident.household.withdraw')}
          </Button>
        </>
      )}
    </article>
  );
}
