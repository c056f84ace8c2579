import { describe, expect, it } from 'vitest';
import { type BindingAction, BINDING_STATUSES, nextBindingStatus } from './bindings.js';

describe('binding state machine', () => {
  it.each<[BindingAction, string]>([
    ['approve', 'approved'],
    ['reject', 'rejected'],
    ['withdraw', 'withdrawn'],
  ])('a pending request can be %sd (→ %s)', (action, to) => {
    expect(nextBindingStatus('pending', action)).toBe(to);
  });

  it('a decided request cannot be decided again', () => {
    for (const status of BINDING_STATUSES.filter((s) => s !== 'pending')) {
      for (const action of ['approve', 'reject', 'withdraw'] as const) {
        expect(nextBindingStatus(status, action)).toBeNull();
      }
    }
  });
});
