import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { NeedContact, NeedDetail, NeedPosted, NeedSummary } from '../../../domain/contracts/needs.js';
import { NEED_AUDIENCES, type NeedAudience } from '../../../domain/needs.js';
import type { PlaceRow } from '../../db/schema.js';
import { buildGrant, buildUser } from '../../test/factories.js';
import { type Client, errorOf, logIn, placeByNames, startApp, type TestApp } from '../../test/harness.js';
import { needReaches, reachOf, recipientsAt } from './needs.audience.js';
import { cleanPhoto, sniffPhotoType, stripJpeg, stripPng, stripWebp } from './needs.photos.js';
import { findNeed } from './needs.repository.js';

/** Posting answers the new id (and Location); the whole view is a GET away. */
async function detailOf(client: Client, posted: { headers: Record<string, unknown> }): Promise<NeedDetail> {
  return (await client.get(String(posted.headers.location))).json<NeedDetail>();
}

// Posting and reading needs (issue 4 items 1-3, 7): the place rule, photos, who sees a need at each
// audience, masking and the audited reveal, the lists and the district's settings.

function segment(marker: number, payload: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

/** A small JPEG-shaped file with an Exif APP1 that carries GPS tags, an XMP APP1 and a comment. */
function jpegWithGps(): Buffer {
  const exif = Buffer.concat([
    Buffer.from('Exif\0\0MM\0*', 'latin1'),
    Buffer.from('GPSLatitude 28.68N GPSLongitude 121.44E'),
  ]);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    segment(0xe1, exif),
    segment(0xe1, Buffer.from('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>GPS</x:xmpmeta>', 'latin1')),
    segment(0xed, Buffer.from('Photoshop 3.0\0IPTC city Taizhou', 'latin1')),
    segment(0xfe, Buffer.from('taken at home', 'latin1')),
    segment(0xdb, Buffer.alloc(65, 1)),
    segment(0xda, Buffer.from([1, 1, 0, 0, 63, 0])),
    Buffer.from([0x12, 0x34, 0xff, 0x00, 0x56, 0xff, 0xd9]),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  return Buffer.concat([len, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
}

function pngWithText(): Buffer {
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', Buffer.alloc(13)),
    pngChunk('tEXt', Buffer.from('Location\0Taizhou', 'latin1')),
    pngChunk('eXIf', Buffer.from('MM\0*GPS', 'latin1')),
    pngChunk('IDAT', Buffer.alloc(10, 7)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function webpChunk(fourcc: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.write(fourcc, 0, 'latin1');
  head.writeUInt32LE(data.length, 4);
  return Buffer.concat([head, data, data.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
}

function webpWithExif(): Buffer {
  const vp8x = Buffer.alloc(10);
  vp8x[0] = 0x08 | 0x04;
  const body = Buffer.concat([
    Buffer.from('WEBP', 'latin1'),
    webpChunk('VP8X', vp8x),
    webpChunk('VP8 ', Buffer.alloc(11, 3)),
    webpChunk('EXIF', Buffer.from('MM\0*GPS', 'latin1')),
    webpChunk('XMP ', Buffer.from('<x:xmpmeta>GPS</x:xmpmeta>', 'latin1')),
  ]);
  const head = Buffer.alloc(8);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(body.length, 4);
  return Buffer.concat([head, body]);
}

describe('need photos: type by bytes, metadata removed', () => {
  it('removes Exif (with GPS), XMP, IPTC and comments from a JPEG and keeps the image data', () => {
    const input = jpegWithGps();
    expect(input.includes('GPSLatitude')).toBe(true);
    const out = stripJpeg(input);
    expect(out.includes('GPS')).toBe(false);
    expect(out.includes('Exif')).toBe(false);
    expect(out.includes('Photoshop')).toBe(false);
    expect(out.includes('taken at home')).toBe(false);
    expect(out.includes('JFIF')).toBe(true);
    expect(out.subarray(-7).equals(Buffer.from([0x12, 0x34, 0xff, 0x00, 0x56, 0xff, 0xd9]))).toBe(true);
    expect(sniffPhotoType(out)).toBe('image/jpeg');
  });

  it('removes text and Exif chunks from a PNG, and EXIF/XMP (with their flags) from a WebP', () => {
    const png = stripPng(pngWithText());
    expect(png.includes('Taizhou')).toBe(false);
    expect(png.includes('eXIf')).toBe(false);
    expect(png.includes('IDAT')).toBe(true);
    const webp = stripWebp(webpWithExif());
    expect(webp.includes('GPS')).toBe(false);
    expect(webp.includes('VP8 ')).toBe(true);
    expect(webp.readUInt32LE(4)).toBe(webp.length - 8);
    expect(webp[20]! & 0x0c).toBe(0);
  });

  it('refuses bytes that are not the declared type, broken files and files over 5 MB', () => {
    expect(() => cleanPhoto('image/png', jpegWithGps())).toThrow(
      expect.objectContaining({ code: 'NEED_PHOTO_INVALID' }),
    );
    expect(() => cleanPhoto('image/jpeg', Buffer.from('GIF89a....'))).toThrow(
      expect.objectContaining({ code: 'NEED_PHOTO_INVALID' }),
    );
    expect(() => cleanPhoto('image/jpeg', jpegWithGps().subarray(0, 30))).toThrow(
      expect.objectContaining({ code: 'NEED_PHOTO_INVALID' }),
    );
    expect(() => cleanPhoto('image/jpeg', Buffer.alloc(5 * 1024 * 1024 + 1, 0xff))).toThrow(
      expect.objectContaining({ code: 'NEED_PHOTO_TOO_LARGE' }),
    );
  });
});

describe('posting and reading needs (C1)', () => {
  let t: TestApp;
  let resident: Client;
  let leader: Client;
  let groupleader: Client;
  let member: Client;
  let volunteer: Client;
  let partner: Client;
  let staff: Client;
  let staffDongshan: Client;
  let street: Client;
  let district: Client;
  let residentYunjian: Client;
  let neighbourB2: Client;
  let flat201: PlaceRow;
  let flat202: PlaceRow;
  let building1: PlaceRow;
  let building3: PlaceRow;
  let compound: PlaceRow;
  let xinjing: PlaceRow;
  let otherCompoundBuilding: PlaceRow;
  let needId: string;

  const count = async (table: 'needs' | 'need_events' | 'need_photos' | 'audit_log' | 'need_supporters') =>
    Number(
      (
        await t.db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const snapshot = async () =>
    Promise.all(
      (['needs', 'need_events', 'need_photos', 'audit_log', 'need_supporters'] as const).map(count),
    );

  const upload = (c: Client, type: string, payload: Buffer) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/need-photos',
      headers: { cookie: c.cookie, 'content-type': type },
      payload,
    });
  const put = (c: Client, url: string, payload: unknown) =>
    t.app.inject({ method: 'PUT', url, headers: { cookie: c.cookie }, payload: payload as object });
  const setAudience = (id: string, audience: NeedAudience) =>
    t.db.kysely.updateTable('needs').set({ audience }).where('id', '=', id).execute();

  beforeAll(async () => {
    t = await startApp({ demo: true });
    const as = (login: string) => logIn(t.app, login);
    resident = await as('resident');
    leader = await as('leader');
    groupleader = await as('groupleader');
    member = await as('member');
    volunteer = await as('volunteer');
    partner = await as('partner');
    staff = await as('staff.xinjing');
    staffDongshan = await as('staff.dongshan');
    street = await as('street');
    district = await as('district');
    residentYunjian = await as('resident.yunjian');
    flat201 = await placeByNames(t.db, '新景社区', '颐景名苑', '1幢', '201室');
    flat202 = await placeByNames(t.db, '新景社区', '颐景名苑', '1幢', '202室');
    building1 = await placeByNames(t.db, '新景社区', '颐景名苑', '1幢');
    building3 = await placeByNames(t.db, '新景社区', '颐景名苑', '3幢');
    compound = await placeByNames(t.db, '新景社区', '颐景名苑');
    xinjing = await placeByNames(t.db, '新景社区');
    otherCompoundBuilding = await placeByNames(t.db, '新景社区', '新景花园', '1幢');
    const flatB2 = await placeByNames(t.db, '新景社区', '颐景名苑', '2幢', '102室');
    const user = await buildUser(t.db, { username: 'neighbour.b2', password: 'neighbour2026' });
    await buildGrant(t.db, { role: 'resident', user, place: flatB2 });
    neighbourB2 = await logIn(t.app, 'neighbour.b2', 'neighbour2026');
  });
  afterAll(() => t?.close());

  describe('posting', () => {
    it('lets a resident post for her own household: posted, building audience, on the timeline', async () => {
      const res = await resident.post('/api/v1/needs', {
        placeId: flat201.id,
        category: 'appliance_repair',
        description: '冰箱不制冷了，想请人看看',
        quantity: 1,
        quantityUnit: '台',
      });
      expect(res.statusCode).toBe(201);
      const posted = res.json<NeedPosted>();
      expect(posted).toMatchObject({ status: 'posted', audience: 'building', urgency: 'normal' });
      expect(res.headers.location).toBe(`/api/v1/needs/${posted.id}`);
      const need = await detailOf(resident, res);
      needId = need.id;
      expect(need).toMatchObject({
        status: 'posted',
        audience: 'building',
        urgency: 'normal',
        source: 'app',
        quantity: 1,
        placeLabel: '颐景名苑 1幢 201室',
        helpersNeeded: 1,
        helpersClaimed: 0,
      });
      expect(need.timeline.map((e) => e.kind)).toEqual(['posted']);
      expect(need.actions).toEqual(expect.arrayContaining(['cancel']));
      expect(need.resident?.name).toBe('林秀珍');
      expect(need.phone).toBe('13800000014');
      const row = await findNeed(t.db.kysely, need.id);
      expect(row).toMatchObject({
        buildingId: building1.id,
        compoundId: compound.id,
        householdId: flat201.id,
      });
    });

    it('lets a resident post for a spot of her compound, not for a neighbour’s flat or another compound', async () => {
      const spot = await resident.post('/api/v1/needs', {
        placeId: building3.id,
        category: 'facilities',
        description: '3幢楼道灯坏了，晚上很黑',
      });
      expect(spot.statusCode).toBe(201);
      expect(await detailOf(resident, spot)).toMatchObject({ source: 'app', placeLabel: '颐景名苑 3幢' });

      const before = await snapshot();
      const neighbour = await resident.post('/api/v1/needs', {
        placeId: flat202.id,
        category: 'other',
        description: '邻居家',
      });
      expect(neighbour.statusCode).toBe(404);
      const elsewhere = await resident.post('/api/v1/needs', {
        placeId: otherCompoundBuilding.id,
        category: 'other',
        description: '别的小区',
      });
      expect(elsewhere.statusCode).toBe(404);
      const community = await staff.post('/api/v1/needs', {
        placeId: xinjing.id,
        category: 'other',
        description: 'x',
      });
      expect(community.statusCode).toBe(422);
      expect(errorOf(community).code).toBe('NEED_PLACE_INVALID');
      const category = await resident.post('/api/v1/needs', {
        placeId: flat201.id,
        category: 'fishing',
        description: '钓鱼',
      });
      expect(category.statusCode).toBe(422);
      expect(errorOf(category).code).toBe('NEED_CATEGORY_UNKNOWN');
      const empty = await resident.post('/api/v1/needs', {
        placeId: flat201.id,
        category: 'other',
        description: '  ',
      });
      expect(empty.statusCode).toBe(400);
      const forOther = await resident.post('/api/v1/needs', {
        placeId: flat201.id,
        category: 'other',
        description: '帮别人发',
        forPersonId: 'x1',
      });
      expect(forOther.statusCode).toBe(403);
      const anon = await t.app.inject({
        method: 'POST',
        url: '/api/v1/needs',
        payload: { placeId: flat201.id, category: 'other', description: 'x' },
      });
      expect(anon.statusCode).toBe(401);
      expect(await snapshot()).toEqual(before);
    });

    it('lets staff post for a person of the community who has no phone', async () => {
      const person = await t.db.kysely
        .selectFrom('people')
        .select(['id', 'user_id'])
        .where('name', '=', '林秀珍')
        .executeTakeFirstOrThrow();
      const res = await staff.post('/api/v1/needs', {
        placeId: flat201.id,
        category: 'elderly_help',
        description: '林阿姨腿脚不便，需要有人帮忙买菜',
        urgency: 'urgent',
        forPersonId: person.id,
      });
      expect(res.statusCode).toBe(201);
      const need = await detailOf(staff, res);
      expect(need).toMatchObject({ source: 'staff', urgency: 'urgent', postedBy: { name: '陈晓燕' } });
      expect(need.resident).toEqual({ userId: person.user_id, name: '林秀珍' });
      const dongshanPerson = await t.db.kysely
        .selectFrom('people')
        .innerJoin('places', 'places.id', 'people.community_id')
        .select('people.id')
        .where('places.name', '=', '东山社区')
        .executeTakeFirstOrThrow();
      const before = await snapshot();
      const wrong = await staff.post('/api/v1/needs', {
        placeId: flat201.id,
        category: 'other',
        description: 'x',
        forPersonId: dongshanPerson.id,
      });
      expect(wrong.statusCode).toBe(400);
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('photos', () => {
    it('stores an upload without its GPS metadata, serves it to its uploader, attaches it on posting', async () => {
      const up = await upload(resident, 'image/jpeg', jpegWithGps());
      expect(up.statusCode).toBe(201);
      const ref = up.json<{ id: string; url: string; contentType: string; size: number }>();
      expect(ref.contentType).toBe('image/jpeg');
      const stored = await t.db.kysely
        .selectFrom('need_photos')
        .select('data')
        .where('id', '=', ref.id)
        .executeTakeFirstOrThrow();
      expect(Buffer.from(stored.data).includes('GPS')).toBe(false);

      const mine = await resident.get(ref.url);
      expect(mine.statusCode).toBe(200);
      expect(mine.headers['content-type']).toBe('image/jpeg');
      expect(mine.headers['x-content-type-options']).toBe('nosniff');
      expect(mine.rawPayload.includes('GPS')).toBe(false);
      expect((await leader.get(ref.url)).statusCode).toBe(404);

      // Someone else cannot attach it.
      const before = await snapshot();
      const stolen = await member.post('/api/v1/needs', {
        placeId: (await placeByNames(t.db, '新景社区', '颐景名苑', '1幢', '301室')).id,
        category: 'other',
        description: '借用别人的照片',
        photoIds: [ref.id],
      });
      expect(stolen.statusCode).toBe(422);
      expect(errorOf(stolen).code).toBe('NEED_PHOTO_UNKNOWN');
      expect(await snapshot()).toEqual(before);

      const posted = await resident.post('/api/v1/needs', {
        placeId: flat201.id,
        category: 'environment',
        description: '楼下垃圾堆了好几天',
        photoIds: [ref.id],
      });
      expect(posted.statusCode).toBe(201);
      const need = await detailOf(resident, posted);
      expect(need.photos.map((p) => p.id)).toEqual([ref.id]);
      expect(need.photoCount).toBe(1);
      // Lists count the photos in the same query as the needs.
      const listed = (await resident.get('/api/v1/me/needs')).json<{ items: NeedSummary[] }>();
      expect(listed.items.find((n) => n.id === need.id)?.photoCount).toBe(1);
      expect((await leader.get(ref.url)).statusCode).toBe(200);
      expect((await residentYunjian.get(ref.url)).statusCode).toBe(404);
      expect((await volunteer.get(ref.url)).statusCode).toBe(404);
      // Attached once only.
      const again = await resident.post('/api/v1/needs', {
        placeId: flat201.id,
        category: 'environment',
        description: '再用一次',
        photoIds: [ref.id],
      });
      expect(again.statusCode).toBe(422);
    });

    it('refuses other types, mismatched bytes and files over 5 MB, storing nothing', async () => {
      const before = await snapshot();
      const gif = await upload(resident, 'image/gif', Buffer.from('GIF89a0000000000'));
      expect(gif.statusCode).toBe(415);
      expect(errorOf(gif).code).toBe('NEED_PHOTO_INVALID');
      const liar = await upload(resident, 'image/png', jpegWithGps());
      expect(liar.statusCode).toBe(415);
      expect(errorOf(liar).code).toBe('NEED_PHOTO_INVALID');
      const big = await upload(
        resident,
        'image/jpeg',
        Buffer.concat([jpegWithGps(), Buffer.alloc(5 * 1024 * 1024)]),
      );
      expect(big.statusCode).toBe(413);
      expect(errorOf(big).code).toBe('NEED_PHOTO_TOO_LARGE');
      const anon = await t.app.inject({
        method: 'POST',
        url: '/api/v1/need-photos',
        headers: { 'content-type': 'image/jpeg' },
        payload: jpegWithGps(),
      });
      expect(anon.statusCode).toBe(401);
      expect(await snapshot()).toEqual(before);
      const png = await upload(resident, 'image/png', pngWithText());
      expect(png.statusCode).toBe(201);
      const webp = await upload(resident, 'image/webp', webpWithExif());
      expect(webp.statusCode).toBe(201);
    });
  });

  describe('who sees a need', () => {
    it('reaches the building first: leaders, group and members of the building; not the compound’s volunteer', async () => {
      for (const c of [leader, groupleader, member, staff, street, district]) {
        expect((await c.get(`/api/v1/needs/${needId}`)).statusCode).toBe(200);
      }
      for (const c of [volunteer, partner, neighbourB2, residentYunjian, staffDongshan]) {
        expect((await c.get(`/api/v1/needs/${needId}`)).statusCode).toBe(404);
      }
      const asLeader = (await leader.get(`/api/v1/needs/${needId}`)).json<NeedDetail>();
      expect(asLeader.actions).toEqual(expect.arrayContaining(['claim', 'follow_up']));
      const asStaff = (await staff.get(`/api/v1/needs/${needId}`)).json<NeedDetail>();
      expect(asStaff.actions).toEqual(expect.arrayContaining(['convene', 'assign', 'claim', 'cancel']));
      const asStreet = (await street.get(`/api/v1/needs/${needId}`)).json<NeedDetail>();
      expect(asStreet.actions).toEqual([]);
    });

    it('reaches the compound’s volunteer once the audience widens, and partner contacts at the whistle', async () => {
      await setAudience(needId, 'compound');
      expect((await volunteer.get(`/api/v1/needs/${needId}`)).statusCode).toBe(200);
      expect((await partner.get(`/api/v1/needs/${needId}`)).statusCode).toBe(404);
      const around = (await volunteer.get('/api/v1/me/needs/around')).json<{ items: NeedSummary[] }>();
      expect(around.items.map((n) => n.id)).toContain(needId);
      await setAudience(needId, 'whistle');
      expect((await partner.get(`/api/v1/needs/${needId}`)).statusCode).toBe(200);
      expect((await neighbourB2.get(`/api/v1/needs/${needId}`)).statusCode).toBe(404);
      expect((await residentYunjian.get(`/api/v1/needs/${needId}`)).statusCode).toBe(404);
      await setAudience(needId, 'building');
      expect((await volunteer.get(`/api/v1/needs/${needId}`)).statusCode).toBe(404);
    });

    it('agrees with recipientsAt: a demo user is a recipient exactly when the need reaches her', async () => {
      const need = (await findNeed(t.db.kysely, needId))!;
      const users = await t.db.kysely.selectFrom('users').select(['id', 'username']).execute();
      const reaches = await Promise.all(users.map((u) => reachOf(t.db.kysely, u.id)));
      for (const audience of NEED_AUDIENCES) {
        const recipients = new Set(await recipientsAt(t.db.kysely, need, audience));
        const reached = users
          .filter((u, i) => u.id !== need.residentUserId && needReaches(reaches[i]!, { ...need, audience }))
          .map((u) => u.id);
        expect(new Set(reached), audience).toEqual(recipients);
      }
      const byName = new Map(users.map((u) => [u.username, u.id]));
      const atBuilding = await recipientsAt(t.db.kysely, need, 'building');
      expect(atBuilding).toEqual(
        expect.arrayContaining([byName.get('leader'), byName.get('groupleader'), byName.get('member')]),
      );
      expect(atBuilding).not.toContain(byName.get('volunteer'));
      expect(atBuilding).not.toContain(byName.get('resident'));
      expect(await recipientsAt(t.db.kysely, need, 'compound')).toEqual(
        expect.arrayContaining([byName.get('volunteer'), byName.get('secretary')]),
      );
      const whistle = await recipientsAt(t.db.kysely, need, 'whistle');
      expect(whistle).toContain(byName.get('partner'));
      expect(whistle).not.toContain(byName.get('resident.yunjian'));
    });
  });

  describe('privacy', () => {
    it('masks the resident’s name, phone and flat for those who do not serve the need', async () => {
      const asLeader = (await leader.get(`/api/v1/needs/${needId}`)).json<NeedDetail>();
      expect(asLeader.resident?.name).toBe('林**');
      expect(asLeader.phone).toBe('138****0014');
      expect(asLeader.phoneMasked).toBe(true);
      expect(asLeader.placeLabel).toBe('颐景名苑 1幢');
      expect(asLeader.place.map((p) => p.kind)).not.toContain('household');
      expect(asLeader.canReveal).toBe(false);
      expect(JSON.stringify(asLeader)).not.toContain('13800000014');
      expect(JSON.stringify(asLeader)).not.toContain('201室');

      const asStaff = (await staff.get(`/api/v1/needs/${needId}`)).json<NeedDetail>();
      expect(asStaff.resident?.name).toBe('林秀珍');
      expect(asStaff.placeLabel).toBe('颐景名苑 1幢 201室');
      expect(asStaff.phoneMasked).toBe(true);
      expect(asStaff.canReveal).toBe(true);
    });

    it('reveals the contact in full to staff only, audited and on the timeline', async () => {
      const before = await snapshot();
      expect((await leader.post(`/api/v1/needs/${needId}/reveal-contact`)).statusCode).toBe(403);
      expect((await residentYunjian.post(`/api/v1/needs/${needId}/reveal-contact`)).statusCode).toBe(404);
      expect(await snapshot()).toEqual(before);

      const res = await staff.post(`/api/v1/needs/${needId}/reveal-contact`);
      expect(res.statusCode).toBe(200);
      expect(res.json<z.infer<typeof NeedContact>>()).toEqual({
        name: '林秀珍',
        phone: '13800000014',
        address: '颐景名苑 1幢 201室',
      });
      const audit = await t.db.kysely
        .selectFrom('audit_log')
        .selectAll()
        .where('entity_type', '=', 'need_contact')
        .where('entity_id', '=', needId)
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]!.action).toBe('view');
      const detail = (await resident.get(`/api/v1/needs/${needId}`)).json<NeedDetail>();
      expect(detail.timeline.map((e) => e.kind)).toContain('contact_revealed');
    });
  });

  describe('lists', () => {
    it('lists my needs newest first with a cursor, and only mine', async () => {
      const first = (await resident.get('/api/v1/me/needs?limit=2')).json<{
        items: NeedSummary[];
        nextCursor: string;
      }>();
      expect(first.items).toHaveLength(2);
      expect(first.nextCursor).not.toBeNull();
      const rest = (await resident.get(`/api/v1/me/needs?limit=50&cursor=${first.nextCursor}`)).json<{
        items: NeedSummary[];
      }>();
      const all = [...first.items, ...rest.items];
      expect(new Set(all.map((n) => n.id)).size).toBe(all.length);
      expect(all.map((n) => n.id)).toContain(needId);
      const times = all.map((n) => n.createdAt + n.id);
      expect(times).toEqual([...times].sort().reverse());
      expect((await leader.get('/api/v1/me/needs')).json<{ items: NeedSummary[] }>().items).toEqual([]);
      expect((await resident.get('/api/v1/me/needs?cursor=bm9wZQ')).statusCode).toBe(400);
    });

    it('lists needs around a leader (her building) but not around the compound volunteer yet', async () => {
      const mine = (await leader.get('/api/v1/me/needs/around?limit=100')).json<{ items: NeedSummary[] }>();
      expect(mine.items.map((n) => n.id)).toContain(needId);
      expect(mine.items.find((n) => n.id === needId)!.placeLabel).toBe('颐景名苑 1幢');
      expect(
        mine.items.every((n) => ['posted', 'convened', 'claimed', 'in_service'].includes(n.status)),
      ).toBe(true);
      const vol = (await volunteer.get('/api/v1/me/needs/around?reach=all&limit=100')).json<{
        items: NeedSummary[];
      }>();
      expect(vol.items.map((n) => n.id)).not.toContain(needId);
      // The spot need of building 3 reaches the volunteer through her joint group.
      expect(vol.items.some((n) => n.placeLabel === '颐景名苑 3幢')).toBe(true);
      // Every need listed around someone opens for her.
      for (const n of [...mine.items, ...vol.items].slice(0, 10)) {
        const c = mine.items.includes(n) ? leader : volunteer;
        expect((await c.get(`/api/v1/needs/${n.id}`)).statusCode).toBe(200);
      }
      const claimed = (await leader.get('/api/v1/me/needs/around?show=mine&limit=100')).json<{
        items: NeedSummary[];
      }>();
      expect(claimed.items.map((n) => n.id)).not.toContain(needId);
      for (const n of claimed.items) {
        expect(
          (await leader.get(`/api/v1/needs/${n.id}`)).json<NeedDetail>().claims.map((c) => c.name),
        ).toContain('张海');
      }
    });

    it('pages through needs around a leader: each once, newest first, as in one long page', async () => {
      type List = { items: NeedSummary[]; nextCursor: string | null };
      const url = '/api/v1/me/needs/around?reach=all';
      const all = (await leader.get(`${url}&limit=100`)).json<List>().items.map((n) => n.id);
      expect(all.length).toBeGreaterThan(3);
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const page: List = (await leader.get(`${url}&limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
        expect(page.items.length).toBeLessThanOrEqual(2);
        paged.push(...page.items.map((n) => n.id));
        cursor = page.nextCursor;
      } while (cursor !== null);
      expect(paged).toEqual(all);
    });

    it('shows a place’s board with filters and counts to those with needs.read', async () => {
      type List = { items: NeedSummary[]; nextCursor: string | null };
      const boardOf = async (query = '') =>
        (await staff.get(`/api/v1/places/${xinjing.id}/needs?limit=100${query}`)).json<List>();
      const board = await boardOf();
      expect(board.nextCursor).toBeNull();
      expect(board.items.map((n) => n.id)).toContain(needId);
      const ids = (l: List) => l.items.map((n) => n.id);
      const urgent = await boardOf('&urgency=urgent');
      expect(ids(urgent)).toEqual(ids(board).filter((_, i) => board.items[i]!.urgency === 'urgent'));
      expect(urgent.items.length).toBeGreaterThanOrEqual(1);
      const byCategory = (
        await staff.get(`/api/v1/places/${building1.id}/needs?category=appliance_repair&status=posted`)
      ).json<List>();
      expect(ids(byCategory)).toEqual([needId]);
      const posted = await boardOf('&status=posted');
      expect(ids(posted)).toEqual(ids(board).filter((_, i) => board.items[i]!.status === 'posted'));

      // A day later (in two steps, so every session stays within its idle timeout).
      t.clock.advance(12 * 3600);
      for (const c of [
        resident,
        leader,
        member,
        volunteer,
        staff,
        staffDongshan,
        district,
        residentYunjian,
      ]) {
        expect((await c.get('/api/v1/me')).statusCode).toBe(200);
      }
      t.clock.advance(12 * 3600 + 60);
      const later = await boardOf();
      expect(later.items.find((n) => n.id === needId)!.overdue).toBe(true);
      const overdue = await boardOf('&overdue=true');
      expect(ids(overdue)).toEqual(ids(later).filter((_, i) => later.items[i]!.overdue));
      const notOverdue = await boardOf('&overdue=false');
      expect(ids(notOverdue).length + ids(overdue).length).toBe(later.items.length);

      await t.db.kysely.updateTable('needs').set({ escalation_level: 1 }).where('id', '=', needId).execute();
      const escalated = await boardOf('&escalated=true');
      expect(ids(escalated)).toContain(needId);
      expect(escalated.items.every((n) => n.escalationLevel > 0)).toBe(true);

      const counts = (await staff.get(`/api/v1/places/${xinjing.id}/needs/counts`)).json<{
        byStatus: Record<string, number>;
        byCategory: { category: string; count: number; open: number }[];
        overdue: number;
        escalated: number;
        urgentOpen: number;
        total: number;
      }>();
      const items = (await boardOf()).items;
      const open = (n: NeedSummary) => ['posted', 'convened', 'claimed', 'in_service'].includes(n.status);
      expect(counts.total).toBe(items.length);
      expect(counts.byStatus.posted).toBe(items.filter((n) => n.status === 'posted').length);
      expect(counts.escalated).toBe(items.filter((n) => n.escalationLevel > 0).length);
      expect(counts.urgentOpen).toBe(items.filter((n) => n.urgency === 'urgent' && open(n)).length);
      expect(counts.overdue).toBe(items.filter((n) => n.overdue).length);
      const appliances = items.filter((n) => n.category === 'appliance_repair');
      expect(counts.byCategory.find((c) => c.category === 'appliance_repair')).toEqual({
        category: 'appliance_repair',
        count: appliances.length,
        open: appliances.filter(open).length,
      });

      const page1 = (await staff.get(`/api/v1/places/${xinjing.id}/needs?limit=1`)).json<List>();
      const page2 = (
        await staff.get(`/api/v1/places/${xinjing.id}/needs?limit=1&cursor=${page1.nextCursor}`)
      ).json<List>();
      expect(page2.items[0]!.id).toBe(items[1]!.id);

      expect((await resident.get(`/api/v1/places/${xinjing.id}/needs`)).statusCode).toBe(404);
      expect((await volunteer.get(`/api/v1/places/${compound.id}/needs`)).statusCode).toBe(403);
      expect((await staffDongshan.get(`/api/v1/places/${xinjing.id}/needs/counts`)).statusCode).toBe(404);
      expect((await leader.get(`/api/v1/places/${building1.id}/needs`)).statusCode).toBe(200);
    });
  });

  describe('similar needs and “me too”', () => {
    it('offers similar open needs nearby and lets a neighbour join one once', async () => {
      const similar = (
        await member.get(
          `/api/v1/needs/similar?placeId=${building3.id}&text=${encodeURIComponent('楼道灯坏了')}&category=facilities`,
        )
      ).json<{ items: NeedSummary[] }>();
      // The spot need of building 3 is offered (other open needs nearby may score the same).
      const spot = similar.items.find((n) => n.placeLabel === '颐景名苑 3幢')!;
      expect(spot).toBeDefined();

      const res = await member.post(`/api/v1/needs/${spot.id}/support`);
      expect(res.statusCode).toBe(200);
      const detail = res.json<NeedDetail>();
      expect(detail.supporters).toBe(1);
      expect(detail.supportedByMe).toBe(true);
      // The board counts them in the same query as the needs.
      const board = (await staff.get(`/api/v1/places/${building3.id}/needs`)).json<{
        items: NeedSummary[];
      }>();
      expect(board.items.find((n) => n.id === spot.id)?.supporters).toBe(1);
      expect(detail.timeline.map((e) => e.kind)).toContain('supported');

      const before = await snapshot();
      expect((await member.post(`/api/v1/needs/${spot.id}/support`)).statusCode).toBe(409);
      expect((await resident.post(`/api/v1/needs/${spot.id}/support`)).statusCode).toBe(409);
      expect((await residentYunjian.post(`/api/v1/needs/${spot.id}/support`)).statusCode).toBe(404);
      expect(await snapshot()).toEqual(before);

      // Another community's place does not exist for her.
      const none = await residentYunjian.get(
        `/api/v1/needs/similar?placeId=${building3.id}&text=${encodeURIComponent('楼道灯')}`,
      );
      expect(none.statusCode).toBe(404);
    });
  });

  describe('settings', () => {
    it('reads the defaults and lets the district admin change categories, ladder and auto-confirmation', async () => {
      const defaults = await resident.get(`/api/v1/places/${flat201.id}/need-settings`);
      expect(defaults.statusCode).toBe(200);
      expect(defaults.json()).toMatchObject({ autoConfirmDays: 7, updatedAt: null });
      const jiaojiang = await placeByNames(t.db, '椒江区');
      const body = {
        categories: [{ code: 'other' }, { code: 'flood_watch', nameZh: '防汛', nameEn: 'Flood watch' }],
        ladder: [{ urgency: 'urgent', afterMinutes: 5, reach: 'compound' }],
        autoConfirmDays: 3,
      };
      const before = await snapshot();
      expect((await put(staff, `/api/v1/places/${xinjing.id}/need-settings`, body)).statusCode).toBe(403);
      expect(
        (
          await put(district, `/api/v1/places/${jiaojiang.id}/need-settings`, {
            ...body,
            categories: [{ code: 'other' }, { code: 'other' }],
          })
        ).statusCode,
      ).toBe(400);
      expect(await snapshot()).toEqual(before);

      const res = await put(district, `/api/v1/places/${jiaojiang.id}/need-settings`, body);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ ...body, updatedAt: expect.any(String) as unknown });
      const read = (await resident.get(`/api/v1/places/${flat201.id}/need-settings`)).json<{
        autoConfirmDays: number;
      }>();
      expect(read.autoConfirmDays).toBe(3);

      const posted = await resident.post('/api/v1/needs', {
        placeId: flat201.id,
        category: 'flood_watch',
        description: '地下车库进水',
      });
      expect(posted.statusCode).toBe(201);
      const gone = await resident.post('/api/v1/needs', {
        placeId: flat201.id,
        category: 'appliance_repair',
        description: '洗衣机坏了',
      });
      expect(errorOf(gone).code).toBe('NEED_CATEGORY_UNKNOWN');
    });
  });
});
