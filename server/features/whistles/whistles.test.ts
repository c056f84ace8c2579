import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WhistleDetail } from '../../../domain/contracts/members.js';
import type { NeedAudience, NeedStatus, NeedUrgency } from '../../../domain/needs.js';
import type { NeedFacts } from '../needs/needs.events.js';
import { logIn, placeByNames, startApp, type TestApp } from '../../test/harness.js';
import { blowWhistleForNeed } from './whistles.service.js';
import { newId } from '../../lib/ids.js';

// The needs ladder's top rung: a whistle linked to the need, calling the members reported in to its
// community and the contacts of the partner units paired with it.

describe('blowWhistleForNeed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ demo: true });
  }, 60_000);
  afterAll(async () => t?.close());

  async function factsOfANeed(): Promise<NeedFacts> {
    const xinjing = await placeByNames(t.db, '新景社区');
    const n = await t.db.kysely
      .selectFrom('needs')
      .selectAll()
      .where('community_id', '=', xinjing.id)
      .where('status', 'not in', ['done', 'confirmed', 'cancelled'])
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await t.db.kysely.updateTable('whistles').set({ status: 'closed' }).where('need_id', '=', n.id).execute();
    return {
      id: n.id,
      districtId: n.district_id,
      communityId: n.community_id,
      placePath: n.place_path,
      compoundId: n.compound_id,
      buildingId: n.building_id,
      householdId: n.household_id,
      category: n.category,
      urgency: n.urgency as NeedUrgency,
      status: n.status as NeedStatus,
      audience: 'whistle' as NeedAudience,
      residentUserId: n.resident_user_id,
      partnerUnitId: n.partner_unit_id,
      createdAt: n.created_at,
    };
  }

  it('calls reported-in members and paired partner units, once per need', async () => {
    const need = await factsOfANeed();
    const id = await t.db.kysely.transaction().execute((trx) => blowWhistleForNeed(trx, t.app.deps, need));
    const again = await t.db.kysely.transaction().execute((trx) => blowWhistleForNeed(trx, t.app.deps, need));
    expect(again).toBe(id);

    const staff = await logIn(t.app, 'staff.xinjing');
    const w = (await staff.get(`/api/v1/whistles/${id}`)).json<WhistleDetail>();
    expect(w).toMatchObject({ needId: need.id, status: 'open', blownBy: null });
    expect(w.audience.reportedMembers).toBe(true);
    expect(w.audience.partnerUnits.map((u) => u.name)).toContain('台州职业技术学院');
    const vias = new Set(w.calls.map((c) => c.via));
    expect(vias).toEqual(new Set(['reported_member', 'partner_unit']));

    // The member (reported in to 新景社区 in the demo) is called and can answer from her list.
    const member = await logIn(t.app, 'member');
    const mine = (await member.get('/api/v1/me/whistles?status=open')).json<{ items: { id: string }[] }>();
    expect(mine.items.map((i) => i.id)).toContain(id);
    const answered = await member.post(`/api/v1/whistles/${id}/answer`, { answer: 'coming' });
    expect(answered.json<WhistleDetail>().myCall).toMatchObject({ answer: 'coming' });
    const inbox = await t.db.kysely
      .selectFrom('notifications')
      .select(['kind', 'need_id'])
      .where('kind', '=', 'whistle_blown')
      .where('need_id', '=', need.id)
      .execute();
    expect(inbox.length).toBe(w.calls.length);
  });

  it('counts a pairing from the start of its first day in China, not in UTC', async () => {
    // 2026-11-30T17:00Z is 1 December, 01:00 in the district (and still 30 November in UTC).
    t.clock.advance((Date.parse('2026-11-30T17:00:00.000Z') - t.clock.now().getTime()) / 1000);
    const xinjing = await placeByNames(t.db, '新景社区');
    const unit = await t.db.kysely
      .selectFrom('partner_units')
      .select(['id', 'name'])
      .where('name', '=', '椒江区综合行政执法局')
      .executeTakeFirstOrThrow();
    await t.db.kysely
      .insertInto('pairings')
      .values({
        id: newId(),
        partner_unit_id: unit.id,
        place_id: xinjing.id,
        community_id: xinjing.id,
        note: null,
        started_on: '2026-12-01',
        ended_on: null,
        created_at: t.clock.now().toISOString(),
      })
      .execute();
    const need = await factsOfANeed();
    const id = await t.db.kysely.transaction().execute((trx) => blowWhistleForNeed(trx, t.app.deps, need));
    const staff = await logIn(t.app, 'staff.xinjing');
    const w = (await staff.get(`/api/v1/whistles/${id}`)).json<WhistleDetail>();
    expect(w.audience.partnerUnits.map((u) => u.name)).toContain(unit.name);
  });
});
