import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlaceKind, PlaceView } from '../../api/types.js';
import { byName } from '../../i18n/format.js';
import { usePlaceTreeState } from './place-tree.state.js';
import { usePlaceDetail } from './places.queries.js';

interface LabeledValue {
  value: string;
  label: string;
}

interface TreeSelectNode {
  value: string;
  title: string;
  isLeaf: boolean;
  disabled: boolean;
  children?: TreeSelectNode[];
}

/**
 * Pick a place by browsing down from the caller's scope roots, loading each level on demand.
 * Households (and archived places) are never offered; `leafKinds` stop the descent early.
 */
export function PlaceTreeSelect({
  roots,
  value,
  onChange,
  leafKinds = ['building', 'unit'],
  isSelectable = () => true,
  placeholder,
  id,
  ariaLabel,
  width = 320,
}: {
  roots: PlaceView[];
  value: string | null;
  onChange: (id: string, place: PlaceView | undefined) => void;
  leafKinds?: readonly PlaceKind[];
  isSelectable?: (place: PlaceView) => boolean;
  placeholder?: string;
  id?: string;
  ariaLabel?: string;
  width?: number | string;
}) {
  const { t, i18n } = useTranslation();
  const tree = usePlaceTreeState();
  const known = value ? tree.find(roots, value) : undefined;
  // A value from the address may not be in the loaded tree (or not reachable at all): name it anyway.
  const detail = usePlaceDetail(value && !known && roots.length > 0 ? value : null);
  const named = known ?? detail.data;
  const label = named
    ? t('console.placeWithKind', { name: named.name, kind: t(`kind.${named.kind}`) })
    : detail.isError
      ? t('console.scopeUnavailable')
      : '';

  const treeData = useMemo(() => {
    const build = (p: PlaceView): TreeSelectNode => {
      const leaf = leafKinds.includes(p.kind) || p.childCount === 0;
      const loaded = tree.children[p.id];
      return {
        value: p.id,
        title: t('console.placeWithKind', { name: p.name, kind: t(`kind.${p.kind}`) }),
        isLeaf: leaf,
        disabled: !isSelectable(p),
        ...(loaded && !leaf
          ? {
              children: loaded.items
                .filter((c) => c.kind !== 'household' && !c.archived)
                .sort(byName(i18n.language))
                .map(build),
            }
          : {}),
      };
    };
    return roots.map(build);
  }, [roots, tree.children, leafKinds, isSelectable, t, i18n.language]);

  return (
    <TreeSelect<LabeledValue>
      id={id}
      aria-label={ariaLabel}
      style={{ width }}
      labelInValue
      value={value ? { value, label } : undefined}
      placeholder={placeholder ?? t('console.scopePlaceholder')}
      treeData={treeData}
      loadData={(node) => tree.load(String(node.value))}
      treeLoadedKeys={Object.keys(tree.children)}
      onChange={(v) => onChange(v.value, tree.find(roots, v.value))}
      showSearch={false}
      popupMatchSelectWidth={false}
      treeDefaultExpandAll={false}
    />
  );
}
