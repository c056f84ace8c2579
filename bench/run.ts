// npm run bench [-- --residents N] [--needs M] [--sqlite | --pg] : load benchmarks of the foundation and
// of needs, each beside the bare framework and the bare database measured in the same run, on SQLite
// and then PostgreSQL (or the one named). Prints a table per database and writes bench/results/.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { createDb, migrate } from '../server/db/index.js';
import { DEMO_PASSWORD } from '../server/seed/demo.js';
import { generateDistrict } from '../server/seed/generate.js';
import { benchNeeds, failuresOf, type LoadRow } from './needs.js';
import { benchRosters } from './rosters.js';
import { generateNeeds } from '../server/seed/generate-needs.js';

const { values } = parseArgs({
  options: {
    residents: { type: 'string', default: '100000' },
    needs: { type: 'string', default: '1000000' },
    pg: { type: 'boolean', default: false },
    sqlite: { type: 'boolean', default: false },
    seconds: { type: 'string', default: '8' },
  },
});
const residents = Number(values.residents);
const needCount = Number(values.needs);
const duration = Number(values.seconds);
const stamp = Date.now().toString(36);

async function prepareDatabase(usePg: boolean): Promise<Record<string, string>> {
  if (usePg) {
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

type Row = LoadRow;

async function load(name: string, url: string, headers: Record<string, string> = {}): Promise<Row> {
  const r = await autocannon({ url, connections: 20, duration, headers });
  const non2xx = r.non2xx + r.errors;
  const failures = failuresOf(r);
  return {
    name,
    reqPerSec: Math.round(r.requests.average),
    p99: r.latency.p99,
    errors: non2xx,
    ...(failures ? { failures } : {}),
  };
}

async function runOn(usePg: boolean) {
  const env = await prepareDatabase(usePg);
  const db = createDb(
    env.DATABASE_URL!.startsWith('sqlite:')
      ? { kind: 'sqlite', file: env.DATABASE_URL!.slice(7) }
      : { kind: 'postgres', url: env.DATABASE_URL!, poolSize: 10 },
  );
  await migrate(db);
  console.log(
    `Generating ${residents.toLocaleString('en')} residents on ${usePg ? 'PostgreSQL' : 'SQLite'}…`,
  );
  const gen = await generateDistrict(db, { residents, password: DEMO_PASSWORD });
  console.log(`  ${gen.places.toLocaleString('en')} places in ${gen.seconds.toFixed(1)} s`);
  const generatedNeeds = await generateNeeds(db, {
    districtId: gen.districtId,
    needs: needCount,
    password: DEMO_PASSWORD,
  });
  console.log(
    `  ${generatedNeeds.needs.toLocaleString('en')} needs in ${generatedNeeds.seconds.toFixed(1)} s`,
  );
  const firstVolunteer = generatedNeeds.volunteers[0]!;
  const residentRow = await db.kysely
    .selectFrom('users')
    .innerJoin('grants', 'grants.user_id', 'users.id')
    .innerJoin('places', 'places.id', 'grants.place_id')
    .select(['users.username', 'grants.place_id'])
    .where('grants.role', '=', 'resident')
    .where('users.username', 'is not', null)
    .where('places.parent_id', '=', firstVolunteer.buildingId)
    .executeTakeFirstOrThrow();
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
    rows.push(
      ...(await benchNeeds({
        base,
        bare: `http://127.0.0.1:${bare.port}`,
        duration,
        districtId: gen.districtId,
        resident: { login: residentRow.username!, householdId: residentRow.place_id! },
        leader: {
          login: firstVolunteer.login.replace(/\.v(\d+)$/, '.l$1'),
          buildingId: firstVolunteer.buildingId,
        },
        volunteer: { login: firstVolunteer.login },
      })),
    );
  } finally {
    bare.child.kill();
    linli.child.kill();
  }

  console.log(
    `\n${residents.toLocaleString('en')} residents, ${generatedNeeds.needs.toLocaleString('en')} needs, ${usePg ? 'PostgreSQL' : 'SQLite'}, 20 connections, ${duration} s each\n`,
  );
  console.log(
    `${'benchmark'.padEnd(44)} ${'req/s'.padStart(8)} ${'p99 ms'.padStart(7)} ${'non-2xx'.padStart(8)}  vs bare`,
  );
  for (const r of rows) {
    console.log(
      `${r.name.padEnd(44)} ${String(r.reqPerSec).padStart(8)} ${String(r.p99).padStart(7)} ${String(r.errors).padStart(8)}  ${(r.baseline ?? '').padEnd(16)} ${r.target ?? ''}${r.failures ? ` (${r.failures})` : ''}`,
    );
  }
  mkdirSync('bench/results', { recursive: true });
  const file = `bench/results/load-${usePg ? 'postgres' : 'sqlite'}-${stamp}.json`;
  writeFileSync(
    file,
    JSON.stringify(
      { residents, needs: generatedNeeds.needs, dialect: usePg ? 'postgres' : 'sqlite', duration, rows },
      null,
      2,
    ),
  );
  console.log(`\nWrote ${file}`);

  console.log('');
  await benchRosters({ rows: 10_000, pg: usePg });
  await dropDatabase(env.DATABASE_URL!);
}

/** The generated district is only for this run: drop it (a million needs take half a gigabyte). */
async function dropDatabase(url: string) {
  if (url.startsWith('sqlite:')) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${url.slice(7)}${suffix}`, { force: true });
    return;
  }
  const name = url.slice(url.lastIndexOf('/') + 1);
  const admin = new pg.Client({
    connectionString: process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  });
  await admin.connect();
  // FORCE: the servers just killed may not have closed their connections yet.
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}

for (const usePg of values.pg ? [true] : values.sqlite ? [false] : [false, true]) await runOn(usePg);
