import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlaceRow } from '../../db/schema.js';
import { type Client, errorOf, logIn, placeByNames, startApp, type TestApp } from '../../test/harness.js';
import { hashKey, issueKeyFromCli, matchAddress } from './open311.service.js';
import { parseForm } from './open311.routes.js';
import { localeOf } from './open311.words.js';
import { escapeXml, xmlDocument } from './open311.xml.js';

const V2 = '/open311/v2';

/** The text of every <name> element in an XML document, in order. */
function xmlValues(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))].map((m) => m[1]!);
}

function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

describe('Open311 GeoReport v2', () => {
  let t: TestApp;
  let staff: Client;
  let district: PlaceRow;
  let xinjing: PlaceRow;
  let building1: PlaceRow;
  let flat201: PlaceRow;
  let apiKey: string;
  let keyId: string;

  const get = (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers });
  const postForm = (url: string, fields: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      payload: form(fields),
    });
  const postJson = (url: string, body: unknown) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });

  beforeAll(async () => {
    t = await startApp({ demo: true });
    staff = await logIn(t.app, 'staff.xinjing');
    xinjing = await placeByNames(t.db, '新景社区');
    building1 = await placeByNames(t.db, '新景社区', '颐景名苑', '1幢');
    flat201 = await placeByNames(t.db, '新景社区', '颐景名苑', '1幢', '201室');
    district = await t.db.kysely
      .selectFrom('places')
      .selectAll()
      .where('kind', '=', 'district')
      .executeTakeFirstOrThrow();
    const issued = await staff.post(`/api/v1/places/${xinjing.id}/open311-keys`, { name: '街道随手拍' });
    expect(issued.statusCode).toBe(201);
    apiKey = issued.json<{ key: string }>().key;
    keyId = issued.json<{ id: string }>().id;
  });
  afterAll(() => t.close());

  describe('keys', () => {
    it('issues a key once, keeps only its sha256 and lists it without the key', async () => {
      expect(apiKey).toMatch(/^o311_[A-Za-z0-9_-]{32}$/);
      const row = await t.db.kysely
        .selectFrom('open311_keys')
        .selectAll()
        .where('id', '=', keyId)
        .executeTakeFirstOrThrow();
      expect(row.key_hash).toBe(hashKey(apiKey));
      expect(JSON.stringify(row)).not.toContain(apiKey);
      expect(row).toMatchObject({ district_id: district.id, place_id: xinjing.id, name: '街道随手拍' });
      const list = await staff.get(`/api/v1/places/${xinjing.id}/open311-keys`);
      expect(list.statusCode).toBe(200);
      expect(list.json()).toEqual({
        items: [
          expect.objectContaining({
            id: keyId,
            name: '街道随手拍',
            districtId: district.id,
            revokedAt: null,
          }),
        ],
      });
      expect(list.body).not.toContain(apiKey);
      const audit = await t.db.kysely
        .selectFrom('audit_log')
        .select(['action', 'entity_type'])
        .where('entity_id', '=', keyId)
        .execute();
      expect(audit).toEqual([{ action: 'create', entity_type: 'open311_key' }]);
    });

    it('lets only those with open311.manage issue and list keys, in their own place', async () => {
      const resident = await logIn(t.app, 'resident');
      // Outside the resident's grants: not found; inside without the permission: forbidden.
      expect(
        (await resident.post(`/api/v1/places/${xinjing.id}/open311-keys`, { name: 'x' })).statusCode,
      ).toBe(404);
      expect((await resident.get(`/api/v1/places/${flat201.id}/open311-keys`)).statusCode).toBe(403);
      const dongshan = await placeByNames(t.db, '东山社区');
      expect((await staff.get(`/api/v1/places/${dongshan.id}/open311-keys`)).statusCode).toBe(404);
      expect((await staff.post(`/api/v1/places/${xinjing.id}/open311-keys`, { name: '  ' })).statusCode).toBe(
        400,
      );
      const anonymous = await t.app.inject({
        method: 'GET',
        url: `/api/v1/places/${xinjing.id}/open311-keys`,
      });
      expect(anonymous.statusCode).toBe(401);
    });

    it('issues a district key from the CLI, printed as the last line, and refuses a bad district', async () => {
      const r = await issueKeyFromCli(t.db.kysely, { name: 'FixMyStreet', now: t.clock.now().toISOString() });
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.key).toMatchObject({ districtId: district.id, placeId: null, name: 'FixMyStreet' });
      const posted = await postForm(`${V2}/requests.json`, {
        api_key: r.key.key,
        service_code: 'facilities',
        address_id: building1.id,
        description: '楼道灯不亮',
      });
      expect(posted.statusCode).toBe(200);
      // A district key is listed at the district, and not at a community.
      const admin = await logIn(t.app, 'admin');
      const atDistrict = await admin.get(`/api/v1/places/${district.id}/open311-keys`);
      expect(atDistrict.json<{ items: { id: string }[] }>().items.map((k) => k.id)).toContain(r.key.id);
      const atCommunity = await admin.get(`/api/v1/places/${xinjing.id}/open311-keys`);
      expect(atCommunity.json<{ items: { id: string }[] }>().items.map((k) => k.id)).not.toContain(r.key.id);

      expect(
        await issueKeyFromCli(t.db.kysely, { name: 'x', districtId: 'nope', now: '2026-11-29T08:00:00Z' }),
      ).toEqual({
        ok: false,
        problem: expect.stringContaining('--district nope is not a district') as unknown,
      });
      expect(await issueKeyFromCli(t.db.kysely, { name: ' ', now: '2026-11-29T08:00:00Z' })).toMatchObject({
        ok: false,
      });
    });
  });

  describe('discovery and services', () => {
    it('describes itself in both formats', async () => {
      const json = await get(`${V2}/discovery.json`);
      expect(json.statusCode).toBe(200);
      expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(json.json()).toMatchObject({
        changeset: expect.any(String) as unknown,
        endpoints: [
          {
            specification: 'http://wiki.open311.org/GeoReport_v2',
            url: 'http://localhost:80/open311/v2',
            type: 'production',
            formats: ['text/xml', 'application/json'],
          },
        ],
      });
      const xml = await get(`${V2}/discovery.xml`);
      expect(xml.headers['content-type']).toBe('text/xml; charset=utf-8');
      expect(xml.body.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<discovery>')).toBe(true);
      expect(xmlValues(xml.body, 'format')).toEqual(['text/xml', 'application/json']);
    });

    it("lists the district's categories as services, in Chinese by default and English on request", async () => {
      const zh = await get(`${V2}/services.json`);
      expect(zh.statusCode).toBe(200);
      const services = zh.json<{ service_code: string; service_name: string }[]>();
      expect(services.map((s) => s.service_code)).toEqual([
        'appliance_repair',
        'health',
        'elderly_help',
        'environment',
        'facilities',
        'neighbour_dispute',
        'policy_question',
        'other',
      ]);
      expect(services[0]).toEqual({
        service_code: 'appliance_repair',
        service_name: '家电维修',
        description: expect.any(String) as unknown,
        metadata: true,
        type: 'realtime',
        keywords: expect.any(String) as unknown,
        group: '生活服务',
      });
      const en = await get(`${V2}/services.xml?locale=en&jurisdiction_id=${district.id}`);
      expect(xmlValues(en.body, 'service_name')[0]).toBe('Appliance repair');
      const byHeader = await get(`${V2}/services.json`, { 'accept-language': 'en-GB,en;q=0.9,zh;q=0.5' });
      expect(byHeader.json<{ service_name: string }[]>()[1]!.service_name).toBe('Health');
      // An empty optional parameter is the same as none.
      expect((await get(`${V2}/services.json?jurisdiction_id=&locale=`)).json()).toEqual(services);
    });

    it('defines a service with its attributes, and answers an unknown one with 404 in the format asked', async () => {
      const def = await get(`${V2}/services/appliance_repair.json?locale=en`);
      expect(def.statusCode).toBe(200);
      expect(def.json()).toMatchObject({
        service_code: 'appliance_repair',
        attributes: [
          {
            variable: true,
            code: 'urgency',
            datatype: 'singlevaluelist',
            required: false,
            order: 1,
            values: [
              { key: 'normal', name: 'Normal' },
              { key: 'urgent', name: 'Urgent' },
            ],
          },
          { code: 'quantity', datatype: 'number', order: 2, values: [] },
        ],
      });
      const xml = await get(`${V2}/services/appliance_repair.xml`);
      expect(xml.body).toContain('<service_definition>');
      expect(xmlValues(xml.body, 'key')).toEqual(['normal', 'urgent']);
      const missing = await get(`${V2}/services/potholes.json`);
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toEqual([{ code: 404, description: 'service_code potholes was not found.' }]);
      const missingXml = await get(`${V2}/services/potholes.xml`);
      expect(missingXml.statusCode).toBe(404);
      expect(missingXml.body).toMatch(/<errors>\s*<error>\s*<code>404<\/code>\s*<description>/);
    });

    it('answers an unknown jurisdiction with 404 and an unknown resource with the Open311 error shape', async () => {
      const j = await get(`${V2}/services.json?jurisdiction_id=elsewhere.gov`);
      expect(j.statusCode).toBe(404);
      expect(j.json()).toEqual([{ code: 404, description: 'jurisdiction_id elsewhere.gov was not found.' }]);
      const nothing = await get(`${V2}/nothing.xml`);
      expect(nothing.statusCode).toBe(404);
      expect(nothing.body).toContain('<errors>');
      const nothingJson = await get(`${V2}/nothing.json`);
      expect(nothingJson.json()).toEqual([{ code: 404, description: expect.any(String) as unknown }]);
    });
  });

  describe('posting and reading requests', () => {
    const contact = {
      email: 'wang.fang@example.com',
      first_name: '芳',
      last_name: '王',
      phone: '13912345678',
    };
    let formId: string;
    let jsonId: string;

    it('posts a form-encoded request with a key, attributes and a place id', async () => {
      const res = await postForm(`${V2}/requests.json`, {
        api_key: apiKey,
        jurisdiction_id: district.id,
        service_code: 'appliance_repair',
        address_id: flat201.id,
        lat: '28.6801',
        long: '121.4402',
        description: '冰箱不制冷了，王芳 13912345678，请联系 wang.fang@example.com',
        'attribute[urgency]': 'urgent',
        'attribute[quantity]': '2',
        media_url: 'https://example.org/fridge.jpg',
        device_id: 'device-1',
        ...contact,
      });
      expect(res.statusCode).toBe(200);
      const body = res.json<{ service_request_id: string; service_notice: string }[]>();
      expect(body).toEqual([
        {
          service_request_id: expect.any(String) as unknown,
          service_notice: expect.stringContaining('新景社区') as unknown,
          account_id: null,
        },
      ]);
      formId = body[0]!.service_request_id;
      const need = await t.db.kysely
        .selectFrom('needs')
        .selectAll()
        .where('id', '=', formId)
        .executeTakeFirstOrThrow();
      expect(need).toMatchObject({
        source: 'open311',
        category: 'appliance_repair',
        urgency: 'urgent',
        quantity: 2,
        place_id: flat201.id,
        building_id: building1.id,
        status: 'posted',
        posted_by: null,
        resident_user_id: null,
        contact_name: '王芳',
        contact_phone: '13912345678',
        contact_email: 'wang.fang@example.com',
        lat: 28.6801,
        long: 121.4402,
      });
      const key = await t.db.kysely
        .selectFrom('open311_keys')
        .select('last_used_at')
        .where('id', '=', keyId)
        .executeTakeFirstOrThrow();
      expect(key.last_used_at).not.toBeNull();
    });

    it('posts a JSON request located by address_string, answered in XML', async () => {
      const res = await postJson(`${V2}/requests.xml`, {
        api_key: apiKey,
        service_code: 'facilities',
        address_string: '台州市椒江区 颐景名苑 1幢 楼道',
        description: '1幢楼道灯坏了',
        'attribute[urgency]': 'normal',
        ...contact,
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
      expect(res.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<service_requests>\n\s+<request>/);
      jsonId = xmlValues(res.body, 'service_request_id')[0]!;
      expect(xmlValues(res.body, 'service_notice')[0]).toContain('新景社区');
      const need = await t.db.kysely
        .selectFrom('needs')
        .selectAll()
        .where('id', '=', jsonId)
        .executeTakeFirstOrThrow();
      expect(need).toMatchObject({ place_id: building1.id, urgency: 'normal', source: 'open311' });
      // The attributes may also come as a JSON object, numbers as numbers.
      const nested = await postJson(`${V2}/requests.json`, {
        api_key: apiKey,
        service_code: 'appliance_repair',
        address_id: building1.id,
        lat: 28.68,
        long: 121.44,
        attribute: { urgency: 'urgent', quantity: 43 },
      });
      expect(nested.statusCode).toBe(200);
      const nestedId = nested.json<{ service_request_id: string }[]>()[0]!.service_request_id;
      const row = await t.db.kysely
        .selectFrom('needs')
        .selectAll()
        .where('id', '=', nestedId)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ urgency: 'urgent', quantity: 43, description: '家电维修', lat: 28.68 });
    });

    it('reads a request back by id in both formats, without the flat', async () => {
      const res = await get(`${V2}/requests/${formId}.json`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual([
        {
          service_request_id: formId,
          status: 'open',
          status_notes: '已提交',
          service_name: '家电维修',
          service_code: 'appliance_repair',
          description: expect.any(String) as unknown,
          agency_responsible: '新景社区',
          service_notice: null,
          requested_datetime: '2026-11-29T08:00:00.000Z',
          updated_datetime: '2026-11-29T08:00:00.000Z',
          expected_datetime: null,
          address: '颐景名苑 1幢',
          address_id: building1.id,
          zipcode: null,
          lat: 28.6801,
          long: 121.4402,
          media_url: 'https://example.org/fridge.jpg',
        },
      ]);
      const xml = await get(`${V2}/requests/${formId}.xml?locale=en`);
      expect(xmlValues(xml.body, 'service_request_id')).toEqual([formId]);
      expect(xmlValues(xml.body, 'service_name')).toEqual(['Appliance repair']);
      expect(xmlValues(xml.body, 'status_notes')).toEqual(['Submitted']);
      expect(xmlValues(xml.body, 'address')).toEqual(['颐景名苑 1幢']);
      expect(xml.body).not.toContain('201');
      expect((await get(`${V2}/requests/nope.json`)).statusCode).toBe(404);
      const tokens = await get(`${V2}/tokens/${formId}.json`);
      expect(tokens.json()).toEqual([{ service_request_id: formId, token: formId }]);
      expect((await get(`${V2}/tokens/unknown.xml`)).statusCode).toBe(404);
    });

    it('lists requests with the filters and page/page_size', async () => {
      const all = await get(`${V2}/requests.json`);
      expect(all.statusCode).toBe(200);
      const ids = all.json<{ service_request_id: string }[]>().map((r) => r.service_request_id);
      expect(ids).toEqual(expect.arrayContaining([formId, jsonId]));
      const byCode = await get(`${V2}/requests.json?service_code=facilities,health`);
      expect(
        byCode
          .json<{ service_code: string }[]>()
          .every((r) => ['facilities', 'health'].includes(r.service_code)),
      ).toBe(true);
      expect(byCode.json<{ service_request_id: string }[]>().map((r) => r.service_request_id)).toContain(
        jsonId,
      );
      const closed = await get(`${V2}/requests.json?status=closed`);
      expect(closed.json<{ service_request_id: string }[]>().map((r) => r.service_request_id)).not.toContain(
        formId,
      );
      const open = await get(`${V2}/requests.xml?status=open`);
      expect(xmlValues(open.body, 'service_request_id')).toContain(formId);
      // service_request_id overrides the other filters.
      const listed = await get(
        `${V2}/requests.json?service_request_id=${formId},${jsonId}&status=closed&service_code=health`,
      );
      expect(
        listed
          .json<{ service_request_id: string }[]>()
          .map((r) => r.service_request_id)
          .sort(),
      ).toEqual([formId, jsonId].sort());
      // Dates: nothing before the posting, both inside a range around it.
      const before = await get(`${V2}/requests.json?end_date=2026-11-28T00:00:00Z`);
      expect(before.json<unknown[]>().filter((r) => JSON.stringify(r).includes(formId))).toEqual([]);
      const around = await get(
        `${V2}/requests.json?start_date=2026-11-29T07:00:00%2B00:00&end_date=2026-11-29T09:00:00Z`,
      );
      expect(around.json<{ service_request_id: string }[]>().map((r) => r.service_request_id)).toEqual(
        expect.arrayContaining([formId, jsonId]),
      );
      // Paging, newest first.
      const page1 = await get(`${V2}/requests.json?page_size=1&page=1`);
      const page2 = await get(`${V2}/requests.json?page_size=1&page=2`);
      expect(page1.json<unknown[]>()).toHaveLength(1);
      expect(page2.json<unknown[]>()).toHaveLength(1);
      expect([...ids.slice(0, 2)]).toEqual([
        page1.json<{ service_request_id: string }[]>()[0]!.service_request_id,
        page2.json<{ service_request_id: string }[]>()[0]!.service_request_id,
      ]);
      const bad = await get(`${V2}/requests.json?status=lost&page_size=0&start_date=yesterday`);
      expect(bad.statusCode).toBe(400);
      expect(bad.json<{ code: number }[]>().map((e) => e.code)).toEqual([400, 400, 400]);
    });

    it('reports closed once done, and the timeline as FixMyStreet updates', async () => {
      t.clock.advance(3600);
      const at = t.clock.now().toISOString();
      await t.db.kysely
        .updateTable('needs')
        .set({ status: 'done', done_at: at, updated_at: at })
        .where('id', '=', jsonId)
        .execute();
      await t.db.kysely
        .insertInto('need_events')
        .values([
          {
            id: '01zzzzzzzzdone0000000000000',
            need_id: jsonId,
            community_id: xinjing.id,
            at,
            actor_id: null,
            kind: 'done',
            params: null,
          },
          {
            id: '01zzzzzzzzreveal0000000000',
            need_id: jsonId,
            community_id: xinjing.id,
            at,
            actor_id: null,
            kind: 'contact_revealed',
            params: null,
          },
        ])
        .execute();
      const closed = await get(`${V2}/requests.json?status=closed&start_date=2026-11-29T00:00:00Z`);
      expect(closed.json()).toEqual([
        expect.objectContaining({
          service_request_id: jsonId,
          status: 'closed',
          status_notes: '服务已完成，等待确认',
          updated_datetime: at,
        }),
      ]);
      const updates = await get(
        `${V2}/servicerequestupdates.json?start_date=2026-11-29T00:00:00Z&end_date=2026-11-30T00:00:00Z`,
      );
      expect(updates.statusCode).toBe(200);
      const mine = updates
        .json<{ service_request_id: string; status: string; description: string }[]>()
        .filter((u) => u.service_request_id === jsonId);
      expect(mine).toEqual([
        expect.objectContaining({ status: 'open', description: '已提交' }),
        expect.objectContaining({
          status: 'closed',
          description: '服务已完成，等待确认',
          updated_datetime: at,
        }),
      ]);
      const xml = await get(`${V2}/servicerequestupdates.xml?start_date=2026-11-29T00:00:00Z&locale=en`);
      expect(xml.body).toContain('<service_requests_updates>');
      expect(xml.body).toContain('<request_update>');
      expect(xmlValues(xml.body, 'description')).toContain('Done; waiting for confirmation');
    });

    it('never shows a name, phone, e-mail or flat of the submitter in any output, in either format', async () => {
      const urls = [
        `/requests.FMT`,
        `/requests.FMT?status=open`,
        `/requests/${formId}.FMT`,
        `/requests/${jsonId}.FMT`,
        `/requests.FMT?service_request_id=${formId},${jsonId}`,
        `/servicerequestupdates.FMT?start_date=2026-11-29T00:00:00Z`,
        `/tokens/${formId}.FMT`,
      ];
      const outputs: LightMyRequestResponse[] = [];
      for (const url of urls)
        for (const fmt of ['json', 'xml'])
          for (const lang of ['zh-CN', 'en'])
            outputs.push(await get(`${V2}${url.replace('FMT', fmt)}`, { 'accept-language': lang }));
      for (const res of outputs) {
        expect(res.statusCode).toBe(200);
        for (const secret of [
          '王芳',
          '13912345678',
          'wang.fang@example.com',
          'wang.fang',
          '201室',
          flat201.id,
        ])
          expect(res.body, secret).not.toContain(secret);
      }
      const record = (await get(`${V2}/requests/${formId}.json`)).json<{ description: string }[]>()[0]!;
      expect(record.description).toBe('冰箱不制冷了，王* 139****5678，请联系 ***');
    });
  });

  it('lets a web page of any origin read and post, without credentials', async () => {
    const origin = { origin: 'https://partner.example' };
    const read = await t.app.inject({ url: '/open311/v2/services.json', headers: origin });
    expect(read.statusCode).toBe(200);
    expect(read.headers['access-control-allow-origin']).toBe('*');
    expect(read.headers['access-control-allow-credentials']).toBeUndefined();
    const preflight = await t.app.inject({
      method: 'OPTIONS',
      url: '/open311/v2/requests.json',
      headers: {
        ...origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers).toMatchObject({
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET, POST',
      'access-control-allow-headers': 'content-type',
    });
    const refused = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: origin,
      payload: {},
    });
    expect(refused.statusCode).toBeGreaterThanOrEqual(400);
    expect(refused.headers['access-control-allow-origin']).toBe('*');
    // The staff API stays same-origin.
    const api = await t.app.inject({ url: '/api/v1/me', headers: origin });
    expect(api.headers['access-control-allow-origin']).toBeUndefined();
  });

  describe('refusals', () => {
    const valid = () => ({
      api_key: apiKey,
      service_code: 'health',
      address_id: building1.id,
      description: '发烧',
    });

    it('refuses a missing or wrong api_key with 403', async () => {
      const { api_key: _unused, ...noKey } = valid();
      const missing = await postForm(`${V2}/requests.json`, noKey);
      expect(missing.statusCode).toBe(403);
      expect(missing.json()).toEqual([{ code: 403, description: 'api_key was not provided.' }]);
      const wrong = await postForm(`${V2}/requests.xml`, { ...valid(), api_key: 'o311_guess' });
      expect(wrong.statusCode).toBe(403);
      expect(xmlValues(wrong.body, 'code')).toEqual(['403']);
      expect(xmlValues(wrong.body, 'description')).toEqual(['Invalid api_key received.']);
    });

    it('refuses missing fields with 400 and every problem listed', async () => {
      const res = await postForm(`${V2}/requests.json`, { api_key: apiKey, lat: '28.1', email: 'not-mail' });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual([
        { code: 400, description: 'service_code was not provided.' },
        { code: 400, description: 'lat and long must be sent together.' },
        { code: 400, description: 'email is not an e-mail address.' },
      ]);
      const xml = await postForm(`${V2}/requests.xml`, {
        ...valid(),
        'attribute[urgency]': 'panic',
        description: 'x'.repeat(4001),
      });
      expect(xml.statusCode).toBe(400);
      expect(xmlValues(xml.body, 'code')).toEqual(['400', '400']);
      const unknown = await postForm(`${V2}/requests.json`, { ...valid(), service_code: 'potholes' });
      expect(unknown.statusCode).toBe(404);
      const elsewhere = await postForm(`${V2}/requests.json`, { ...valid(), address_id: 'not-a-place' });
      expect(elsewhere.statusCode).toBe(400);
      const nowhere = await postForm(`${V2}/requests.json`, {
        ...valid(),
        address_id: '',
        address_string: '火星基地',
      });
      expect(nowhere.statusCode).toBe(400);
      expect(nowhere.json<{ description: string }[]>()[0]!.description).toContain('address_string');
      const badJson = await t.app.inject({
        method: 'POST',
        url: `${V2}/requests.json`,
        headers: { 'content-type': 'application/json' },
        payload: '{"api_key":',
      });
      expect(badJson.statusCode).toBe(400);
      expect(badJson.json<{ code: number }[]>()[0]!.code).toBe(400);
      const nul = await postForm(`${V2}/requests.json`, { ...valid(), description: 'a\u0000b' });
      expect(nul.statusCode).toBe(400);
    });

    it('places a request sent with lat/long only near an earlier located one, or refuses it', async () => {
      const near = await postForm(`${V2}/requests.json`, {
        ...valid(),
        address_id: '',
        lat: '28.6802',
        long: '121.4401',
      });
      expect(near.statusCode).toBe(200);
      const id = near.json<{ service_request_id: string }[]>()[0]!.service_request_id;
      const need = await t.db.kysely
        .selectFrom('needs')
        .select('place_id')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(need.place_id).toBe(building1.id);
      const far = await postForm(`${V2}/requests.json`, {
        ...valid(),
        address_id: '',
        lat: '30',
        long: '120',
      });
      expect(far.statusCode).toBe(400);
    });

    it('refuses posting with a revoked key', async () => {
      const issued = await staff.post(`/api/v1/places/${xinjing.id}/open311-keys`, { name: 'old app' });
      const { id, key } = issued.json<{ id: string; key: string }>();
      expect((await postForm(`${V2}/requests.json`, { ...valid(), api_key: key })).statusCode).toBe(200);
      const revoked = await staff.delete(`/api/v1/open311-keys/${id}`);
      expect(revoked.statusCode).toBe(200);
      expect(revoked.json()).toMatchObject({ id, revokedAt: expect.any(String) as unknown });
      expect((await postForm(`${V2}/requests.json`, { ...valid(), api_key: key })).statusCode).toBe(403);
      expect(errorOf(await staff.delete('/api/v1/open311-keys/nope')).code).toBe('NOT_FOUND');
      const other = await logIn(t.app, 'staff.dongshan');
      expect((await other.delete(`/api/v1/open311-keys/${keyId}`)).statusCode).toBe(404);
    });

    it('answers hostile input on every Open311 operation with a 4xx in its own error shape, never a 5xx', async () => {
      const doc = (await get('/openapi.json')).json<{ paths: Record<string, Record<string, unknown>> }>();
      const paths = Object.entries(doc.paths).filter(([p]) => p.startsWith(V2));
      expect(paths.length).toBe(14);
      const failures: string[] = [];
      for (const [path, ops] of paths) {
        for (const method of Object.keys(ops)) {
          const json = path.endsWith('.json');
          for (const bad of ['%00', 'x'.repeat(300), '..%2F..', '__proto__', '%E0%A4%A']) {
            const url = `${path.replace(/\{\w+\}/g, bad)}?jurisdiction_id=${bad}&start_date=${bad}&page=${bad}&service_request_id=${bad}&status[]=x`;
            const probes = [
              { method: method.toUpperCase() as 'GET' | 'POST', url },
              {
                method: 'POST' as const,
                url: path.replace(/\{\w+\}/g, 'x'),
                headers: { 'content-type': 'application/x-www-form-urlencoded' },
                payload: `api_key=${bad}&attribute[__proto__][x]=1&lat=${bad}&long=1e400&description=${bad}`,
              },
              {
                method: 'POST' as const,
                url: path.replace(/\{\w+\}/g, 'x'),
                headers: { 'content-type': 'application/json' },
                payload: JSON.stringify({
                  api_key: apiKey,
                  attribute: [bad],
                  service_code: { a: 1 },
                  lat: [1],
                }),
              },
            ];
            for (const probe of probes) {
              const res = await t.app.inject(probe);
              const label = `${probe.method} ${probe.url.slice(0, 80)}: ${res.statusCode} ${res.body.slice(0, 100)}`;
              if (res.statusCode >= 500) failures.push(label);
              else if (res.statusCode >= 400) {
                // The router refuses an overlong or malformed path segment before any route runs,
                // in the app's own shape (server/plugins/errors.ts frameworkErrors), still with 400.
                const routerRefusal =
                  res.statusCode === 400 &&
                  (bad.length > 100 || bad === '%E0%A4%A') &&
                  probe.url.includes(bad);
                const ok = json ? Array.isArray(res.json()) : res.body.includes('<errors>');
                if (!ok && !routerRefusal) failures.push(label);
              }
            }
          }
        }
      }
      expect(failures).toEqual([]);
    });
  });
});

describe('Open311 rate limit', () => {
  let t: TestApp;
  afterAll(() => t.close());

  it('limits posting per key and says so in the Open311 error shape', async () => {
    t = await startApp({ demo: true, env: { RATE_LIMIT_PER_MINUTE: '40' } });
    const r = await issueKeyFromCli(t.db.kysely, { name: 'busy app', now: t.clock.now().toISOString() });
    if (!r.ok) throw new Error(r.problem);
    const building = await placeByNames(t.db, '新景社区', '颐景名苑', '1幢');
    const post = () =>
      t.app.inject({
        method: 'POST',
        url: `${V2}/requests.json`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: form({
          api_key: r.key.key,
          service_code: 'other',
          address_id: building.id,
          description: 'x',
        }),
      });
    expect((await post()).statusCode).toBe(200);
    expect((await post()).statusCode).toBe(200);
    const third = await post();
    expect(third.statusCode).toBe(400);
    expect(third.json()).toEqual([
      { code: 429, description: expect.stringContaining('Too many') as unknown },
    ]);
  });
});

describe('Open311 helpers', () => {
  it('writes XML that every parser reads: escaped, without control characters', () => {
    expect(escapeXml('a<b>&"\'\u0001\uFFFE')).toBe('a&lt;b&gt;&amp;&quot;&apos;');
    expect(xmlDocument('services', [{ service_code: 'x', metadata: true, lat: null }])).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<services>\n  <service>\n    <service_code>x</service_code>\n    <metadata>true</metadata>\n  </service>\n</services>\n',
    );
    expect(xmlDocument('errors', [])).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<errors/>\n');
  });

  it('reads attribute[CODE] and attribute[CODE][] from a form', () => {
    expect(
      parseForm(
        'api_key=k&attribute[urgency]=urgent&attribute[tags][]=a&attribute[tags][]=b&__proto__=x&api_key=again',
      ),
    ).toEqual({
      api_key: 'k',
      attribute: { urgency: 'urgent', tags: ['a', 'b'] },
    });
  });

  it('picks the language from locale or Accept-Language', () => {
    expect(localeOf('en', 'zh-CN')).toBe('en');
    expect(localeOf(undefined, 'zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(localeOf(undefined, 'en-US,en;q=0.9')).toBe('en');
    expect(localeOf(undefined, 'fr')).toBe('zh-CN');
    expect(localeOf(undefined, undefined)).toBe('zh-CN');
  });

  it('matches an address to the building named after its compound, not a longer number', () => {
    const spots = [
      { id: 'c', name: '颐景名苑', path: '/d/s/m/c/', kind: 'compound', parent_id: 'm' },
      { id: 'b1', name: '1幢', path: '/d/s/m/c/b1/', kind: 'building', parent_id: 'c' },
      { id: 'b11', name: '11幢', path: '/d/s/m/c/b11/', kind: 'building', parent_id: 'c' },
    ];
    expect(matchAddress(spots, '颐景名苑 11幢 302')).toBe('b11');
    expect(matchAddress(spots, '颐景名苑1幢')).toBe('b1');
    expect(matchAddress(spots, '颐景名苑 东门')).toBe('c');
    expect(matchAddress(spots, '别处')).toBeUndefined();
  });
});
