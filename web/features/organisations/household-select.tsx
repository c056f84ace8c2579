import { TreeSelect } from 'antd';
import { type Key, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlaceView } from '../../api/types.js';
import { byName } from '../../i18n/format.js';
import { usePlaceTreeState } from '../places/place-tree.state.js';

/** A household chosen in a picker, with the words to show for it ("1幢 301室"). */
export interface PickedHousehold {
  value: string;
  label: string;
}

interface Node {
  value: string;
  title: string;
  label: string;
  isLeaf: boolean;
  selectable: boolean;
  disabled: boolean;
  children?: Node[];
}

/**
 * Pick households by browsing down from a place (a community, compound or building), one level at a
 * time, as in PlaceTreeSelect; only households can be chosen. `open` lists places opened at first (the
 * neighbours' building), `excludeIds` households that may not be chosen (the central household itself).
 * The value is always a list: one household at most unless `multiple`.
 */
export function HouseholdSelect({
  rootId,
  open = [],
  multiple = false,
  excludeIds = [],
  value,
  onChange,
  id,
  ariaLabel,
  placeholder,
}: {
  rootId: string | null;
  open?: string[];
  multiple?: boolean;
  excludeIds?: string[];
  value?: PickedHousehold[] | undefined;
  onChange?: (v: PickedHousehold[]) => void;
  id?: string;
  ariaLabel?: string;
  placeholder?: string;
}) {
  const { i18n } = useTranslation();
  const tree = usePlaceTreeState();
  const { load } = tree;
  const [expanded, setExpanded] = useState<string[]>(open);
  const openKey = open.join(',');

  useEffect(() => {
    if (rootId) void load(rootId);
  }, [rootId, load]);
  useEffect(() => {
    const ids = openKey ? openKey.split(',') : [];
    ids.forEach((x) => void load(x));
    setExpanded((prev) => [...new Set([...prev, ...ids])]);
  }, [openKey, load]);

  const treeData = useMemo(() => {
    const build = (p: PlaceView, prefix: string): Node => {
      const household = p.kind === 'household';
      const label = prefix ? `${prefix} ${p.name}` : p.name;
      const loaded = tree.children[p.id];
      return {
        value: p.id,
        title: p.name,
        label,
        isLeaf: household || p.childCount === 0,
        selectable: household,
        disabled: household && excludeIds.includes(p.id),
        ...(loaded && !household
          ? {
              children: loaded.items
                .filter((c) => !c.archived)
                .sort(byName(i18n.language))
                .map((c) => build(c, label)),
            }
          : {}),
      };
    };
    const top = rootId ? tree.children[rootId] : undefined;
    return (top?.items ?? [])
      .filter((c) => !c.archived)
      .sort(byName(i18n.language))
      .map((c) => build(c, ''));
  }, [rootId, tree.children, excludeIds, i18n.language]);

  const common = {
    id,
    'aria-label': ariaLabel,
    style: { width: '100%' },
    labelInValue: true as const,
    placeholder,
    treeData,
    treeNodeLabelProp: 'label',
    treeNodeFilterProp: 'label',
    showSearch: true,
    allowClear: true,
    loadData: (node: { value?: unknown }) => load(String(node.value)),
    treeLoadedKeys: Object.keys(tree.children),
    treeExpandedKeys: expanded,
    onTreeExpand: (keys: Key[]) => setExpanded(keys.map(String)),
    popupMatchSelectWidth: false,
    // A level holds a few dozen places at most: render them all, so each can be reached and found.
    virtual: false,
  };

  return multiple ? (
    <TreeSelect<PickedHousehold[]>
      {...common}
      multiple
      value={value ?? []}
      onChange={(v) => onChange?.((v ?? []).map((x) => ({ value: x.value, label: String(x.label) })))}
    />
  ) : (
    <TreeSelect<PickedHousehold>
      {...common}
      value={value?.[0]}
      onChange={(v) => onChange?.(v ? [{ value: v.value, label: String(v.label) }] : [])}
    />
  );
}
