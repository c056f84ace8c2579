import { AimOutlined } from '@ant-design/icons';
import { Button, Card, Progress, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { StandardId } from '../../../domain/standards.js';
import { joinPath } from '../../i18n/format.js';
import type { StandardRuleView, ThresholdsView } from './standards.queries.js';
import { violationText } from './violation-text.js';

/** Most breaks a card lists before pointing at the export. */
const SHOWN = 8;

const STATUS_COLOR = { holds: 'success', broken: 'error', advisory: 'processing', none: 'default' } as const;

/** A rule with nothing to look at in this scope holds trivially: say so rather than praise it. */
export function shownStatus(rule: StandardRuleView): keyof typeof STATUS_COLOR {
  return rule.checked === 0 && rule.status === 'holds' ? 'none' : rule.status;
}

/** The threshold each rule's description quotes. */
const THRESHOLD_OF: Partial<Record<StandardId, keyof ThresholdsView>> = {
  S1: 'branchMinMembers',
  S3: 'instructorMaxCompounds',
  S4: 'livingRoomMinArea',
  S5: 'buildingGroupMinMembers',
  S7: 'plenaryMaxDays',
};

/** One standard: its status, what it asks with the district's threshold, and each break with its fix. */
export function RuleCard({
  rule,
  thresholds,
  scopeDepth,
  scopeId,
  onOpenPlace,
}: {
  rule: StandardRuleView;
  thresholds: ThresholdsView;
  /** How many crumbs of each break's path the scope already shows (left out of the breadcrumb). */
  scopeDepth: number;
  /** The place the page shows: a break there needs no link to it. */
  scopeId: string;
  onOpenPlace: (placeId: string) => void;
}) {
  const { t, i18n } = useTranslation('standards');
  const key = THRESHOLD_OF[rule.id];
  const shown = rule.violations.slice(0, SHOWN);
  const rate = rule.rate;
  const status = shownStatus(rule);
  return (
    <Card className={`st-rule is-${status}`} data-testid={`rule-${rule.id}`}>
      <div className="st-rule-head">
        <span className="st-rule-id">{rule.id}</span>
        <span className="st-rule-name">{t(`rule.${rule.id}.name`)}</span>
        <span className="st-rule-checked">{t('checked', { n: rule.checked })}</span>
        <Tag color={STATUS_COLOR[status]} variant="filled" data-testid={`status-${rule.id}`}>
          {t(`status.${status}`)}
        </Tag>
      </div>
      <p className="st-rule-desc">{t(`rule.${rule.id}.desc`, { n: key ? thresholds[key] : '' })}</p>
      {rate && (
        <div className="st-rate">
          {rate.total > 0 ? (
            <>
              <Progress
                percent={Math.round((rate.matching / rate.total) * 100)}
                size="small"
                strokeColor="#3e7bd6"
                showInfo={false}
              />
              <span className="st-rule-checked">
                {t('rate', {
                  matching: rate.matching,
                  total: rate.total,
                  percent: Math.round((rate.matching / rate.total) * 100),
                })}
              </span>
            </>
          ) : (
            <span className="st-rule-checked">{t('rateNone')}</span>
          )}
        </div>
      )}
      {rule.violations.length === 0 ? (
        status === 'holds' ? (
          <div className="st-ok">{t('noProblems')}</div>
        ) : (
          status === 'none' && <div className="st-more">{t('nothingToCheck')}</div>
        )
      ) : (
        <ul className="st-violations">
          {shown.map((v, i) => (
            <li className="st-violation" key={`${v.placeId}-${i}`} data-place={v.placeId}>
              <div className="st-violation-body">
                <div className="st-violation-path">
                  {joinPath(
                    v.placePath.slice(Math.max(0, scopeDepth - 1)).map((c) => c.name),
                    i18n.language,
                  )}
                </div>
                <div className="st-violation-text">{violationText(v, t)}</div>
              </div>
              {v.placeId !== scopeId && (
                <Button
                  size="small"
                  type="link"
                  icon={<AimOutlined />}
                  onClick={() => onOpenPlace(v.placeId)}
                  aria-label={`${t('openPlace')} ${v.placePath.at(-1)?.name ?? ''}`}
                >
                  {t('openPlace')}
                </Button>
              )}
            </li>
          ))}
          {rule.violations.length > SHOWN && (
            <li className="st-more">{t('more', { n: rule.violations.length - SHOWN })}</li>
          )}
        </ul>
      )}
    </Card>
  );
}
