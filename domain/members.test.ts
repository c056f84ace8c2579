import { describe, expect, it } from 'vitest';
import {
  confirmDueAt,
  median,
  minutesBetween,
  postClaimActions,
  reportActions,
  smallMatterActions,
  whistleCallActions,
} from './members.js';

describe('whistle-and-report rules', () => {
  it('asks for confirmation months later, on the same day or the month’s last', () => {
    expect(confirmDueAt('2026-11-29T08:00:00.000Z', 6)).toBe('2027-05-29T08:00:00.000Z');
    expect(confirmDueAt('2026-08-31T08:00:00.000Z', 6)).toBe('2027-02-28T08:00:00.000Z');
    expect(confirmDueAt('2026-01-15T00:00:00.000Z', 12)).toBe('2027-01-15T00:00:00.000Z');
  });

  it('offers report steps by status and by who is asking', () => {
    expect(reportActions('pending', { isMember: true, isStaff: false })).toEqual(['edit', 'withdraw']);
    expect(reportActions('pending', { isMember: false, isStaff: true })).toEqual(['approve', 'return']);
    expect(reportActions('approved', { isMember: true, isStaff: true })).toEqual([
      'withdraw',
      'move',
      'confirm',
    ]);
    expect(reportActions('ended', { isMember: true, isStaff: true })).toEqual([]);
  });

  it('offers claim steps', () => {
    expect(postClaimActions('pending', { isMember: true, isStaff: false })).toEqual(['leave']);
    expect(postClaimActions('approved', { isMember: false, isStaff: true })).toEqual(['leave', 'log']);
    expect(postClaimActions('rejected', { isMember: true, isStaff: true })).toEqual([]);
  });

  it('lets a called person answer, check in once she is coming, and report done after arriving', () => {
    expect(whistleCallActions('open', { answer: 'pending', arrivedAt: null, doneAt: null })).toEqual([
      'answer',
    ]);
    expect(whistleCallActions('open', { answer: 'coming', arrivedAt: null, doneAt: null })).toEqual([
      'answer',
      'check_in',
    ]);
    expect(whistleCallActions('open', { answer: 'coming', arrivedAt: 'x', doneAt: null })).toEqual(['done']);
    expect(whistleCallActions('closed', { answer: 'coming', arrivedAt: null, doneAt: null })).toEqual([]);
  });

  it('shows a verified small matter on the wall only at its member’s wish', () => {
    expect(smallMatterActions('verified', false, { isMember: true, isStaff: false })).toEqual([
      'show_on_wall',
    ]);
    expect(smallMatterActions('verified', true, { isMember: true, isStaff: false })).toEqual([
      'hide_from_wall',
    ]);
    expect(smallMatterActions('pending', false, { isMember: false, isStaff: true })).toEqual([
      'verify',
      'query',
    ]);
  });

  it('counts minutes and medians', () => {
    expect(minutesBetween('2026-01-01T00:00:00Z', '2026-01-01T00:17:31Z')).toBe(18);
    expect(minutesBetween('2026-01-01T01:00:00Z', '2026-01-01T00:00:00Z')).toBe(0);
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([18, 31, 12, 40])).toBe(24.5);
  });
});
