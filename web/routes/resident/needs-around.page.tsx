import { Button, Toast } from 'antd-mobile';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { OPEN_STATUSES } from '../../../domain/needs.js';
import { PageHeader } from '../../components/resident/page-header.js';
import { useMe } from '../../features/auth/auth.queries.js';
import { NeedList } from '../../features/needs/need-list.js';
import { NeedsHub } from '../../features/needs/needs-hub.js';
import { needErrorMessage } from '../../features/needs/needs-text.js';
import {
  type AroundReach,
  type NeedSummaryView,
  useNeedStep,
  useNeedsAround,
} from '../../features/needs/needs.queries.js';
import '../../features/needs/needs.css';

const REACHES: AroundReach[] = ['building', 'compound', 'all'];
const REACH_KEY = {
  building: 'around.reachBuilding',
  compound: 'around.reachCompound',
  all: 'around.reachAll',
} as const;

/** Urgent first, then the oldest waiting longest. */
function urgentFirst(a: NeedSummaryView, b: NeedSummaryView): number {
  if (a.urgency !== b.urgency) return a.urgency === 'urgent' ? -1 : 1;
  return 0;
}

/** A helper's needs around her: her building, her compound, or all she can see; claim from the list. */
export default function NeedsAroundPage() {
  const { t, i18n } = useTranslation('needs');
  const { t: tc } = useTranslation();
  const navigate = useNavigate();
  const me = useMe().data;
  const [reach, setReach] = useState<AroundReach>('building');
  const around = useNeedsAround(reach, 'open');
  const step = useNeedStep();
  const labelId = useId();

  const claim = (id: string) =>
    step.mutate(
      { kind: 'claim', id },
      {
        onSuccess: () => {
          Toast.show({ icon: 'success', content: t('detail.claimed') });
          void navigate(`/needs/${id}`);
        },
        onError: (err) => Toast.show({ content: needErrorMessage(err, t, tc, i18n.language) }),
      },
    );

  return (
    <>
      <PageHeader title={t('around.title')} />
      <div className="ll-page">
        <NeedsHub me={me} />
        <div className="nd-reach">
          <span id={labelId} className="ll-visually-hidden">
            {t('around.reachLabel')}
          </span>
          <div className="ll-segmented nd-reach-tabs" role="group" aria-labelledby={labelId}>
            {REACHES.map((r) => (
              <button
                key={r}
                type="button"
                className={reach === r ? 'll-segment ll-segment-on' : 'll-segment'}
                aria-pressed={reach === r}
                onClick={() => setReach(r)}
              >
                {t(REACH_KEY[r])}
              </button>
            ))}
          </div>
        </div>
        <NeedList
          query={around}
          label={t('around.title')}
          showSlots
          order={urgentFirst}
          empty={{ title: t('around.empty'), body: t('around.emptyBody') }}
          action={(n) =>
            OPEN_STATUSES.includes(n.status) && n.helpersClaimed < n.helpersNeeded ? (
              <Button
                color="primary"
                size="middle"
                loading={step.isPending && step.variables.id === n.id}
                onClick={() => claim(n.id)}
                data-testid="claim-need"
              >
                {t('action.claim')}
              </Button>
            ) : n.helpersClaimed >= n.helpersNeeded ? (
              <span className="ll-muted">{t('card.full')}</span>
            ) : null
          }
        />
      </div>
    </>
  );
}
