// Servers the benchmark measures, one per child process: `bare` (Fastify and the database alone)
// and `linli` (the real app). Prints "listening <port>" when ready.
import SqliteDatabase from 'better-sqlite3';
import Fastify from 'fastify';
import pg from 'pg';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { createDb } from '../server/db/index.js';

const [mode = 'linli'] = process.argv.slice(2);
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
  } else {
    const pool = new pg.Pool({
      connectionString: config.database.url,
      max: config.database.kind === 'postgres' ? config.database.poolSize : 10,
    });
    app.get<{ Params: { id: string } }>(
      '/row/:id',
      async (req) => (await pool.query('select * from places where id = $1', [req.params.id])).rows[0],
    );
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
