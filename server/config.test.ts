import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('loadConfig accepted a bad environment');
}

describe('loadConfig', () => {
  it('starts with no configuration at all', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      database: { kind: 'sqlite', file: './data/linli.db' },
      dataDir: './data',
      logLevel: 'info',
      seedDemo: true,
      session: { idleMinutes: 1440, absoluteDays: 30 },
      cookieSecure: 'auto',
      trustProxy: false,
      login: { maxFailuresPerAccount: 5, maxFailuresPerAddress: 20, lockSeconds: 300 },
      smsProvider: 'local',
    });
  });

  it('is frozen, all the way down', () => {
    const c = loadConfig({});
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.session)).toBe(true);
    expect(Object.isFrozen(c.login)).toBe(true);
  });

  it('parses sqlite: and postgres:// URLs', () => {
    expect(loadConfig({ DATABASE_URL: 'sqlite:/var/lib/linli/x.db' }).database).toEqual({
      kind: 'sqlite',
      file: '/var/lib/linli/x.db',
    });
    expect(loadConfig({ DATA_DIR: '/srv/linli' }).database).toEqual({
      kind: 'sqlite',
      file: '/srv/linli/linli.db',
    });
    expect(
      loadConfig({ DATABASE_URL: 'postgres://linli@db:5432/linli', PG_POOL_SIZE: '4' }).database,
    ).toEqual({
      kind: 'postgres',
      url: 'postgres://linli@db:5432/linli',
      poolSize: 4,
    });
    expect(loadConfig({ DATABASE_URL: 'postgresql://linli@db/linli' }).database).toMatchObject({
      kind: 'postgres',
      poolSize: 10,
    });
  });

  it('reads numbers and switches', () => {
    const c = loadConfig({
      PORT: '8080',
      TRUST_PROXY: 'true',
      SEED_DEMO: 'never',
      SESSION_IDLE_MINUTES: '30',
    });
    expect(c.port).toBe(8080);
    expect(c.trustProxy).toBe(true);
    expect(c.seedDemo).toBe(false);
    expect(c.session.idleMinutes).toBe(30);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['PORT', '80.5'],
    ['DATABASE_URL', 'mysql://root@localhost/linli'],
    ['DATABASE_URL', '/var/lib/linli.db'],
    ['LOG_LEVEL', 'loud'],
    ['SESSION_IDLE_MINUTES', '0'],
    ['COOKIE_SECURE', 'yes'],
  ])('refuses %s=%s with one line naming the variable', (name, value) => {
    const err = configError({ [name]: value });
    expect(err.message).toContain(name);
    expect(err.message).toContain(value);
    expect(err.message).not.toContain('\n');
  });

  it('treats an empty variable as unset, not as zero', () => {
    // `PORT=` in an env file must not mean "listen on a random port".
    expect(loadConfig({ PORT: '' }).port).toBe(3000);
    expect(loadConfig({ SESSION_IDLE_MINUTES: '', DATABASE_URL: '' }).session.idleMinutes).toBe(1440);
  });

  it('does not echo a database password in the error', () => {
    const err = configError({ DATABASE_URL: 'mysql://root:s3cret@db/linli' });
    expect(err.message).toContain('DATABASE_URL');
    expect(err.message).not.toContain('s3cret');
  });
});
