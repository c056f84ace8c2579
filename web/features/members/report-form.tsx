import { Button, Input, Selector, TextArea } from 'antd-mobile';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MEMBER_LIMITS } from '../../../domain/members.js';
import { CommunityPicker } from './community-picker.js';
import type { CommunityRef } from './home-communities.js';
import type { MemberReportView, ReportInInput } from './members.queries.js';
import './members.css';

/** Skills as chips: type one, add it; tap × to remove. */
export function SkillsField({ value, onChange }: { value: string[]; onChange: (skills: string[]) => void }) {
  const { t } = useTranslation('members');
  const [draft, setDraft] = useState('');
  const id = useId();
  const add = () => {
    const parts = draft
      .split(/[,，、;；\n]/)
      .map((s) => s.trim().slice(0, MEMBER_LIMITS.skill))
      .filter(Boolean);
    const next = [...new Set([...value, ...parts])].slice(0, MEMBER_LIMITS.skills);
    onChange(next);
    setDraft('');
  };
  return (
    <div className="mb-field">
      <label className="mb-label" htmlFor={id}>
        {t('field.skills')}
      </label>
      {value.length > 0 && (
        <ul className="mb-chips" aria-label={t('field.skills')}>
          {value.map((s) => (
            <li key={s} className="mb-chip">
              {s}
              <button
                type="button"
                className="mb-chip-remove"
                aria-label={`× ${s}`}
                onClick={() => onChange(value.filter((x) => x !== s))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="mb-add-row">
        <Input
          className="mb-input"
          id={id}
          value={draft}
          onChange={setDraft}
          onEnterPress={add}
          placeholder={t('field.skillsPlaceholder')}
          maxLength={60}
        />
        <Button onClick={add} disabled={!draft.trim()}>
          {t('field.addSkill')}
        </Button>
      </div>
    </div>
  );
}

/**
 * The report-in form: the community she lives in, her work unit and its party organisation, skills
 * and when she is free. Used to report in, to correct a returned report and to move.
 */
export function ReportForm({
  communities,
  initial,
  fixedCommunity,
  submitLabel,
  submitting,
  onSubmit,
  onCancel,
}: {
  communities: CommunityRef[];
  initial?: MemberReportView | undefined;
  /** Editing keeps the community; moving and reporting in choose one. */
  fixedCommunity?: boolean;
  submitLabel: string;
  submitting: boolean;
  onSubmit: (body: ReportInInput) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation('members');
  const { t: tc } = useTranslation();
  const ids = { community: useId(), unit: useId(), org: useId(), times: useId() };
  const [extra, setExtra] = useState<CommunityRef[]>([]);
  const options = [...communities, ...extra.filter((e) => !communities.some((c) => c.id === e.id))];
  // Moving passes a report without a community: the first of the others is offered instead.
  const [communityId, setCommunityId] = useState<string>(initial?.community.id ?? '');
  const [workUnit, setWorkUnit] = useState(initial?.workUnit ?? '');
  const [org, setOrg] = useState(initial?.workUnitPartyOrg ?? '');
  const [skills, setSkills] = useState<string[]>(initial?.skills ?? []);
  const [availability, setAvailability] = useState(initial?.availability ?? '');
  const [picking, setPicking] = useState(false);
  const chosen = communityId !== '' ? communityId : (options[0]?.id ?? null);
  const ready = chosen !== null && workUnit.trim() !== '';

  const submit = () => {
    if (!ready || chosen === null) return;
    onSubmit({
      communityId: chosen,
      workUnit: workUnit.trim(),
      workUnitPartyOrg: org.trim() || null,
      skills,
      availability: availability.trim() || null,
    });
  };

  return (
    <section className="ll-card" aria-label={t('resident.report.title')}>
      {!fixedCommunity && (
        <div className="mb-field">
          <span className="mb-label" id={ids.community}>
            {t('field.community')}
          </span>
          {options.length > 0 && (
            <Selector
              aria-labelledby={ids.community}
              columns={1}
              options={options.map((c) => ({ label: c.name, value: c.id }))}
              value={chosen ? [chosen] : []}
              onChange={(v) => v[0] && setCommunityId(v[0])}
            />
          )}
          <Button size="small" fill="none" color="primary" onClick={() => setPicking(true)}>
            {options.length > 0 ? t('resident.report.otherCommunity') : t('resident.report.chooseCommunity')}
          </Button>
          <CommunityPicker
            visible={picking}
            onClose={() => setPicking(false)}
            onPick={(c) => {
              setExtra((prev) => [...prev, c]);
              setCommunityId(c.id);
            }}
          />
        </div>
      )}
      <div className="mb-field">
        <label className="mb-label" htmlFor={ids.unit}>
          {t('field.workUnit')}
        </label>
        <Input
          className="mb-input"
          id={ids.unit}
          value={workUnit}
          onChange={setWorkUnit}
          placeholder={t('field.workUnitPlaceholder')}
          maxLength={MEMBER_LIMITS.workUnit}
          clearable
        />
      </div>
      <div className="mb-field">
        <label className="mb-label" htmlFor={ids.org}>
          {t('field.partyOrg')}
        </label>
        <Input
          className="mb-input"
          id={ids.org}
          value={org}
          onChange={setOrg}
          placeholder={t('field.partyOrgPlaceholder')}
          maxLength={MEMBER_LIMITS.workUnit}
          clearable
        />
      </div>
      <SkillsField value={skills} onChange={setSkills} />
      <div className="mb-field">
        <label className="mb-label" htmlFor={ids.times}>
          {t('field.freeTimes')}
        </label>
        <TextArea
          className="mb-input"
          id={ids.times}
          value={availability}
          onChange={setAvailability}
          placeholder={t('field.freeTimesPlaceholder')}
          maxLength={MEMBER_LIMITS.availability}
          autoSize={{ minRows: 2, maxRows: 4 }}
        />
      </div>
      <div className="mb-actions">
        <Button block color="primary" size="large" disabled={!ready} loading={submitting} onClick={submit}>
          {submitLabel}
        </Button>
        {onCancel && (
          <Button block onClick={onCancel}>
            {tc('common.cancel')}
          </Button>
        )}
      </div>
    </section>
  );
}
