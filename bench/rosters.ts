// node --import tsx bench/rosters.ts [--rows 10000] [--pg] : times a roster check, import and re-import
// through the HTTP API (in-process inject) on a fresh demo district. Prints a table, writes bench/results/.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { type RosterEntry, rosterCells } from '../domain/rosters.js';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { createDb, migrate } from '../server/db/index.js';
import { writeXlsx } from '../server/features/rosters/rosters.files.js';
import { DEMO_PASSWORD, seedDemo } from '../server/seed/demo.js';

const stamp = Date.now().toString(36);

export interface RosterBenchStep {
  step: string;
  ms: number;
  rowsPerSec: number;
  counts: unknown;
}

/** A community's worth of residents: 4 compounds × 10 buildings × 2 units × 50 households of 2–3 people; 1 in 8 a party member. */
function roster(rows: number): string[][] {
  const out: string[][] = [];
  for (let i = 0; out.length < rows; i++) {
    const flat = Math.floor(i / 2.5);
    const entry: RosterEntry = {
      compound: `基准小区${Math.floor(flat / 1000) + 1}`,
      building: `${Math.floor((flat % 1000) / 100) + 1}幢`,
      unit: `${Math.floor((flat % 100) / 50) + 1}单元`,
      household: `${Math.floor((flat % 50) / 2) + 1}0${(flat % 2) + 1}室`,
      name: `居民${i + 1}`,
      gender: i % 2 ? 'female' : 'male',
      birthYear: 1940 + (i % 65),
      phone: `15${String(i).padStart(9, '0')}`,
      partyKind: i % 8 === 0 ? (i % 16 === 0 ? 'in_service' : 'resident') : null,
      workUnit: i % 16 === 0 ? '台州职业技术学院' : null,
      organisation: null,
      note: null,
    };
    out.push(rosterCells(entry, 'zh-CN'));
  }
  return out;
}

async function database(usePg: boolean) {
  if (usePg) {
    const base = process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const name = `linli_bench_rosters_${stamp}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const db = createDb({ kind: 'postgres', url: base.replace(/\/[^/]*$/, `/${name}`), poolSize: 5 });
    return {
      db,
      drop: async () => {
        await db.close();
        const c = new pg.Client({ connectionString: base });
        await c.connect();
        await c.query(`drop database ${name}`);
        await c.end();
      },
    };
  }
  mkdirSync('data', { recursive: true });
  const file = `${process.cwd()}/data/bench-rosters-${stamp}.db`;
  const db = createDb({ kind: 'sqlite', file });
  return {
    db,
    drop: async () => {
      await db.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    },
  };
}

/**
 * Time check, import and re-import of a generated roster of `rows` rows on a fresh demo database.
 * bench/run.ts can call this beside its own benchmarks: `await benchRosters({ pg })`.
 */
export async function benchRosters(opts: { rows?: number; pg?: boolean } = {}): Promise<RosterBenchStep[]> {
  const rowCount = opts.rows ?? 10_000;
  const dialect = opts.pg ? 'postgres' : 'sqlite';
  const { db, drop } = await database(opts.pg ?? false);
  try {
    await migrate(db);
    await seedDemo(db);
    const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '100000' }), {
      db,
      logger: false,
      webDist: '/nonexistent',
    });
    await app.ready();
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: 'staff.xinjing', password: DEMO_PASSWORD },
    });
    const cookie = login.headers['set-cookie']!.toString().split(';')[0]!;
    const me = (await app.inject({ method: 'GET', url: '/api/v1/places', headers: { cookie } })).json<{
      items: { id: string }[];
    }>();
    const community = me.items[0]!.id;

    const made = Date.now();
    const file = await writeXlsx('zh-CN', roster(rowCount), false);
    console.log(
      `Roster of ${rowCount.toLocaleString('en')} rows: ${(file.length / 1024).toFixed(0)} KiB .xlsx, made in ${Date.now() - made} ms. ${dialect === 'postgres' ? 'PostgreSQL' : 'SQLite'}:`,
    );

    const results: RosterBenchStep[] = [];
    const step = async (name: string, what: 'check' | 'import') => {
      const t0 = performance.now();
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/places/${community}/rosters/${what}`,
        headers: { cookie, 'content-type': 'application/octet-stream' },
        payload: file,
      });
      const ms = performance.now() - t0;
      if (res.statusCode !== 200) throw new Error(`${name}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      const body = res.json<{ counts: unknown; ok: boolean }>();
      results.push({
        step: name,
        ms: Math.round(ms),
        rowsPerSec: Math.round((rowCount / ms) * 1000),
        counts: body.counts,
      });
    };
    await step('check (new roster)', 'check');
    await step('import (new roster)', 'import');
    await step('import again (nothing changes)', 'import');

    console.log(`${'step'.padEnd(32)} ${'ms'.padStart(7)} ${'rows/s'.padStart(8)}  counts`);
    for (const r of results) {
      console.log(
        `${r.step.padEnd(32)} ${String(r.ms).padStart(7)} ${String(r.rowsPerSec).padStart(8)}  ${JSON.stringify(r.counts)}`,
      );
    }
    mkdirSync('bench/results', { recursive: true });
    const out = `bench/results/rosters-${dialect}-${stamp}.json`;
    writeFileSync(
      out,
      JSON.stringify(
        { at: new Date().toISOString(), dialect, rows: rowCount, bytes: file.length, results },
        null,
        2,
      ),
    );
    console.log(`Written to ${out}`);
    await app.close();
    return results;
  } finally {
    await drop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: { rows: { type: 'string', default: '10000' }, pg: { type: 'boolean', default: false } },
  });
  await benchRosters({ rows: Number(values.rows), pg: values.pg });
}
