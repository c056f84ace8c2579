import { Button } from 'antd-mobile';
import { useTranslation } from 'react-i18next';

/** The part of an infinite query a "load more" button needs. */
interface Pages {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

/** "Load more" under a cursor-paged list on the phone; nothing when the last page is shown. */
export function LoadMore({ pages }: { pages: Pages }) {
  const { t } = useTranslation();
  if (!pages.hasNextPage) return null;
  return (
    <Button
      block
      fill="none"
      color="primary"
      loading={pages.isFetchingNextPage}
      onClick={() => void pages.fetchNextPage()}
    >
      {t('common.loadMore')}
    </Button>
  );
}
