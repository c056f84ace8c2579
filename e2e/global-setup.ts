import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

const ROOT = new URL('..', import.meta.url).pathname;
const WEB = join(ROOT, 'web');
const DIST = join(WEB, 'dist');

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The server's data directory: tests read the local SMS adapter's messages from its database. */
    dataDir: string;
  }
}

/** The newest modification time among the web app's sources (not its build output). */
function newestSource(): number {
  let newest = 0;
  for (const entry of readdirSync(WEB, { recursive: true, withFileTypes: true })) {
    const dir = entry.parentPath;
    if (!entry.isFile() || dir.startsWith(DIST)) continue;
    newest = Math.max(newest, statSync(join(dir, entry.name)).mtimeMs);
  }
  return newest;
}

function buildWebIfStale() {
  const built = join(DIST, 'console.html');
  if (existsSync(built) && statSync(join(DIST, 'index.html')).mtimeMs >= newestSource()) return;
  execFileSync(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
    {
      cwd: ROOT,
      stdio: 'inherit',
      // Vitest sets NODE_ENV=test, which would make React and antd build their test-mode variants.
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealth(baseUrl: string, server: ChildProcess, output: () => string) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null)
      throw new Error(`the server exited early (${server.exitCode}):\n${output()}`);
    try {
      const res = await fetch(`${baseUrl}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server did not become healthy in time:\n${output()}`);
}

/** Build the web app when needed, start the real server on a fresh database, stop it afterwards. */
export default async function setup(project: TestProject) {
  buildWebIfStale();
  const dataDir = mkdtempSync(join(tmpdir(), 'linli-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let log = '';
  const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  server.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  try {
    await waitForHealth(baseUrl, server, () => log);
  } catch (err) {
    server.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  project.provide('baseUrl', baseUrl);
  project.provide('dataDir', dataDir);

  return async () => {
    if (server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
}
