import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { NeedPosted } from '../../../domain/contracts/needs.js';
import { AppError } from '../../../domain/errors.js';
import type { PlaceRow } from '../../db/schema.js';
import { Batcher } from '../../lib/batcher.js';
import { type Client, logIn, placeByNames, startApp, type TestApp } from '../../test/harness.js';
import { ESCALATE_JOB } from './needs.ladder.js';
import { findNeed } from './needs.repository.js';
import { type Need, type NeedPosting, planNeed, writeNeeds } from './needs.service.js';

// Needs posted at the same moment are written together (the route's Batcher): one statement on
// PostgreSQL, one transaction on SQLite. Each is still its own need, with its own timeline, its
// own notifications and its own ladder, and one's failure is never another's.

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  return Buffer.concat([len, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
}

function tinyPng(): Buffer {
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', Buffer.alloc(13)),
    pngChunk('IDAT', Buffer.alloc(10, 7)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('needs posted together', () => {
  let t: TestApp;
  let resident: Client;
  let flat201: PlaceRow;
  let residentId: string;
  let leaderId: string;

  beforeAll(async () => {
    t = await startApp({ demo: true });
    resident = await logIn(t.app, 'resident');
    flat201 = await placeByNames(t.db, '新景社区', '颐景名苑', '1幢', '201室');
    const idOf = async (username: string) =>
      (
        await t.db.kysely
          .selectFrom('users')
          .select('id')
          .where('username', '=', username)
          .executeTakeFirstOrThrow()
      ).id;
    residentId = await idOf('resident');
    leaderId = await idOf('leader');
  });
  afterAll(() => t?.close());

  const post = (description: string, urgency: 'normal' | 'urgent' = 'normal') =>
    resident.post('/api/v1/needs', { placeId: flat201.id, category: 'other', description, urgency });

  const notificationsOf = (userId: string, needId: string) =>
    t.db.kysely
      .selectFrom('notifications')
      .select('kind')
      .where('user_id', '=', userId)
      .where('need_id', '=', needId)
      .execute();

  it('gives each of many simultaneous posts its own need, timeline, notifications and ladder', async () => {
    const texts = Array.from({ length: 12 }, (_, i) => `同时发的第${i + 1}条求助`);
    const answers = await Promise.all(texts.map((text, i) => post(text, i % 3 === 0 ? 'urgent' : 'normal')));
    expect(answers.map((a) => a.statusCode)).toEqual(texts.map(() => 201));
    const posted = answers.map((a) => a.json<z.infer<typeof NeedPosted>>());
    expect(new Set(posted.map((p) => p.id)).size).toBe(12);

    for (const [i, p] of posted.entries()) {
      const need = await findNeed(t.db.kysely, p.id);
      expect(need).toMatchObject({
        description: texts[i],
        status: 'posted',
        helpersNeeded: 1,
        helpersClaimed: 0,
        escalationLevel: 0,
        reopenCount: 0,
      });
      const events = await t.db.kysely
        .selectFrom('need_events')
        .select('kind')
        .where('need_id', '=', p.id)
        .execute();
      expect(events.map((e) => e.kind)).toEqual(['posted']);
      // The building leader is told, an urgent need as an alert; the resident is not told of her own.
      expect((await notificationsOf(leaderId, p.id)).map((n) => n.kind)).toEqual([
        i % 3 === 0 ? 'need_urgent' : 'need_posted',
      ]);
      expect(await notificationsOf(residentId, p.id)).toEqual([]);
      const rungs = await t.db.kysely
        .selectFrom('jobs')
        .select('kind')
        .where('ref_id', '=', p.id)
        .where('kind', '=', ESCALATE_JOB)
        .execute();
      expect(rungs).toHaveLength(2);
    }
    // Urgent alerts go out through the channels as stored jobs, one per channel and recipient.
    const alertJobs = await t.db.kysely
      .selectFrom('jobs')
      .innerJoin('notifications', 'notifications.id', 'jobs.ref_id')
      .select('notifications.need_id')
      .where('jobs.kind', '=', 'channel.send')
      .where(
        'notifications.need_id',
        'in',
        posted.map((p) => p.id),
      )
      .execute();
    expect(new Set(alertJobs.map((j) => j.need_id))).toEqual(
      new Set(posted.filter((_, i) => i % 3 === 0).map((p) => p.id)),
    );
  });

  it('fails only the post whose photo another need took meanwhile; the others of its batch are written', async () => {
    const up = await t.app.inject({
      method: 'POST',
      url: '/api/v1/need-photos',
      headers: { cookie: resident.cookie, 'content-type': 'image/png' },
      payload: tinyPng(),
    });
    expect(up.statusCode).toBe(201);
    const photoId = up.json<{ id: string }>().id;
    const plan = (description: string, photoIds: string[] = []) =>
      planNeed(t.db.kysely, t.app.deps, {
        place: flat201,
        category: 'other',
        description,
        urgency: 'normal',
        photoIds,
        residentUserId: residentId,
        residentPersonId: null,
        postedBy: residentId,
        source: 'app',
        at: new Date().toISOString(),
      });
    const withPhoto = await plan('带照片的求助', [photoId]);
    const plain = [await plan('同一批的求助一'), await plan('同一批的求助二')];

    // Another need takes the photo between the check and the write.
    const other = (await post('先用了这张照片的求助')).json<z.infer<typeof NeedPosted>>();
    await t.db.kysely
      .updateTable('need_photos')
      .set({ need_id: other.id })
      .where('id', '=', photoId)
      .execute();

    const batches: number[] = [];
    const batcher = new Batcher<NeedPosting, Need>((postings) => {
      batches.push(postings.length);
      return writeNeeds(t.db.kysely, t.app.deps, postings);
    });
    const results = await Promise.allSettled([withPhoto, ...plain].map((p) => batcher.submit(p)));
    // Written together first; that failed, so each was written again on its own.
    expect(batches).toEqual([3, 1, 1, 1]);
    expect(results[0]).toMatchObject({ status: 'rejected', reason: expect.any(AppError) as unknown });
    expect(((results[0] as PromiseRejectedResult).reason as AppError).code).toBe('NEED_PHOTO_UNKNOWN');
    expect(results.slice(1).map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);

    expect(await findNeed(t.db.kysely, withPhoto.row.id)).toBeUndefined();
    expect(await notificationsOf(leaderId, withPhoto.row.id)).toEqual([]);
    for (const p of plain) {
      expect(await findNeed(t.db.kysely, p.row.id)).toBeDefined();
      expect(await notificationsOf(leaderId, p.row.id)).toHaveLength(1);
    }
  });

  it('does not tell a user who was disabled after she was last told', async () => {
    const first = (await post('停用之前的求助')).json<z.infer<typeof NeedPosted>>();
    expect(await notificationsOf(leaderId, first.id)).toHaveLength(1);
    await t.db.kysely
      .updateTable('users')
      .set({ disabled_at: new Date().toISOString() })
      .where('id', '=', leaderId)
      .execute();
    try {
      const second = (await post('停用之后的求助')).json<z.infer<typeof NeedPosted>>();
      expect(await notificationsOf(leaderId, second.id)).toEqual([]);
    } finally {
      await t.db.kysely.updateTable('users').set({ disabled_at: null }).where('id', '=', leaderId).execute();
    }
  });
});
