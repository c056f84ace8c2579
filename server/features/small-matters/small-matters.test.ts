import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SmallMatter } from '../../../domain/contracts/members.js';
import { type Client, errorOf, logIn, placeByNames, startApp, type TestApp } from '../../test/harness.js';
import { districtDay, districtDayStart, districtMinute } from '../../../domain/district-time.js';

// A small matter's day is the member's calendar day in the district (China, UTC+8), not the
// server's UTC day: between 00:00 and 08:00 China time the two differ.

describe('small matters: the day it was done is the district’s day', () => {
  let t: TestApp;
  let member: Client;
  let placeId: string;

  beforeAll(async () => {
    t = await startApp({ demo: true });
    member = await logIn(t.app, 'member');
    placeId = (await placeByNames(t.db, '新景社区', '颐景名苑')).id;
  });
  afterAll(() => t?.close());

  it('turns an instant into the China calendar day', () => {
    expect(districtDay('2026-11-29T15:59:59.999Z')).toBe('2026-11-29');
    expect(districtDay('2026-11-29T16:00:00.000Z')).toBe('2026-11-30');
    expect(districtDay('2026-11-29T23:30:00.000Z')).toBe('2026-11-30');
    expect(districtMinute('2026-11-29T20:05:00.000Z')).toBe('2026-11-30 04:05');
    expect(districtDayStart('2026-11-30')).toBe('2026-11-29T16:00:00.000Z');
  });

  it('accepts today’s China date at 04:00 China time (20:00 UTC the day before), refuses tomorrow’s', async () => {
    // The harness clock starts at 2026-11-29T08:00Z; 12 hours on it is 2026-11-30 04:00 in China.
    t.clock.advance(12 * 3600);
    expect(t.clock.now().toISOString()).toBe('2026-11-29T20:00:00.000Z');
    const today = await member.post('/api/v1/small-matters', {
      placeId,
      title: '清晨扫净楼道',
      occurredOn: '2026-11-30',
    });
    expect(today.statusCode, today.body).toBe(201);
    expect(today.json<SmallMatter>().occurredOn).toBe('2026-11-30');

    const tomorrow = await member.post('/api/v1/small-matters', {
      placeId,
      title: '清晨扫净楼道',
      occurredOn: '2026-12-01',
    });
    expect(tomorrow.statusCode).toBe(400);
    expect(errorOf(tomorrow)).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ path: 'body.occurredOn', message: 'not a past day' }],
    });

    // Changing the day follows the same rule.
    const id = today.json<SmallMatter>().id;
    expect((await member.patch(`/api/v1/small-matters/${id}`, { occurredOn: '2026-12-01' })).statusCode).toBe(
      400,
    );
    const back = await member.patch(`/api/v1/small-matters/${id}`, { occurredOn: '2026-11-30' });
    expect(back.statusCode, back.body).toBe(200);
  });
});
