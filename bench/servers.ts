// Servers the benchmark measures, one per child process: `bare` (Fastify and the database alone)
// and `linli` (the real app). Prints "listening <port>" when ready.
import SqliteDatabase from 'better-sqlite3';
import Fastify from 'fastify';
import pg from 'pg';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { createDb } from '../server/db/index.js';

const [mode = 'linli'] = process.argv.slice(2);

// The bare database's version of posting and listing needs: one INSERT, one indexed SELECT.
interface NeedBody {
  districtId: string;
  placeId: string;
  description: string;
}
const INSERT_NEED = `insert into needs (id, district_id, community_id, place_id, place_path, category,
  description, urgency, status, audience, source, created_at, updated_at)
  values ($1, $2, $3, $4, $5, 'appliance_repair', $6, 'normal', 'posted', 'building', 'app', $7, $8)`;
const LIST_NEEDS = `select * from needs where building_id = $1 order by created_at desc, id desc limit 20`;
let seq = 0;
function needValues(b: NeedBody): unknown[] {
  const now = new Date().toISOString();
  return [
    `bare${process.pid}x${seq++}`,
    b.districtId,
    b.districtId,
    b.placeId,
    `/${b.placeId}/`,
    b.description,
    now,
    now,
  ];
}
const config = loadConfig({
  ...process.env,
  LOG_LEVEL: 'silent',
  RATE_LIMIT_PER_MINUTE: '100000000',
  SEED_DEMO: 'never',
});

if (mode === 'bare') {
  const app = Fastify();
  app.get('/hello', () => ({ hello: 'world' }));
  if (config.database.kind === 'sqlite') {
    const sqlite = new SqliteDatabase(config.database.file, { readonly: true });
    const byId = sqlite.prepare('select * from places where id = ?');
    app.get<{ Params: { id: string } }>('/row/:id', (req) => byId.get(req.params.id));
    const writer = new SqliteDatabase(config.database.file);
    writer.pragma('journal_mode = WAL');
    writer.pragma('synchronous = FULL');
    const insert = writer.prepare(INSERT_NEED.replace(/\$\d+/g, '?'));
    app.post<{ Body: NeedBody }>('/need', (req) => {
      insert.run(...needValues(req.body));
      return { ok: true };
    });
    const list = sqlite.prepare(LIST_NEEDS.replace(/\$\d+/g, '?'));
    app.get<{ Params: { id: string } }>('/needs/:id', (req) => ({ items: list.all(req.params.id) }));
  } else {
    const pool = new pg.Pool({
      connectionString: config.database.url,
      max: config.database.kind === 'postgres' ? config.database.poolSize : 10,
    });
    app.get<{ Params: { id: string } }>(
      '/row/:id',
      async (req) => (await pool.query('select * from places where id = $1', [req.params.id])).rows[0],
    );
    app.post<{ Body: NeedBody }>('/need', async (req) => {
      await pool.query(INSERT_NEED, needValues(req.body));
      return { ok: true };
    });
    app.get<{ Params: { id: string } }>('/needs/:id', async (req) => ({
      items: (await pool.query(LIST_NEEDS, [req.params.id])).rows,
    }));
  }
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  console.log(`listening ${typeof addr === 'object' && addr ? addr.port : 0}`);
} else {
  const db = createDb(config.database);
  const app = await buildApp(config, { db, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  console.log(`listening ${typeof addr === 'object' && addr ? addr.port : 0}`);
}
