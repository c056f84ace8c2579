import { randomBytes } from 'node:crypto';
import { LIGHT_UP_CONSENT_VERSION } from '../../domain/contracts/lighting.js';
import { newId } from '../lib/ids.js';
import type { DemoContext } from './demo.js';

/** Mottos the demo members chose for their cards. */
const MOTTOS = ['有事您找我，邻里一家亲', '一户带多户，楼里无难事', '邻里守望，温暖相伴'];

/**
 * Light up the demo's central households (created by demo-organisation.ts), each with a recorded
 * consent: 吴军's at 颐景名苑1幢301 by the member himself, the others recorded by their community's
 * staff. One central household is left unlit, so the console shows both states. Names and flats
 * are shown only where the member chose so (吴军 shows his name, nobody shows a flat). Without central
 * households (organisation not seeded) there is nothing to light.
 */
export async function seedDemoLighting(ctx: DemoContext): Promise<void> {
  const { trx, at } = ctx;
  const rows = await trx
    .selectFrom('central_households')
    .innerJoin('people', 'people.id', 'central_households.leader_person_id')
    .innerJoin('places', 'places.id', 'central_households.household_id')
    .select([
      'central_households.id',
      'central_households.household_id',
      'central_households.community_id',
      'central_households.leader_person_id',
      'people.user_id',
      'places.path',
    ])
    .where('central_households.ended_at', 'is', null)
    .where('central_households.lit_at', 'is', null)
    .orderBy('places.path')
    .execute();
  if (rows.length === 0) return;

  const memberHousehold = ctx.place('yijing-b1-301').id;
  const staffOf = new Map(
    (
      [
        ['xinjing', 'staff.xinjing'],
        ['dongshan', 'staff.dongshan'],
        ['xueyuan', 'staff.xueyuan'],
      ] as const
    ).map(([community, login]) => [ctx.place(community).id, ctx.user(login)]),
  );
  // Leave one unlit, in 新景社区 if it can be, so its staff see both states.
  const others = rows.filter((r) => r.household_id !== memberHousehold);
  const xinjing = ctx.place('xinjing').id;
  const unlit = others.filter((r) => r.community_id === xinjing).at(-1) ?? others.at(-1);

  let i = 0;
  for (const r of rows) {
    if (r.id === unlit?.id && rows.length > 1) continue;
    const isMember = r.household_id === memberHousehold;
    const grantedAt = new Date(Date.parse(at) - (20 + i * 7) * 86_400_000).toISOString();
    const consentId = newId();
    await trx
      .insertInto('consents')
      .values({
        id: consentId,
        community_id: r.community_id,
        person_id: r.leader_person_id,
        purpose: 'light_up',
        text_version: LIGHT_UP_CONSENT_VERSION,
        granted_at: grantedAt,
        withdrawn_at: null,
        recorded_by: isMember ? ctx.user('member') : (staffOf.get(r.community_id) ?? r.user_id),
      })
      .execute();
    await trx
      .updateTable('central_households')
      .set({
        lit_at: grantedAt,
        consent_id: consentId,
        card_token: randomBytes(18).toString('base64url'),
        motto: MOTTOS[i % MOTTOS.length]!,
        show_name: isMember ? 1 : 0,
        show_flat: 0,
        updated_at: at,
      })
      .where('id', '=', r.id)
      .execute();
    i++;
  }
}
