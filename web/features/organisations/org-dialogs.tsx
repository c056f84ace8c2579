import { useQuery } from '@tanstack/react-query';
import { Alert, Checkbox, Form, Input, Modal, Radio, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrganisationNodeView } from '../../../domain/contracts/organisation.js';
import { LIMITS } from '../../../domain/limits.js';
import {
  type OrganisationKind,
  type PositionTitle,
  RED_BUTLER_KINDS,
  type RedButlerKind,
} from '../../../domain/organisation.js';
import { POSITIONS_OF } from '../../../domain/organisation-rules.js';
import { byName } from '../../i18n/format.js';
import { fetchChildren, placeKeys } from '../places/places.queries.js';
import type { OrganisationDetailView, OrganisationTreeView } from './organisations.queries.js';
import { usePeople } from './organisations.queries.js';

/** Live buildings of the community → the live group covering each (to grey them out when choosing). */
export function coveredBuildings(tree: OrganisationTreeView | undefined): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (n: OrganisationNodeView) => {
    if (n.dissolvedAt === null) for (const b of n.buildings) out.set(b.id, n.name);
    n.children.forEach(walk);
  };
  tree?.roots.forEach(walk);
  return out;
}

function useChildPlaces(placeId: string | null) {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: placeKeys.children(placeId ?? '', null),
    queryFn: () => fetchChildren(placeId ?? '', null),
    enabled: placeId !== null,
    select: (page) => page.items.filter((p) => !p.archived).sort(byName(i18n.language)),
  });
}

interface CreateValues {
  kind: OrganisationKind;
  placeId?: string;
  buildingIds?: string[];
  name: string;
}

/**
 * Set up an organisation under the one selected: a branch on a compound under the big committee, a
 * building or joint group under a branch, or the big committee itself when the community has none.
 */
export function CreateOrganisationModal({
  open,
  parent,
  communityId,
  tree,
  busy,
  onSubmit,
  onCancel,
}: {
  open: boolean;
  parent: OrganisationDetailView | null;
  communityId: string;
  tree: OrganisationTreeView | undefined;
  busy: boolean;
  onSubmit: (v: { kind: OrganisationKind; placeId: string; name: string; buildingIds?: string[] }) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('organisation');
  const [form] = Form.useForm<CreateValues>();
  const kinds: OrganisationKind[] = !parent
    ? ['big_committee']
    : parent.kind === 'big_committee'
      ? ['compound_branch']
      : ['building_group', 'joint_group'];
  const kind = Form.useWatch('kind', form) ?? kinds[0];
  // Branches choose among the community's compounds; groups among their branch's buildings.
  const listOf = !parent ? null : parent.kind === 'big_committee' ? communityId : parent.place.id;
  const places = useChildPlaces(open ? listOf : null);
  const covered = coveredBuildings(tree);
  const branches = new Set<string>();
  tree?.roots.forEach((r) =>
    (r.children as OrganisationNodeView[]).forEach((c) => c.dissolvedAt === null && branches.add(c.place.id)),
  );

  const firstKind = kinds[0];
  useEffect(() => {
    if (open) form.setFieldsValue({ kind: firstKind, name: '', buildingIds: [] });
  }, [open, firstKind, form]);

  const submit = (v: CreateValues) => {
    if (v.kind === 'big_committee') onSubmit({ kind: v.kind, placeId: communityId, name: v.name.trim() });
    else if (v.kind === 'joint_group')
      onSubmit({
        kind: v.kind,
        placeId: parent!.place.id,
        name: v.name.trim(),
        buildingIds: v.buildingIds ?? [],
      });
    else onSubmit({ kind: v.kind, placeId: v.placeId!, name: v.name.trim() });
  };
  const options = (places.data ?? []).map((p) => {
    const taken = kind === 'compound_branch' ? branches.has(p.id) : covered.get(p.id);
    return {
      value: p.id,
      label:
        taken && typeof taken === 'string'
          ? `${p.name}（${t('form.buildingTaken', { name: taken })}）`
          : p.name,
      disabled: Boolean(taken),
    };
  });

  return (
    <Modal
      open={open}
      title={parent ? t('form.createUnder', { name: parent.name }) : t('form.createTitle')}
      okText={t('actions.createChild')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form<CreateValues>
        form={form}
        name="org-create"
        layout="vertical"
        onFinish={submit}
        requiredMark={false}
      >
        <Form.Item name="kind" label={t('form.kind')}>
          <Radio.Group
            optionType="button"
            options={kinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          />
        </Form.Item>
        {kind === 'compound_branch' || kind === 'building_group' ? (
          <Form.Item
            name="placeId"
            label={t(kind === 'compound_branch' ? 'form.compound' : 'form.building')}
            rules={[
              {
                required: true,
                message: t('form.required', {
                  field: t(kind === 'compound_branch' ? 'form.compound' : 'form.building'),
                }),
              },
            ]}
          >
            <Select options={options} loading={places.isPending} />
          </Form.Item>
        ) : null}
        {kind === 'joint_group' && (
          <Form.Item
            name="buildingIds"
            label={t('form.buildings')}
            rules={[
              {
                validator: async (_, v: string[] | undefined) => {
                  if ((v?.length ?? 0) < 2) throw new Error(t('form.pickTwo'));
                },
              },
            ]}
          >
            <Checkbox.Group className="od-checks" options={options} />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label={t('form.name')}
          rules={[
            { required: true, whitespace: true, message: t('form.required', { field: t('form.name') }) },
            { max: LIMITS.placeName },
          ]}
        >
          <Input placeholder={t('form.namePlaceholder')} maxLength={LIMITS.placeName} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A name, a reason: one text field in a dialog. */
export function TextModal({
  open,
  title,
  label,
  hint,
  initial,
  multiline,
  danger,
  busy,
  onSubmit,
  onCancel,
}: {
  open: boolean;
  title: string;
  label: string;
  hint?: string;
  initial?: string;
  multiline?: boolean;
  danger?: boolean;
  busy: boolean;
  onSubmit: (text: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('organisation');
  const { t: tb } = useTranslation();
  const [form] = Form.useForm<{ text: string }>();
  useEffect(() => {
    if (open) form.setFieldsValue({ text: initial ?? '' });
  }, [open, initial, form]);
  return (
    <Modal
      open={open}
      title={title}
      okText={tb('common.save')}
      okButtonProps={{ danger: danger ?? false }}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      {hint && <Alert type="info" showIcon className="od-alert" message={hint} />}
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => onSubmit(v.text.trim())}>
        <Form.Item
          name="text"
          label={label}
          rules={[
            { required: true, whitespace: true, message: t('form.required', { field: label }) },
            { max: LIMITS.reason },
          ]}
        >
          {multiline ? (
            <Input.TextArea rows={3} maxLength={LIMITS.reason} />
          ) : (
            <Input maxLength={LIMITS.placeName} />
          )}
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function BuildingsModal({
  open,
  org,
  tree,
  busy,
  onSubmit,
  onCancel,
}: {
  open: boolean;
  org: OrganisationDetailView;
  tree: OrganisationTreeView | undefined;
  busy: boolean;
  onSubmit: (buildingIds: string[]) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('organisation');
  const places = useChildPlaces(open ? org.place.id : null);
  const covered = coveredBuildings(tree);
  const [value, setValue] = useState<string[]>([]);
  useEffect(() => {
    if (open) setValue(org.buildings.filter((b) => b.endedAt === null).map((b) => b.id));
  }, [open, org]);
  return (
    <Modal
      open={open}
      title={t('form.changeBuildingsTitle', { name: org.name })}
      confirmLoading={busy}
      okButtonProps={{ disabled: value.length < 2 }}
      onOk={() => onSubmit(value)}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Checkbox.Group
        className="od-checks"
        value={value}
        onChange={(v) => setValue(v)}
        options={(places.data ?? []).map((p) => {
          const other = covered.get(p.id);
          const taken = other !== undefined && other !== org.name;
          return {
            value: p.id,
            label: taken ? `${p.name}（${t('form.buildingTaken', { name: other })}）` : p.name,
            disabled: taken,
          };
        })}
      />
      {value.length < 2 && <Alert className="od-alert" type="warning" message={t('form.pickTwo')} />}
    </Modal>
  );
}

export function MergeModal({
  open,
  org,
  tree,
  busy,
  onSubmit,
  onCancel,
}: {
  open: boolean;
  org: OrganisationDetailView;
  tree: OrganisationTreeView | undefined;
  busy: boolean;
  onSubmit: (intoId: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('organisation');
  const [into, setInto] = useState<string | null>(null);
  const siblings: OrganisationNodeView[] = [];
  const walk = (n: OrganisationNodeView) => {
    if (n.id === org.parent?.id) {
      for (const c of n.children) if (c.dissolvedAt === null && c.id !== org.id) siblings.push(c);
    }
    n.children.forEach(walk);
  };
  tree?.roots.forEach(walk);
  useEffect(() => {
    if (open) setInto(null);
  }, [open]);
  return (
    <Modal
      open={open}
      title={t('form.mergeTitle', { name: org.name })}
      confirmLoading={busy}
      okButtonProps={{ disabled: into === null }}
      onOk={() => into && onSubmit(into)}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Alert className="od-alert" type="info" showIcon message={t('form.mergeHint')} />
      <label className="od-field">
        <span>{t('form.mergeInto')}</span>
        <Select
          className="od-select"
          value={into}
          onChange={setInto}
          options={siblings.map((s) => ({ value: s.id, label: `${s.name} · ${t(`kind.${s.kind}`)}` }))}
        />
      </label>
    </Modal>
  );
}

/** Search the community's people by name; `known` names a value that may not be in the first page. */
export function PersonSelect({
  communityId,
  partyOnly,
  value,
  onChange,
  known,
  id,
  ariaLabel,
  placeholder,
}: {
  communityId: string;
  partyOnly: boolean;
  value?: string;
  onChange?: (v: string) => void;
  known?: { value: string; label: string };
  id?: string;
  ariaLabel?: string;
  placeholder?: string;
}) {
  const { t } = useTranslation('organisation');
  const [q, setQ] = useState('');
  const people = usePeople(communityId, q, partyOnly ? 'party_member' : 'all', null);
  const options = (people.data?.items ?? []).map((p) => ({
    value: p.id,
    label: `${p.name}${p.householdLabel ? ` · ${p.householdLabel}` : ''}`,
  }));
  if (known && !options.some((o) => o.value === known.value)) options.unshift(known);
  return (
    <Select
      id={id}
      aria-label={ariaLabel}
      showSearch
      value={value}
      onChange={onChange}
      filterOption={false}
      onSearch={setQ}
      loading={people.isFetching}
      placeholder={placeholder ?? t('form.personPlaceholder')}
      options={options}
    />
  );
}

export function AppointModal({
  open,
  org,
  mode,
  busy,
  onAppoint,
  onAddButler,
  onCancel,
}: {
  open: boolean;
  org: OrganisationDetailView;
  mode: 'position' | 'butler';
  busy: boolean;
  onAppoint: (v: { title: PositionTitle; personId: string }) => void;
  onAddButler: (v: { kind: RedButlerKind; personId: string }) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('organisation');
  const [form] = Form.useForm<{ title?: PositionTitle; kind?: RedButlerKind; personId: string }>();
  const titles = POSITIONS_OF[org.kind].filter((x) => x !== 'partner_seat');
  const firstTitle = org.vacancies[0] ?? titles[0];
  useEffect(() => {
    if (open) form.setFieldsValue({ title: firstTitle, kind: 'party_member' });
  }, [open, firstTitle, form]);
  return (
    <Modal
      open={open}
      title={t(mode === 'position' ? 'form.appointTitle' : 'form.butlerTitle', { name: org.name })}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form
        form={form}
        name="org-appoint"
        layout="vertical"
        requiredMark={false}
        onFinish={(v) =>
          mode === 'position'
            ? onAppoint({ title: v.title!, personId: v.personId })
            : onAddButler({ kind: v.kind!, personId: v.personId })
        }
      >
        {mode === 'position' ? (
          <Form.Item name="title" label={t('form.title')}>
            <Radio.Group
              optionType="button"
              options={titles.map((x) => ({ value: x, label: t(`position.${x}`) }))}
            />
          </Form.Item>
        ) : (
          <Form.Item name="kind" label={t('form.butlerKind')}>
            <Radio.Group
              optionType="button"
              options={RED_BUTLER_KINDS.map((x) => ({ value: x, label: t(`butlerKind.${x}`) }))}
            />
          </Form.Item>
        )}
        <Form.Item
          name="personId"
          label={t('form.person')}
          rules={[{ required: true, message: t('form.required', { field: t('form.person') }) }]}
        >
          <PersonSelect communityId={org.community.id} partyOnly={mode === 'position'} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
