import { Popup } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { ChoiceList } from '../../components/resident/choice-list.js';
import { CenteredLoading } from '../../components/resident/states.js';
import { byName } from '../../i18n/format.js';
import type { CommunityRef } from './home-communities.js';
import { useReportableCommunities } from './members.queries.js';

/** Choose any community a member may report in to, in a bottom sheet. */
export function CommunityPicker({
  visible,
  onClose,
  onPick,
}: {
  visible: boolean;
  onClose: () => void;
  onPick: (c: CommunityRef) => void;
}) {
  const { t, i18n } = useTranslation('members');
  const list = useReportableCommunities(visible);
  const entries = [...(list.data ?? [])].sort(byName(i18n.language));
  return (
    <Popup
      visible={visible}
      onMaskClick={onClose}
      onClose={onClose}
      bodyStyle={{ maxHeight: '80vh', overflow: 'auto' }}
    >
      <div className="ll-page" style={{ paddingTop: 16 }}>
        <h2 className="ll-section-title">{t('resident.report.chooseCommunity')}</h2>
        {list.isPending ? (
          <CenteredLoading />
        ) : (
          <ChoiceList
            label={t('resident.report.chooseCommunity')}
            choices={entries.map((e) => ({
              id: e.id,
              label: e.name,
              hint: [e.street, e.district].filter(Boolean).join(' · '),
            }))}
            onChoose={(id) => {
              const c = entries.find((e) => e.id === id);
              if (c) onPick({ id: c.id, name: c.name });
              onClose();
            }}
          />
        )}
      </div>
    </Popup>
  );
}
