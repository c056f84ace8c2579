import { Button, DotLoading, TextArea, Toast } from 'antd-mobile';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { LIMITS } from '../../../domain/limits.js';
import type { DirectoryEntryView } from '../../api/types.js';
import { ChoiceList } from '../../components/resident/choice-list.js';
import { PlacePath } from '../../components/resident/place-path.js';
import { FormError } from '../../components/resident/form-error.js';
import { PageHeader } from '../../components/resident/page-header.js';
import { EmptyCard, ErrorState } from '../../components/resident/states.js';
import { Trail } from '../../components/resident/trail.js';
import { useRequestBinding } from '../../features/bindings/bindings.queries.js';
import { useDirectory } from '../../features/directory/directory.queries.js';
import { errorMessage } from '../../i18n/error-message.js';
import { byName } from '../../i18n/format.js';

/** Find one's household level by level (district → … → household), then ask to be bound to it. */
export default function BindRequestPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [trail, setTrail] = useState<DirectoryEntryView[]>([]);
  const [household, setHousehold] = useState<DirectoryEntryView | null>(null);
  const [note, setNote] = useState('');
  const noteId = useId();
  const parent = trail.at(-1) ?? null;
  const directory = useDirectory(parent?.id ?? null);
  const request = useRequestBinding();
  const entries = (directory.data?.pages.flatMap((p) => p.items) ?? []).sort(byName(i18n.language));

  const choose = (id: string) => {
    const entry = entries.find((e) => e.id === id);
    if (!entry) return;
    if (entry.kind === 'household') setHousehold(entry);
    else setTrail((prev) => [...prev, entry]);
  };

  const jumpTo = (index: number) => {
    setHousehold(null);
    setTrail((prev) => prev.slice(0, index));
  };

  const back = () => {
    if (household) setHousehold(null);
    else if (trail.length > 0) setTrail((prev) => prev.slice(0, -1));
    else void navigate('/');
  };

  const submit = () => {
    if (!household) return;
    const trimmed = note.trim();
    request.mutate(
      { householdId: household.id, ...(trimmed ? { note: trimmed } : {}) },
      {
        onSuccess: () => {
          Toast.show({ icon: 'success', content: t('resident.bind.submitted') });
          void navigate('/', { replace: true });
        },
      },
    );
  };

  const kindOfLevel = entries[0]?.kind;
  const levelTitle = !parent
    ? t('resident.bind.chooseStart')
    : kindOfLevel
      ? t('resident.bind.choose', { kind: t(`kind.${kindOfLevel}`) })
      : t('resident.bind.hint');
  const pathNames = trail.filter((s) => s.kind !== 'district').map((s) => s.name);

  return (
    <div className="ll-app ll-app-plain">
      <PageHeader title={t('resident.bind.title')} onBack={back} />
      <main className="ll-page" id="main">
        <p className="ll-muted ll-lead">{t('resident.bind.hint')}</p>
        <Trail steps={trail} onJump={jumpTo} />

        {household ? (
          <section className="ll-card ll-confirm" aria-labelledby="selected-title">
            <h2 className="ll-section-title" id="selected-title">
              {t('resident.bind.selected')}
            </h2>
            <p className="ll-household-name" data-testid="selected-household">
              {household.name}
            </p>
            <PlacePath names={pathNames} className="ll-household-path" />
            <label className="ll-field-label" htmlFor={noteId}>
              {t('resident.bind.noteLabel')}
            </label>
            <TextArea
              id={noteId}
              className="ll-textarea"
              value={note}
              onChange={setNote}
              placeholder={t('resident.bind.notePlaceholder')}
              maxLength={LIMITS.reason}
              rows={3}
              showCount
            />
            {request.isError && <FormError message={errorMessage(request.error, t, i18n.language)} />}
            <Button block color="primary" size="large" loading={request.isPending} onClick={submit}>
              {t('resident.bind.submit')}
            </Button>
            <Button block fill="none" className="ll-secondary-cta" onClick={() => setHousehold(null)}>
              {t('resident.bind.change')}
            </Button>
          </section>
        ) : (
          <section aria-labelledby="level-title">
            <h2 className="ll-section-title" id="level-title">
              {levelTitle}
            </h2>
            {directory.isPending && (
              <p className="ll-center" role="status">
                <DotLoading color="primary" />
                <span className="ll-visually-hidden">{t('common.loading')}</span>
              </p>
            )}
            {directory.isError && (
              <ErrorState
                message={errorMessage(directory.error, t, i18n.language)}
                onRetry={() => void directory.refetch()}
              />
            )}
            {directory.isSuccess && entries.length === 0 && <EmptyCard title={t('resident.bind.empty')} />}
            {entries.length > 0 && (
              <ChoiceList
                label={levelTitle}
                choices={entries.map((e) => ({ id: e.id, label: e.name }))}
                onChoose={choose}
                footer={
                  directory.hasNextPage && (
                    <Button
                      block
                      fill="none"
                      loading={directory.isFetchingNextPage}
                      onClick={() => void directory.fetchNextPage()}
                    >
                      {t('common.loadMore')}
                    </Button>
                  )
                }
              />
            )}
            {trail.length > 0 && (
              <Button block fill="outline" className="ll-secondary-cta" onClick={back}>
                {t('resident.bind.upOne')}
              </Button>
            )}
          </section>
        )}
      </main>
    </div>
  );
}
