import { Tag, Tree } from 'antd';
import type { DataNode } from 'antd/es/tree/index.js';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlaceView } from '../../api/types.js';
import { byName } from '../../i18n/format.js';
import type { usePlaceTreeState } from './place-tree.state.js';

const MORE = 'more:';

/** The places tree, one level loaded at a time, with a "load more" row where a level has more pages. */
export function PlacesTree({
  roots,
  tree,
  selectedId,
  expandedKeys,
  onExpand,
  onSelect,
}: {
  roots: PlaceView[];
  tree: ReturnType<typeof usePlaceTreeState>;
  selectedId: string | null;
  expandedKeys: string[];
  onExpand: (keys: string[]) => void;
  onSelect: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();

  const treeData = useMemo(() => {
    const build = (p: PlaceView): DataNode => {
      const page = tree.children[p.id];
      const kids: DataNode[] | undefined = page
        ? [
            ...[...page.items].sort(byName(i18n.language)).map(build),
            ...(page.nextCursor
              ? [
                  {
                    key: `${MORE}${p.id}`,
                    title: t('console.places.loadMore'),
                    isLeaf: true,
                    className: 'cl-tree-more',
                  },
                ]
              : []),
          ]
        : undefined;
      return {
        key: p.id,
        // childCount leaves out archived children, so only households are known leaves before loading.
        isLeaf: p.kind === 'household',
        className: p.archived ? 'cl-tree-archived' : undefined,
        title: (
          <span className="cl-tree-node">
            <span className="cl-tree-name">{p.name}</span>
            <span className="cl-tree-kind">{t(`kind.${p.kind}`)}</span>
            {p.archived && <Tag className="cl-tree-tag">{t('console.places.archived')}</Tag>}
          </span>
        ),
        ...(kids ? { children: kids } : {}),
      };
    };
    return roots.map(build);
  }, [roots, tree.children, t, i18n.language]);

  return (
    <Tree
      className="cl-tree"
      blockNode
      showLine
      treeData={treeData}
      loadData={(node) => tree.load(String(node.key))}
      loadedKeys={Object.keys(tree.children)}
      expandedKeys={expandedKeys}
      onExpand={(keys) => onExpand(keys.map(String))}
      selectedKeys={selectedId ? [selectedId] : []}
      onSelect={(_keys, info) => {
        const key = String(info.node.key);
        if (key.startsWith(MORE)) void tree.loadMore(key.slice(MORE.length));
        else onSelect(key);
      }}
    />
  );
}
