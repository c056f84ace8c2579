// npm run bench [-- --residents N] [--pg] : load benchmarks of the foundation, each beside the bare
// framework and the bare database measured in the same run. Prints a table and writes bench/results/.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { createDb, migrate } from '../server/db/index.js';
import { DEMO_PASSWORD } from '../server/seed/demo.js';
import { generateDistrict } from '../server/seed/generate.js';
import { benchRosters } from './rosters.js';

const { values } = parseArgs({
  options: {
    residents: { type: 'string', default: '100000' },
    pg: { type: 'boolean', default: false },
    seconds: { type: 'string', default: '8' },
  },
});
const residents = Number(values.residents);
const duration = Number(values.seconds);
const stamp = Date.now().toString(36);

async function prepareDatabase(): Promise<Record<string, string>> {
  if (values.pg) {
    const base = process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const name = `linli_bench_${stamp}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    return { DATABASE_URL: base.replace(/\/[^/]*$/, `/${name}`) };
  }
  return { DATABASE_URL: `sqlite:${process.cwd()}/data/bench-${stamp}.db` };
}

function startServer(
  mode: string,
  env: Record<string, string>,
): Promise<{ port: number; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/servers.ts', mode], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.on('data', (d: Buffer) => {
      const m = /listening (\d+)/.exec(d.toString());
      if (m) resolve({ port: Number(m[1]), child });
    });
    child.on('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
}

interface Row {
  name: string;
  reqPerSec: number;
  p99: number;
  errors: number;
  baseline?: string;
}

async function load(name: string, url: string, headers: Record<string, string> = {}): Promise<Row> {
  const r = await autocannon({ url, connections: 20, duration, headers });
  const non2xx = r.non2xx + r.errors;
  return { name, reqPerSec: Math.round(r.requests.average), p99: r.latency.p99, errors: non2xx };
}

async function main() {
  const env = await prepareDatabase();
  const db = createDb(
    env.DATABASE_URL!.startsWith('sqlite:')
      ? { kind: 'sqlite', file: env.DATABASE_URL!.slice(7) }
      : { kind: 'postgres', url: env.DATABASE_URL!, poolSize: 10 },
  );
  await migrate(db);
  console.log(
    `Generating ${residents.toLocaleString('en')} residents on ${values.pg ? 'PostgreSQL' : 'SQLite'}…`,
  );
  const gen = await generateDistrict(db, { residents, password: DEMO_PASSWORD });
  console.log(`  ${gen.places.toLocaleString('en')} places in ${gen.seconds.toFixed(1)} s`);
  const staff = await db.kysely
    .selectFrom('users')
    .innerJoin('grants', 'grants.user_id', 'users.id')
    .select(['users.username', 'grants.place_id'])
    .where('grants.role', '=', 'community_staff')
    .where('users.username', 'like', 'gen%')
    .orderBy('users.id', 'desc')
    .executeTakeFirstOrThrow();
  const building = await db.kysely
    .selectFrom('places')
    .select('id')
    .where('community_id', '=', staff.place_id)
    .where('kind', '=', 'building')
    .executeTakeFirstOrThrow();
  await db.close();

  const bare = await startServer('bare', env);
  const linli = await startServer('linli', env);
  const rows: Row[] = [];
  try {
    const login = await fetch(`http://127.0.0.1:${linli.port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: staff.username, password: DEMO_PASSWORD }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const bareHello = await load('bare Fastify: GET /hello', `http://127.0.0.1:${bare.port}/hello`);
    const bareRow = await load(
      'bare Fastify + DB: GET place by id',
      `http://127.0.0.1:${bare.port}/row/${building.id}`,
    );
    rows.push(bareHello, bareRow);
    const base = `http://127.0.0.1:${linli.port}`;
    const vs = (r: Row, b: Row) => ({
      ...r,
      baseline: `${((r.reqPerSec / b.reqPerSec) * 100).toFixed(0)}% of ${b === bareHello ? 'hello' : 'DB get'}`,
    });
    rows.push(vs(await load('Linli: GET /healthz', `${base}/healthz`), bareRow));
    rows.push(vs(await load('Linli: GET /api/v1/me (session)', `${base}/api/v1/me`, { cookie }), bareRow));
    rows.push(
      vs(
        await load('Linli: GET place (session + scope check)', `${base}/api/v1/places/${building.id}`, {
          cookie,
        }),
        bareRow,
      ),
    );
    rows.push(
      vs(
        await load('Linli: GET building households (20)', `${base}/api/v1/places/${building.id}/children`, {
          cookie,
        }),
        bareRow,
      ),
    );
  } finally {
    bare.child.kill();
    linli.child.kill();
  }

  console.log(
    `\n${residents.toLocaleString('en')} residents, ${values.pg ? 'PostgreSQL' : 'SQLite'}, 20 connections, ${duration} s each\n`,
  );
  console.log(
    `${'benchmark'.padEnd(44)} ${'req/s'.padStart(8)} ${'p99 ms'.padStart(7)} ${'non-2xx'.padStart(8)}  vs bare`,
  );
  for (const r of rows) {
    console.log(
      `${r.name.padEnd(44)} ${String(r.reqPerSec).padStart(8)} ${String(r.p99).padStart(7)} ${String(r.errors).padStart(8)}  ${r.baseline ?? ''}`,
    );
  }
  mkdirSync('bench/results', { recursive: true });
  const file = `bench/results/foundation-${values.pg ? 'postgres' : 'sqlite'}-${stamp}.json`;
  writeFileSync(
    file,
    JSON.stringify({ residents, dialect: values.pg ? 'postgres' : 'sqlite', duration, rows }, null, 2),
  );
  console.log(`\nWrote ${file}`);

  console.log('');
  await benchRosters({ rows: 10_000, pg: values.pg });
}

await main();
