/** A resident asks to be bound to a household; a building leader or community staff decide. */
export const BINDING_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type BindingStatus = (typeof BINDING_STATUSES)[number];

export type BindingAction = 'approve' | 'reject' | 'withdraw';

const TRANSITIONS: Record<BindingAction, { from: readonly BindingStatus[]; to: BindingStatus }> = {
  approve: { from: ['pending'], to: 'approved' },
  reject: { from: ['pending'], to: 'rejected' },
  withdraw: { from: ['pending'], to: 'withdrawn' },
};

/** The status after `action`, or null when the action is not allowed from `status`. */
export function nextBindingStatus(status: BindingStatus, action: BindingAction): BindingStatus | null {
  const t = TRANSITIONS[action];
  return t.from.includes(status) ? t.to : null;
}
