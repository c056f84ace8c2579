import { Card, Empty } from 'antd';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { NEED_STATUSES, type NeedStatus } from '../../../domain/needs.js';
import type { NeedCountsView } from './needboard.queries.js';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

/** One number at the top of the board; clicking it filters the table. */
function Stat({
  label,
  value,
  tone,
  active,
  onClick,
  testId,
}: {
  label: string;
  value: number;
  tone?: 'bad' | 'warn' | undefined;
  active?: boolean;
  onClick?: () => void;
  testId?: string;
}) {
  return (
    <button
      type="button"
      className={`nb-stat${active ? ' is-active' : ''}`}
      onClick={onClick}
      data-testid={testId}
      aria-pressed={active}
    >
      <span className="nb-stat-label">{label}</span>
      <span className={`nb-stat-value${tone ? ` is-${tone}` : ''}`}>{value}</span>
    </button>
  );
}

/** A small horizontal bar of needs per category (all and still open); a click filters by it. */
function CategoryBars({
  rows,
  name,
  onPick,
}: {
  rows: NeedCountsView['byCategory'];
  name: (code: string) => string;
  onPick: (code: string) => void;
}) {
  const { t } = useTranslation('needboard');
  const el = useRef<HTMLDivElement>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  const sorted = [...rows].sort((a, b) => a.count - b.count);
  const labels = sorted.map((r) => name(r.category));
  const key = JSON.stringify([labels, sorted.map((r) => [r.count, r.open])]);

  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.setOption({
      animation: false,
      // ECharts 6 keeps the axis labels inside the chart's box (outerBounds) by itself.
      grid: { left: 8, right: 24, top: 8, bottom: 8 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#eef0f3' } } },
      yAxis: { type: 'category', data: labels, axisTick: { show: false } },
      series: [
        {
          name: t('counts.all'),
          type: 'bar',
          data: sorted.map((r) => r.count),
          itemStyle: { color: '#d9dce1' },
          barGap: '-100%',
          barWidth: 12,
        },
        {
          name: t('counts.open'),
          type: 'bar',
          data: sorted.map((r) => r.open),
          itemStyle: { color: '#c8102e' },
          barWidth: 12,
        },
      ],
    });
    chart.on('click', (p) => {
      const row = sorted[p.dataIndex];
      if (row) pick.current(row.category);
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
    // The chart is rebuilt only when what it shows changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, t]);

  return (
    <div
      ref={el}
      className="nb-bars"
      style={{ height: Math.max(200, sorted.length * 26 + 40) }}
      role="img"
      aria-label={sorted.map((r, i) => `${labels[i]} ${r.open}/${r.count}`).join('，')}
      data-testid="category-chart"
    />
  );
}

/** Counts per state and per category for the board's place, with the markers staff act on first. */
export function NeedCounts({
  counts,
  categoryName,
  status,
  onStatus,
  onCategory,
  onOverdue,
  onEscalated,
  onUrgent,
}: {
  counts: NeedCountsView | undefined;
  categoryName: (code: string) => string;
  status: NeedStatus | undefined;
  onStatus: (s: NeedStatus | undefined) => void;
  onCategory: (code: string) => void;
  onOverdue: () => void;
  onEscalated: () => void;
  onUrgent: () => void;
}) {
  const { t } = useTranslation('needboard');
  const { t: tn } = useTranslation('needs');
  const by: Partial<Record<NeedStatus, number>> = counts?.byStatus ?? {};
  return (
    <div className="nb-counts" data-testid="need-counts">
      <Card size="small" className="nb-counts-states" title={t('counts.byStatus')}>
        <div className="nb-stats">
          <Stat
            label={t('counts.total')}
            value={counts?.total ?? 0}
            active={status === undefined}
            onClick={() => onStatus(undefined)}
          />
          {NEED_STATUSES.map((s) => (
            <Stat
              key={s}
              label={tn(`status.${s}`)}
              value={by[s] ?? 0}
              active={status === s}
              onClick={() => onStatus(status === s ? undefined : s)}
              testId={`count-${s}`}
            />
          ))}
        </div>
        <div className="nb-stats nb-stats-alerts">
          <Stat
            label={t('counts.urgentOpen')}
            value={counts?.urgentOpen ?? 0}
            tone={(counts?.urgentOpen ?? 0) > 0 ? 'bad' : undefined}
            onClick={onUrgent}
            testId="count-urgent"
          />
          <Stat
            label={t('counts.overdue')}
            value={counts?.overdue ?? 0}
            tone={(counts?.overdue ?? 0) > 0 ? 'warn' : undefined}
            onClick={onOverdue}
            testId="count-overdue"
          />
          <Stat
            label={t('counts.escalated')}
            value={counts?.escalated ?? 0}
            tone={(counts?.escalated ?? 0) > 0 ? 'warn' : undefined}
            onClick={onEscalated}
            testId="count-escalated"
          />
        </div>
      </Card>
      <Card size="small" className="nb-counts-categories" title={t('counts.byCategory')}>
        {counts && counts.byCategory.length > 0 ? (
          <CategoryBars rows={counts.byCategory} name={categoryName} onPick={onCategory} />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('counts.none')} />
        )}
      </Card>
    </div>
  );
}
