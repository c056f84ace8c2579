import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { CenteredLoading, EmptyCard, ErrorState } from '../../components/resident/states.js';
import { errorMessage } from '../../i18n/error-message.js';
import { NeedCard } from './need-card.js';
import { flatPages, type NeedListView, type NeedSummaryView } from './needs.queries.js';
import { LoadMore } from '../../components/resident/load-more.js';

/** A paged list of needs with its loading, failure and empty states. */
export function NeedList({
  query,
  empty,
  label,
  action,
  showSlots,
  order,
}: {
  query: UseInfiniteQueryResult<InfiniteData<NeedListView>>;
  empty: { title: string; body?: string };
  label: string;
  action?: (need: NeedSummaryView) => ReactNode;
  showSlots?: boolean;
  order?: (a: NeedSummaryView, b: NeedSummaryView) => number;
}) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  if (query.isPending) return <CenteredLoading />;
  if (query.isError) {
    return (
      <ErrorState
        message={errorMessage(query.error, t, i18n.language)}
        onRetry={() => void query.refetch()}
      />
    );
  }
  const items = flatPages(query.data);
  if (order) items.sort(order);
  if (items.length === 0) return <EmptyCard title={empty.title} body={empty.body} />;
  return (
    <section aria-label={label}>
      {items.map((n) => (
        <NeedCard
          key={n.id}
          need={n}
          showSlots={showSlots}
          onOpen={(id) => void navigate(`/needs/${id}`)}
          action={action?.(n)}
        />
      ))}
      <LoadMore pages={query} />
    </section>
  );
}
