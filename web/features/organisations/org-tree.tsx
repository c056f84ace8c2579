import { HomeOutlined } from '@ant-design/icons';
import { Tag, Tree } from 'antd';
import type { DataNode } from 'antd/es/tree/index.js';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CentralHouseholdView, OrganisationNodeView } from '../../../domain/contracts/organisation.js';
import { formatDate, separator } from './org-format.js';
import type { OrganisationTreeView } from './organisations.queries.js';

/** Keys of the tree: an organisation's id, `ch:<id>` for a central household. */
export const chKey = (id: string) => `ch:${id}`;
const UNATTACHED = 'unattached';

function ChTitle({ ch }: { ch: CentralHouseholdView }) {
  const { t } = useTranslation('organisation');
  return (
    <span className="ot-node ot-node-ch" data-testid="ch-node">
      <HomeOutlined className="ot-ch-icon" aria-hidden />
      <span className="ot-name">{ch.householdLabel}</span>
      <span className="ot-meta">{ch.leader.name}</span>
      {ch.lit && (
        <Tag color="red" className="ot-tag">
          {t('tree.lit')}
        </Tag>
      )}
    </span>
  );
}

function OrgTitle({ node }: { node: OrganisationNodeView }) {
  const { t, i18n } = useTranslation('organisation');
  const past = node.dissolvedAt !== null;
  const lead =
    node.kind === 'building_group' || node.kind === 'joint_group'
      ? node.holders.filter((h) => h.title === 'pioneer_post')
      : node.holders.filter((h) => h.title === 'secretary');
  return (
    <span className={past ? 'ot-node ot-node-past' : 'ot-node'} data-testid="org-node" data-kind={node.kind}>
      <Tag className={`ot-kind ot-kind-${node.kind}`}>{t(`kind.${node.kind}`)}</Tag>
      <span className="ot-name">{node.name}</span>
      {!past && lead.length > 0 && (
        <span className="ot-meta">
          {t(`position.${lead[0]!.title}`)} {lead.map((h) => h.name).join(separator(i18n.language))}
        </span>
      )}
      {!past && node.vacancies.length > 0 && (
        <Tag color="error" className="ot-tag" data-testid="vacancy">
          {t('tree.vacant', {
            titles: node.vacancies.map((v) => t(`position.${v}`)).join(separator(i18n.language)),
          })}
        </Tag>
      )}
      {past && (
        <span className="ot-meta">
          {node.mergedInto
            ? t('tree.merged', {
                name: node.mergedInto.name,
                date: formatDate(node.dissolvedAt!, i18n.language),
              })
            : t('tree.dissolved', { date: formatDate(node.dissolvedAt!, i18n.language) })}
        </span>
      )}
      {!past && (
        <span className="ot-count" title={t('counts.members')}>
          {node.counts.members}
        </span>
      )}
    </span>
  );
}

/** The four levels as an antd Tree: big committee → branches → groups → central households. */
export function OrganisationTreeView({
  tree,
  showHistory,
  selectedKey,
  onSelect,
}: {
  tree: OrganisationTreeView;
  showHistory: boolean;
  selectedKey: string | null;
  onSelect: (key: string) => void;
}) {
  const { t } = useTranslation('organisation');
  const { treeData, keys } = useMemo(() => {
    const keys: string[] = [];
    const build = (n: OrganisationNodeView): DataNode | null => {
      if (!showHistory && n.dissolvedAt !== null) return null;
      keys.push(n.id);
      const children = [
        ...n.children.map(build).filter((c): c is DataNode => c !== null),
        ...n.centralHouseholds.map((ch) => ({ key: chKey(ch.id), title: <ChTitle ch={ch} />, isLeaf: true })),
      ];
      return { key: n.id, title: <OrgTitle node={n} />, children };
    };
    const data = tree.roots.map(build).filter((c): c is DataNode => c !== null);
    if (tree.unattachedCentralHouseholds.length > 0) {
      keys.push(UNATTACHED);
      data.push({
        key: UNATTACHED,
        selectable: false,
        title: <span className="ot-node ot-node-muted">{t('tree.unattached')}</span>,
        children: tree.unattachedCentralHouseholds.map((ch) => ({
          key: chKey(ch.id),
          title: <ChTitle ch={ch} />,
          isLeaf: true,
        })),
      });
    }
    return { treeData: data, keys };
  }, [tree, showHistory, t]);

  return (
    <Tree
      className="ot-tree"
      blockNode
      showLine={{ showLeafIcon: false }}
      treeData={treeData}
      expandedKeys={keys}
      selectedKeys={selectedKey ? [selectedKey] : []}
      onSelect={(selected) => {
        const k = selected[0];
        if (typeof k === 'string') onSelect(k);
      }}
    />
  );
}
