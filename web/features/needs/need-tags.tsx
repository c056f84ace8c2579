import { Tag } from 'antd-mobile';
import {
  AppstoreOutline,
  DeleteOutline,
  HeartOutline,
  MessageOutline,
  MoreOutline,
  QuestionCircleOutline,
  SetOutline,
  UserOutline,
} from 'antd-mobile-icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { NeedStatus } from '../../../domain/needs.js';

const STATUS_COLOR: Record<NeedStatus, 'warning' | 'primary' | 'success' | 'default'> = {
  posted: 'warning',
  convened: 'warning',
  claimed: 'primary',
  in_service: 'primary',
  done: 'success',
  confirmed: 'success',
  cancelled: 'default',
};

/** The state of a need in words (colour only adds to them). */
export function StatusTag({ status }: { status: NeedStatus }) {
  const { t } = useTranslation('needs');
  return (
    <Tag color={STATUS_COLOR[status]} fill="outline" className="ll-tag" data-testid="need-status">
      {t(`status.${status}`)}
    </Tag>
  );
}

export function UrgentTag() {
  const { t } = useTranslation('needs');
  return (
    <Tag color="danger" className="ll-tag nd-urgent-tag">
      {t('urgency.urgent')}
    </Tag>
  );
}

const ICONS: Record<string, ReactNode> = {
  appliance_repair: <SetOutline />,
  health: <HeartOutline />,
  elderly_help: <UserOutline />,
  environment: <DeleteOutline />,
  facilities: <AppstoreOutline />,
  neighbour_dispute: <MessageOutline />,
  policy_question: <QuestionCircleOutline />,
};

/** A category's picture; a district's own categories share the "other" one. */
export function CategoryIcon({ code }: { code: string }) {
  return (
    <span className="nd-category-icon" aria-hidden>
      {ICONS[code] ?? <MoreOutline />}
    </span>
  );
}
