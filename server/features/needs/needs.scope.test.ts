import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../lib/ids.js';
import { type Client, logIn, placeByNames, startApp, type TestApp } from '../../test/harness.js';

// Community isolation for the id-based routes of needs, members, posts, whistles and small matters
// (issues 4 and 5), as server/plugins/access.test.ts does for places: staff of another community
// (and a resident of another community) get 404 for every object of 新景社区, exactly as for an id
// that exists nowhere — and the object is left as it was.

describe('another community’s needs, reports, posts, whistles and small matters do not exist', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  const callers = new Map<string, Client>();
  const outsiders = ['staff.dongshan', 'staff.xueyuan', 'resident.yunjian'];

  beforeAll(async () => {
    t = await startApp({ demo: true });
    const xinjing = await placeByNames(t.db, '新景社区');
    const k = t.db.kysely;
    const one = async <T extends { id: string }>(q: Promise<T | undefined>) => (await q)!.id;
    ids.community = xinjing.id;
    ids.compound = (await placeByNames(t.db, '新景社区', '颐景名苑')).id;
    ids.flat = (await placeByNames(t.db, '新景社区', '颐景名苑', '1幢', '201室')).id;
    ids.need = await one(
      k
        .selectFrom('needs')
        .select('id')
        .where('community_id', '=', xinjing.id)
        .where('status', '=', 'in_service')
        .executeTakeFirst(),
    );
    ids.followUp = await one(
      k.selectFrom('need_follow_ups').select('id').where('community_id', '=', xinjing.id).executeTakeFirst(),
    );
    ids.report = await one(
      k.selectFrom('member_reports').select('id').where('community_id', '=', xinjing.id).executeTakeFirst(),
    );
    ids.post = await one(
      k.selectFrom('posts').select('id').where('community_id', '=', xinjing.id).executeTakeFirst(),
    );
    ids.postClaim = await one(
      k.selectFrom('post_claims').select('id').where('community_id', '=', xinjing.id).executeTakeFirst(),
    );
    ids.whistle = await one(
      k.selectFrom('whistles').select('id').where('community_id', '=', xinjing.id).executeTakeFirst(),
    );
    ids.matter = await one(
      k.selectFrom('small_matters').select('id').where('community_id', '=', xinjing.id).executeTakeFirst(),
    );
    const photo = await k
      .selectFrom('small_matter_photos')
      .select('photo_id')
      .where('small_matter_id', '=', ids.matter)
      .executeTakeFirst();
    ids.matterPhoto = photo?.photo_id ?? newId();
    const needPhoto = await k
      .selectFrom('need_photos')
      .select('id')
      .where('community_id', '=', xinjing.id)
      .where('need_id', 'is not', null)
      .executeTakeFirst();
    ids.needPhoto = needPhoto?.id ?? newId();
    ids.staffUser = (
      await k.selectFrom('users').select('id').where('username', '=', 'volunteer').executeTakeFirstOrThrow()
    ).id;
    for (const login of outsiders) callers.set(login, await logIn(t.app, login));
  });
  afterAll(() => t?.close());

  const report = { workUnit: '某单位', skills: [] };
  type Row = [name: string, method: 'GET' | 'POST' | 'PATCH', url: () => string, body?: () => object];
  const n = () => `/api/v1/needs/${ids.need}`;
  const matrix: Row[] = [
    ['need detail', 'GET', n],
    ['need photo', 'GET', () => `/api/v1/need-photos/${ids.needPhoto}`],
    ['support a need', 'POST', () => `${n()}/support`],
    ['reveal a contact', 'POST', () => `${n()}/reveal-contact`],
    ['convene', 'POST', () => `${n()}/convene`, () => ({ helpersNeeded: 2 })],
    ['assign', 'POST', () => `${n()}/assign`, () => ({ userId: ids.staffUser })],
    ['claim', 'POST', () => `${n()}/claim`],
    ['unclaim', 'POST', () => `${n()}/unclaim`],
    ['log service', 'POST', () => `${n()}/logs`, () => ({ hours: 1 })],
    ['mark done', 'POST', () => `${n()}/done`, () => ({})],
    ['confirm', 'POST', () => `${n()}/confirm`, () => ({ rating: 5 })],
    ['reopen', 'POST', () => `${n()}/reopen`, () => ({ reason: '没修好' })],
    ['cancel', 'POST', () => `${n()}/cancel`, () => ({})],
    [
      'schedule a follow-up',
      'POST',
      () => `${n()}/follow-ups`,
      () => ({ assigneeId: ids.staffUser, dueAt: '2026-12-30T08:00:00.000Z', note: '回访' }),
    ],
    ['helper candidates', 'GET', () => `${n()}/helper-candidates`],
    ['complete a follow-up', 'POST', () => `/api/v1/follow-ups/${ids.followUp}/done`, () => ({})],
    ['member report', 'GET', () => `/api/v1/member-reports/${ids.report}`],
    ['edit a member report', 'PATCH', () => `/api/v1/member-reports/${ids.report}`, () => report],
    ['withdraw a member report', 'POST', () => `/api/v1/member-reports/${ids.report}/withdraw`],
    ['confirm a member report', 'POST', () => `/api/v1/member-reports/${ids.report}/confirm`],
    [
      'move a member report',
      'POST',
      () => `/api/v1/member-reports/${ids.report}/move`,
      () => ({ ...report, communityId: ids.report }),
    ],
    ['approve a member report', 'POST', () => `/api/v1/member-reports/${ids.report}/approve`],
    [
      'return a member report',
      'POST',
      () => `/api/v1/member-reports/${ids.report}/return`,
      () => ({ reason: '不对' }),
    ],
    ['edit a post', 'PATCH', () => `/api/v1/posts/${ids.post}`, () => ({ capacity: 9 })],
    ['claim a post', 'POST', () => `/api/v1/posts/${ids.post}/claims`, () => ({})],
    ['approve a post claim', 'POST', () => `/api/v1/post-claims/${ids.postClaim}/approve`],
    [
      'reject a post claim',
      'POST',
      () => `/api/v1/post-claims/${ids.postClaim}/reject`,
      () => ({ reason: '不对' }),
    ],
    ['leave a post', 'POST', () => `/api/v1/post-claims/${ids.postClaim}/leave`],
    ['log post service', 'POST', () => `/api/v1/post-claims/${ids.postClaim}/logs`, () => ({ hours: 1 })],
    ['post service logs', 'GET', () => `/api/v1/post-claims/${ids.postClaim}/logs`],
    ['whistle', 'GET', () => `/api/v1/whistles/${ids.whistle}`],
    [
      'answer a whistle',
      'POST',
      () => `/api/v1/whistles/${ids.whistle}/answer`,
      () => ({ answer: 'coming' }),
    ],
    ['check in', 'POST', () => `/api/v1/whistles/${ids.whistle}/check-in`],
    ['report a whistle done', 'POST', () => `/api/v1/whistles/${ids.whistle}/done`, () => ({})],
    ['close a whistle', 'POST', () => `/api/v1/whistles/${ids.whistle}/close`, () => ({})],
    ['small matter', 'GET', () => `/api/v1/small-matters/${ids.matter}`],
    ['edit a small matter', 'PATCH', () => `/api/v1/small-matters/${ids.matter}`, () => ({ title: '改' })],
    ['withdraw a small matter', 'POST', () => `/api/v1/small-matters/${ids.matter}/withdraw`],
    ['verify a small matter', 'POST', () => `/api/v1/small-matters/${ids.matter}/verify`],
    [
      'query a small matter',
      'POST',
      () => `/api/v1/small-matters/${ids.matter}/query`,
      () => ({ reason: '不对' }),
    ],
    [
      'put a small matter on the wall',
      'POST',
      () => `/api/v1/small-matters/${ids.matter}/wall`,
      () => ({ show: true }),
    ],
    ['small matter photo', 'GET', () => `/api/v1/small-matters/${ids.matter}/photos/${ids.matterPhoto}`],
    [
      'record a small matter in it',
      'POST',
      () => '/api/v1/small-matters',
      () => ({ placeId: ids.compound, title: '扫楼道', occurredOn: '2026-11-01' }),
    ],
    [
      'post a need for one of its flats',
      'POST',
      () => '/api/v1/needs',
      () => ({ placeId: ids.flat, category: 'other', description: '帮忙', urgency: 'normal' }),
    ],
    [
      'similar needs near one of its places',
      'GET',
      () => `/api/v1/needs/similar?placeId=${ids.compound}&text=${encodeURIComponent('冰箱')}`,
    ],
    ['a community’s posts', 'GET', () => `/api/v1/places/${ids.community}/posts`],
    ['a community’s small-matter wall', 'GET', () => `/api/v1/places/${ids.community}/small-matters/wall`],
    ['a community’s headline counts', 'GET', () => `/api/v1/places/${ids.community}/stats`],
  ];
  const ghost = (u: string) => Object.values(ids).reduce((s, id) => s.replaceAll(id, newId()), u);

  describe.each(outsiders)('for %s', (login) => {
    it.each(matrix)('%s → 404, as if it did not exist', async (_name, method, url, body) => {
      const c = callers.get(login)!;
      const send = (u: string, b = body?.()) =>
        t.app.inject({ method, url: u, headers: { cookie: c.cookie }, ...(b ? { payload: b } : {}) });
      // The route exists (a 404 from a mistyped path would prove nothing).
      const pattern = Object.entries(ids).reduce(
        (u, [key, id]) =>
          u.replaceAll(id, key === 'matterPhoto' ? ':photoId' : key === 'community' ? ':placeId' : ':id'),
        url(),
      );
      expect(t.app.hasRoute({ method, url: pattern.split('?')[0]! }), pattern).toBe(true);
      const res = await send(url());
      expect(res.statusCode, res.body).toBe(404);
      expect(res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
      // Indistinguishable from ids that exist nowhere (in the path and in the body).
      const b = body?.();
      const ghostly = await send(
        ghost(url()),
        b ? (JSON.parse(ghost(JSON.stringify(b))) as object) : undefined,
      );
      expect(ghostly.statusCode, ghostly.body).toBe(404);
    });
  });
});
