import { hostname } from 'node:os';
import { buildApp } from './app.js';
import { ConfigError, type Config, loadConfig } from './config.js';
import { createDb, migrate } from './db/index.js';
import { JOB_HANDLERS } from './features/notifications/notifications.jobs.js';
import { newId } from './lib/ids.js';
import { startJobWorker } from './lib/jobs.js';
import { demoAccounts, isEmpty, seedDemo } from './seed/demo.js';

function describeDb(config: Config): string {
  return config.database.kind === 'sqlite'
    ? `SQLite ${config.database.file}`
    : `PostgreSQL ${config.database.url.replace(/\/\/[^@]*@/, '//***@')}`;
}

async function main() {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`linli: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  const db = createDb(config.database);
  await migrate(db);
  const seeded = config.seedDemo && (await isEmpty(db));
  if (seeded) await seedDemo(db);

  const app = await buildApp(config, { db });
  // Stored jobs (the ladder, auto-confirmation, reminders, channel messages): every instance polls;
  // each job still runs once (lib/jobs.ts).
  const worker = startJobWorker(app.deps, JOB_HANDLERS, {
    pollMs: config.jobsPollMs,
    instanceId: `${hostname()}:${process.pid}:${newId().slice(-6)}`,
    log: app.log,
  });
  const close = async () => {
    await worker.stop();
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void close());
  process.once('SIGTERM', () => void close());

  await app.listen({ port: config.port, host: config.host });
  const base = `http://localhost:${config.port}`;
  const lines = [
    '',
    `Linli is running on ${describeDb(config)}${seeded ? ' (demo district created)' : ''}`,
    `  resident app   ${base}/`,
    `  staff console  ${base}/console`,
    `  API docs       ${base}/docs   (OpenAPI: ${base}/openapi.json)`,
  ];
  const accounts = await demoAccounts(db);
  if (accounts.length > 0) {
    lines.push('', `Demo log-ins (password for all: ${accounts[0]!.password})`);
    for (const a of accounts) lines.push(`  ${a.login.padEnd(18)} ${a.role.padEnd(17)} ${a.placePath}`);
    lines.push(
      `  ${'newcomer'.padEnd(18)} ${'(no role yet)'.padEnd(17)} waiting for approval of 颐景名苑 1幢 102室`,
    );
  }
  console.log(lines.join('\n') + '\n');
}

main().catch((err: unknown) => {
  console.error('linli: failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
