import { Alert, Form, Modal } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canContain, PLACE_KINDS } from '../../../domain/places.js';
import type { PlaceKind, PlaceView } from '../../api/types.js';
import { PlaceTreeSelect } from './place-tree-select.js';

/** Choose a new parent for a place; only places of a kind that may hold it can be chosen. */
export function MovePlaceModal({
  open,
  place,
  roots,
  confirmLoading,
  onSubmit,
  onCancel,
}: {
  open: boolean;
  place: PlaceView;
  roots: PlaceView[];
  confirmLoading: boolean;
  onSubmit: (parentId: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [target, setTarget] = useState<string | null>(null);
  const parentKinds = PLACE_KINDS.filter((k) => canContain(k, place.kind));
  const deepest = Math.max(...parentKinds.map((k) => PLACE_KINDS.indexOf(k)));
  const leafKinds: PlaceKind[] = PLACE_KINDS.slice(deepest);
  const isSelectable = useCallback(
    (p: PlaceView) => canContain(p.kind, place.kind) && p.id !== place.id && p.id !== place.parentId,
    [place],
  );

  return (
    <Modal
      open={open}
      title={t('console.places.moveTitle', { name: place.name })}
      okText={t('console.places.move')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: target === null }}
      confirmLoading={confirmLoading}
      onOk={() => target && onSubmit(target)}
      onCancel={onCancel}
      afterClose={() => setTarget(null)}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        className="cl-modal-hint"
        title={t('console.places.moveHint', { kinds: parentKinds.map((k) => t(`kind.${k}`)).join(' / ') })}
      />
      <Form layout="vertical">
        <Form.Item label={t('console.places.moveTarget')} htmlFor="move-target" required>
          <PlaceTreeSelect
            id="move-target"
            roots={roots}
            value={target}
            onChange={(id) => setTarget(id)}
            leafKinds={leafKinds}
            isSelectable={isSelectable}
            width="100%"
            placeholder={t('console.places.moveTargetPlaceholder')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
