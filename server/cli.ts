import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { decideAccess } from '../domain/access.js';
import { isStrongPassword, USERNAME_PATTERN } from '../domain/limits.js';
import type { PlaceKind } from '../domain/places.js';
import type { Permission, Role } from '../domain/roles.js';
import { ConfigError, loadConfig } from './config.js';
import { createDb, type Db, migrate } from './db/index.js';
import { findGrantsOfUser, findUserByLogin, insertUser } from './features/auth/auth.repository.js';
import { findPlace } from './features/places/places.repository.js';
import { issueKeyFromCli } from './features/open311/open311.service.js';
import { checkRoster, exportRoster, importRoster } from './features/rosters/rosters.service.js';
import type { Actor } from './lib/http.js';
import { ensureGrant } from './features/grants/grants.service.js';
import { newId } from './lib/ids.js';
import { hashPassword } from './lib/passwords.js';
import { DEMO_PASSWORD, demoAccounts, isEmpty, seedDemo } from './seed/demo.js';
import { generateDistrict } from './seed/generate.js';
import { generateNeeds } from './seed/generate-needs.js';

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  migrate                          run pending database migrations
  seed-demo                        create the demo district (only into an empty database)
  create-admin --login NAME [--password PW] [--name DISPLAY]
                                   create a system administrator (prints a password when none is given)
  generate --residents N [--needs M]
                                   add a synthetic district of about N residents (and M needs) for load tests
  demo-accounts [--json]           list the demo log-ins: [{login, password, role, placeId}]
  import-roster --as LOGIN --place COMMUNITY_ID --file F.xlsx|F.csv [--check]
                                   check, then import a roster into a community, all or nothing
  export-roster --as LOGIN --place PLACE_ID --file F.xlsx|F.csv [--lang zh-CN|en]
                                   export a roster in the import's format
  open311-key --name NAME [--district ID]
                                   issue an Open311 API key to a partner app; prints the key as the last line
  (rosters act as the account named by --as, with its roles, and are audited as that account)

The database is the one DATABASE_URL names (default: the embedded SQLite file under ./data/).`;

class UsageError extends Error {}

/** The account named by --as, with its grants, allowed `permission` on the place named by --place. */
async function actAs(db: Db, values: Record<string, string | boolean | undefined>, permission: Permission) {
  const user = await findUserByLogin(db.kysely, String(values.as ?? ''));
  if (!user) throw new UsageError('--as must name an existing account (its roles decide what it may do)');
  const place = await findPlace(db.kysely, String(values.place ?? ''));
  if (!place)
    throw new UsageError('--place must be the id of a place (see the console or demo-accounts --json)');
  const grants = (await findGrantsOfUser(db.kysely, user.id)).map((g) => ({
    id: g.id,
    role: g.role as Role,
    placeId: g.place_id,
    placePath: g.path ?? null,
    placeName: g.name ?? null,
    placeKind: (g.kind as PlaceKind | null) ?? null,
    communityId: g.community_id,
  }));
  if (decideAccess(grants, permission, place.path) !== 'allow') {
    throw new UsageError(`${user.username ?? user.id} may not do this at ${place.name}.`);
  }
  const actor: Actor = {
    caller: { userId: user.id, sessionId: 'cli', displayName: user.display_name, grants },
    ip: null,
    now: new Date().toISOString(),
  };
  return { actor, place };
}

async function run(db: Db, command: string, values: Record<string, string | boolean | undefined>) {
  switch (command) {
    case 'migrate': {
      const done = await migrate(db);
      console.log(done.length ? `Applied: ${done.join(', ')}` : 'Already up to date.');
      return;
    }
    case 'seed-demo': {
      await migrate(db);
      if (!(await isEmpty(db)))
        throw new UsageError(
          'The database already has places; the demo district goes only into an empty one.',
        );
      await seedDemo(db);
      console.log(`Demo district created. Every demo account's password: ${DEMO_PASSWORD}`);
      return;
    }
    case 'create-admin': {
      await migrate(db);
      const login = String(values.login ?? '').toLowerCase();
      if (!USERNAME_PATTERN.test(login))
        throw new UsageError('--login must be 3–32 characters: a letter, then letters, digits, . _ or -');
      const generated = values.password === undefined;
      const password = generated ? randomBytes(12).toString('base64url') + '7a' : String(values.password);
      if (!isStrongPassword(password))
        throw new UsageError('--password needs at least 8 characters with letters and digits');
      if (await findUserByLogin(db.kysely, login))
        throw new UsageError(`An account named ${login} already exists.`);
      const now = new Date().toISOString();
      const id = newId();
      const passwordHash = await hashPassword(password);
      await db.kysely.transaction().execute(async (trx) => {
        await insertUser(trx, {
          id,
          username: login,
          phone: null,
          phoneVerifiedAt: null,
          displayName: String(values.name ?? login),
          passwordHash,
          now,
        });
        await ensureGrant(trx, { userId: id, role: 'system_admin', place: null, by: null, now });
      });
      console.log(`System administrator ${login} created.${generated ? ` Password: ${password}` : ''}`);
      return;
    }
    case 'generate': {
      await migrate(db);
      const residents = Number(values.residents);
      if (!Number.isInteger(residents) || residents < 1 || residents > 10_000_000) {
        throw new UsageError('--residents must be a whole number from 1 to 10,000,000');
      }
      let lastShown = 0;
      const r = await generateDistrict(db, {
        residents,
        password: DEMO_PASSWORD,
        onProgress: (done, total) => {
          if (done - lastShown >= total / 20 || done === total) {
            lastShown = done;
            process.stdout.write(
              `\r  ${done.toLocaleString('en')} / ${total.toLocaleString('en')} residents`,
            );
          }
        },
      });
      console.log(
        `\nGenerated district ${r.districtId}: ${r.streets} streets, ${r.communities} communities, ${r.places.toLocaleString('en')} places, ${r.residents.toLocaleString('en')} residents in ${r.seconds.toFixed(1)} s (${Math.round(r.residents / r.seconds).toLocaleString('en')} residents/s).`,
      );
      if (values.needs !== undefined) {
        const needs = Number(values.needs);
        if (!Number.isInteger(needs) || needs < 0 || needs > 100_000_000) {
          throw new UsageError('--needs must be a whole number from 0 to 100,000,000');
        }
        const n = await generateNeeds(db, { districtId: r.districtId, needs, password: DEMO_PASSWORD });
        console.log(
          `Generated ${n.needs.toLocaleString('en')} needs in ${n.seconds.toFixed(1)} s; volunteers log in as ${n.volunteers[0]?.login ?? '-'} … (password ${DEMO_PASSWORD}).`,
        );
      }
      return;
    }
    case 'demo-accounts': {
      const accounts = (await demoAccounts(db)).map(({ login, password, role, placeId }) => ({
        login,
        password,
        role,
        placeId,
      }));
      if (values.json) console.log(JSON.stringify(accounts, null, 2));
      else
        for (const a of accounts)
          console.log(`${a.login.padEnd(18)} ${a.password}  ${a.role.padEnd(17)} ${a.placeId ?? '(all)'}`);
      return;
    }
    case 'import-roster':
    case 'export-roster': {
      const { actor, place } = await actAs(
        db,
        values,
        command === 'import-roster' ? 'rosters.manage' : 'people.read',
      );
      const file = String(values.file ?? '');
      const format = file.endsWith('.csv') ? 'csv' : file.endsWith('.xlsx') ? 'xlsx' : null;
      if (!format) throw new UsageError('--file must name a .xlsx or .csv file');
      if (command === 'export-roster') {
        const lang = values.lang === 'en' ? 'en' : 'zh-CN';
        const out = await db.kysely
          .transaction()
          .execute((trx) => exportRoster(trx, actor, place, format, lang));
        writeFileSync(file, out.bytes);
        console.log(`Wrote ${file} (${out.bytes.length.toLocaleString('en')} bytes).`);
        return;
      }
      const bytes = readFileSync(file);
      const report = await checkRoster(db.kysely, place, bytes, actor.now);
      for (const e of report.errors)
        console.log(`  row ${e.row}${e.column ? `, ${e.column}` : ''}: ${e.problem}`);
      console.log(
        `Checked ${report.rows} rows: ${JSON.stringify(report.counts)}${report.errorCount ? `, ${report.errorCount} problem(s)` : ''}`,
      );
      if (!report.ok) throw new UsageError('Nothing was imported: fix the rows above and run again.');
      if (values.check) return;
      const done = await db.kysely.transaction().execute((trx) => importRoster(trx, actor, place, bytes));
      console.log(`Imported: ${JSON.stringify(done.counts)}`);
      return;
    }
    case 'open311-key': {
      await migrate(db);
      const r = await issueKeyFromCli(db.kysely, {
        name: String(values.name ?? ''),
        districtId: typeof values.district === 'string' ? values.district : undefined,
        now: new Date().toISOString(),
      });
      if (!r.ok) throw new UsageError(r.problem);
      console.log(
        `Open311 key ${r.key.id} "${r.key.name}" for ${r.districtName} (jurisdiction_id ${r.key.districtId}). Only its hash is kept: store it now.`,
      );
      console.log(r.key.key);
      return;
    }
    default:
      throw new UsageError(command ? `Unknown command: ${command}\n\n${USAGE}` : USAGE);
  }
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      login: { type: 'string' },
      password: { type: 'string' },
      name: { type: 'string' },
      district: { type: 'string' },
      residents: { type: 'string' },
      needs: { type: 'string' },
      json: { type: 'boolean' },
      as: { type: 'string' },
      place: { type: 'string' },
      file: { type: 'string' },
      lang: { type: 'string' },
      check: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals.length === 0) {
    console.log(USAGE);
    return;
  }
  const db = createDb(loadConfig().database);
  try {
    await run(db, positionals[0]!, values);
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  if (
    err instanceof UsageError ||
    err instanceof ConfigError ||
    (err instanceof TypeError && 'code' in err)
  ) {
    console.error(`linli: ${err.message}`);
    process.exit(2);
  }
  console.error('linli:', err);
  process.exit(1);
});
