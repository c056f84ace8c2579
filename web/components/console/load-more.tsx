import { Button } from 'antd';
import { useTranslation } from 'react-i18next';

/** The part of an infinite query a "load more" button needs. */
interface Pages {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

/** "Load more" under a cursor-paged list; nothing when the last page is shown. */
export function LoadMore({ pages }: { pages: Pages }) {
  const { t } = useTranslation();
  if (!pages.hasNextPage) return null;
  return (
    <div className="cl-load-more">
      <Button onClick={() => void pages.fetchNextPage()} loading={pages.isFetchingNextPage}>
        {t('common.loadMore')}
      </Button>
    </div>
  );
}
