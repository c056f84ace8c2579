import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/resident/page-header.js';
import { useMe } from '../../features/auth/auth.queries.js';
import { NeedList } from '../../features/needs/need-list.js';
import { NeedsHub } from '../../features/needs/needs-hub.js';
import { useNeedsAround } from '../../features/needs/needs.queries.js';
import '../../features/needs/needs.css';

/** The needs a helper claimed: open one to log service or mark it done. */
export default function NeedsClaimsPage() {
  const { t } = useTranslation('needs');
  const me = useMe().data;
  const claims = useNeedsAround('all', 'mine');
  return (
    <>
      <PageHeader title={t('claims.title')} />
      <div className="ll-page">
        <NeedsHub me={me} />
        <NeedList
          query={claims}
          label={t('claims.title')}
          showSlots
          empty={{ title: t('claims.empty'), body: t('claims.emptyBody') }}
        />
      </div>
    </>
  );
}
