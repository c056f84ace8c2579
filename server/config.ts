import { z } from 'zod';

/** Every environment variable Linli reads. The README lists the same table. */
const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .default('')
    .refine((v) => v === '' || v.startsWith('sqlite:') || /^postgres(ql)?:\/\//.test(v), {
      message: 'use sqlite:/path/to/file.db or postgres://user@host:port/db (or leave it unset)',
    }),
  DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_DEMO: z.enum(['auto', 'never']).default('auto'),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 30)
    .default(60 * 24),
  SESSION_ABSOLUTE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  COOKIE_SECURE: z.enum(['auto', 'always', 'never']).default('auto'),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(20),
  LOGIN_LOCK_SECONDS: z.coerce.number().int().min(1).default(300),
  SMS_PROVIDER: z.enum(['local']).default('local'),
  PG_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  NOTIFY_CHANNELS: z
    .string()
    .default('sms,wechat')
    .transform((v) => [
      ...new Set(
        v
          .split(',')
          .map((c) => c.trim())
          .filter((c) => c !== ''),
      ),
    ])
    .pipe(z.array(z.enum(['sms', 'wechat', 'email']))),
  JOBS_POLL_MS: z.coerce.number().int().min(100).max(600_000).default(2000),
});

export type Config = Readonly<{
  port: number;
  host: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; poolSize: number };
  dataDir: string;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  seedDemo: boolean;
  session: Readonly<{ idleMinutes: number; absoluteDays: number }>;
  cookieSecure: 'auto' | 'always' | 'never';
  trustProxy: boolean;
  rateLimitPerMinute: number;
  login: Readonly<{ maxFailuresPerAccount: number; maxFailuresPerAddress: number; lockSeconds: number }>;
  smsProvider: 'local';
  /** Channels that carry alerts besides the inbox (urgent needs, escalations, follow-ups due). */
  notifyChannels: readonly ('sms' | 'wechat' | 'email')[];
  /** How often the job worker looks for due jobs. */
  jobsPollMs: number;
}>;

export class ConfigError extends Error {}

/** Parse the environment once. A bad value throws one line naming the variable and what it wants. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // `PORT=` in an env file means "not set", not 0.
  const set = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = Env.safeParse(set);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    // A database URL may carry a password; the message goes to the console and to logs.
    const shown = (set[name] ?? '').replace(/(\/\/[^:@/]*):[^@/]*@/, '$1:***@');
    throw new ConfigError(`Invalid ${name}=${JSON.stringify(shown)}: ${issue?.message ?? 'invalid'}`);
  }
  const e = parsed.data;
  const database: Config['database'] = e.DATABASE_URL.startsWith('postgres')
    ? { kind: 'postgres', url: e.DATABASE_URL, poolSize: e.PG_POOL_SIZE }
    : {
        kind: 'sqlite',
        file: e.DATABASE_URL ? e.DATABASE_URL.slice('sqlite:'.length) : `${e.DATA_DIR}/linli.db`,
      };
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    database,
    dataDir: e.DATA_DIR,
    logLevel: e.LOG_LEVEL,
    seedDemo: e.SEED_DEMO === 'auto',
    session: Object.freeze({ idleMinutes: e.SESSION_IDLE_MINUTES, absoluteDays: e.SESSION_ABSOLUTE_DAYS }),
    cookieSecure: e.COOKIE_SECURE,
    trustProxy: e.TRUST_PROXY === 'true',
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    login: Object.freeze({
      maxFailuresPerAccount: e.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      maxFailuresPerAddress: e.LOGIN_MAX_FAILURES_PER_ADDRESS,
      lockSeconds: e.LOGIN_LOCK_SECONDS,
    }),
    smsProvider: e.SMS_PROVIDER,
    notifyChannels: Object.freeze(e.NOTIFY_CHANNELS),
    jobsPollMs: e.JOBS_POLL_MS,
  });
}
