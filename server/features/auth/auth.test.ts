import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, uniquePhone } from '../../test/factories.js';
import {
  client,
  logIn,
  sessionCookieOf,
  startApp,
  type TestApp,
  errorOf,
  anyString,
} from '../../test/harness.js';

describe('auth', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ demo: true });
  });
  afterAll(() => t.close());

  /** Each test logs in from its own address so the per-address throttle of one test does not reach another. */
  let lastAddress = 0;
  const newAddress = () => `10.0.0.${++lastAddress}`;

  const post = (url: string, payload: object, remoteAddress = '127.0.0.1', cookie?: string) =>
    t.app.inject({ method: 'POST', url, payload, remoteAddress, ...(cookie ? { headers: { cookie } } : {}) });
  const logInRaw = (login: string, password: string, remoteAddress?: string) =>
    post('/api/v1/auth/login', { login, password }, remoteAddress);

  /** The last code the local SMS adapter recorded for a phone, or undefined when none was sent. */
  async function lastSmsCode(phone: string): Promise<string | undefined> {
    const row = await t.db.kysely
      .selectFrom('channel_messages')
      .select(['body'])
      .where('channel', '=', 'sms')
      .where('recipient', '=', phone)
      .orderBy('id', 'desc')
      .executeTakeFirst();
    return row ? /(\d{6})/.exec(row.body)?.[1] : undefined;
  }

  async function signUp(phone = uniquePhone(), password = 'abc12345') {
    const res = await post('/api/v1/auth/signup', { phone, password, displayName: '新邻居' });
    expect(res.statusCode).toBe(201);
    return { phone, password, c: client(t.app, sessionCookieOf(res)), me: res.json<{ id: string }>() };
  }

  it('logs in a demo account by username and answers /me with its roles', async () => {
    const staff = await logIn(t.app, 'staff.xinjing');
    const me = await staff.get('/api/v1/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      displayName: '陈晓燕',
      roles: [{ role: 'community_staff', placeName: '新景社区' }],
    });
  });

  it('logs in by phone number as well as by username', async () => {
    const res = await logInRaw('13800000004', 'linli2026', newAddress());
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      username: 'staff.xinjing',
      phone: '13800000004',
      phoneVerified: true,
    });
    expect((await logInRaw('STAFF.XINJING', 'linli2026', newAddress())).statusCode).toBe(200);
  });

  it('refuses a wrong password with 401 and a code, without saying which part was wrong', async () => {
    const ip = newAddress();
    const res = await logInRaw('staff.xinjing', 'nope12345', ip);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: { code: 'INVALID_CREDENTIALS', message: anyString } });
    const unknown = await logInRaw('nobody', 'nope12345', ip);
    expect(unknown.json()).toEqual(res.json());
    expect((await logIn(t.app, 'staff.xinjing')).cookie).toMatch(/^linli_session=/);
  });

  describe('sign-up', () => {
    it('signs up with a phone number, sets an HttpOnly SameSite=Lax cookie, and logs out on the server', async () => {
      const res = await post('/api/v1/auth/signup', {
        phone: '13912345678',
        password: 'abc12345',
        displayName: '新邻居',
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ phone: '13912345678', phoneVerified: false, roles: [] });
      const set = String(res.headers['set-cookie']);
      expect(set).toMatch(/HttpOnly/i);
      expect(set).toMatch(/SameSite=Lax/i);
      const c = client(t.app, sessionCookieOf(res));
      expect((await c.get('/api/v1/me')).statusCode).toBe(200);
      expect((await c.post('/api/v1/auth/logout')).statusCode).toBe(204);
      expect((await c.get('/api/v1/me')).statusCode).toBe(401);
    });

    it('refuses a bad phone number with 400 VALIDATION_FAILED and the field that is wrong', async () => {
      const res = await post('/api/v1/auth/signup', {
        phone: '12345',
        password: 'abc12345',
        displayName: '新邻居',
      });
      expect(res.statusCode).toBe(400);
      const body = res.json<{ error: { code: string; details: { path: string; message: string }[] } }>();
      expect(body.error.code).toBe('VALIDATION_FAILED');
      expect(body.error.details).toContainEqual({ path: 'body.phone', message: anyString });
    });

    it('refuses missing fields and an empty display name', async () => {
      const res = await post('/api/v1/auth/signup', {
        phone: uniquePhone(),
        password: 'abc12345',
        displayName: '   ',
      });
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).details).toContainEqual(expect.objectContaining({ path: 'body.displayName' }));
      const empty = await post('/api/v1/auth/signup', {});
      expect(empty.statusCode).toBe(400);
      expect(
        errorOf(empty)
          .details?.map((d) => d.path)
          .sort(),
      ).toEqual(['body.displayName', 'body.password', 'body.phone']);
    });

    it('refuses a weak password with 422 WEAK_PASSWORD', async () => {
      for (const password of ['abc', 'abcdefgh', '12345678']) {
        const res = await post('/api/v1/auth/signup', {
          phone: uniquePhone(),
          password,
          displayName: '新邻居',
        });
        expect(res.statusCode).toBe(422);
        expect(errorOf(res).code).toBe('WEAK_PASSWORD');
      }
    });

    it('refuses a phone number that already has an account with 409 PHONE_TAKEN', async () => {
      const res = await post('/api/v1/auth/signup', {
        phone: '13800000004',
        password: 'abc12345',
        displayName: '冒名',
      });
      expect(res.statusCode).toBe(409);
      expect(errorOf(res).code).toBe('PHONE_TAKEN');
      expect(res.headers['set-cookie']).toBeUndefined();
    });

    it('lets only one of two racing sign-ups for one number through', async () => {
      const phone = uniquePhone();
      const body = { phone, password: 'abc12345', displayName: '并发' };
      const codes = (
        await Promise.all([post('/api/v1/auth/signup', body), post('/api/v1/auth/signup', body)])
      )
        .map((r) => r.statusCode)
        .sort();
      expect(codes).toEqual([201, 409]);
    });
  });

  describe('throttling', () => {
    it('locks an account after a burst of wrong passwords, even against the right one, until the lock ends', async () => {
      const user = await buildUser(t.db);
      const ip = newAddress();
      for (let i = 0; i < 5; i++)
        expect((await logInRaw(user.username!, 'wrong-pass1', ip)).statusCode).toBe(401);

      const locked = await logInRaw(user.username!, 'wrong-pass1', ip);
      expect(locked.statusCode).toBe(429);
      expect(locked.json()).toEqual({ error: { code: 'RATE_LIMITED', message: anyString } });
      const retryAfter = Number(locked.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(300);

      // The right password from somewhere else is refused too: the lock is on the account.
      expect((await logInRaw(user.username!, user.password, newAddress())).statusCode).toBe(429);

      t.clock.advance(retryAfter + 1);
      expect((await logInRaw(user.username!, user.password, ip)).statusCode).toBe(200);
    });

    it('holds the lock whichever name the account is logged in by', async () => {
      const user = await buildUser(t.db);
      for (let i = 0; i < 5; i++) await logInRaw(user.username!, 'wrong-pass1', newAddress());
      expect((await logInRaw(user.phone!, user.password, newAddress())).statusCode).toBe(429);
      expect((await logInRaw(user.username!.toUpperCase(), user.password, newAddress())).statusCode).toBe(
        429,
      );
      t.clock.advance(301);
      expect((await logInRaw(user.phone!, user.password, newAddress())).statusCode).toBe(200);
    });

    it('throttles one address trying many accounts, and leaves other addresses alone', async () => {
      const ip = newAddress();
      const victim = await buildUser(t.db);
      for (let i = 0; i < 20; i++) {
        expect((await logInRaw(`guess${i}`, 'wrong-pass1', ip)).statusCode).toBe(401);
      }
      const res = await logInRaw(victim.username!, victim.password, ip);
      expect(res.statusCode).toBe(429);
      expect(res.headers['retry-after']).toBeDefined();
      expect((await logInRaw(victim.username!, victim.password, newAddress())).statusCode).toBe(200);
      t.clock.advance(301);
      expect((await logInRaw(victim.username!, victim.password, ip)).statusCode).toBe(200);
    });
  });

  describe('SMS codes', () => {
    it('logs in with a code sent to a verified phone; the code works once; a wrong one is 401 INVALID_CODE', async () => {
      const phone = '13800000014'; // resident, verified
      const ip = newAddress();
      const sent = await post('/api/v1/auth/sms/code', { phone }, ip);
      expect(sent.statusCode).toBe(202);
      expect(sent.json()).toEqual({ sent: true, expiresInSeconds: 300, resendAfterSeconds: 60 });
      const code = await lastSmsCode(phone);
      expect(code).toMatch(/^\d{6}$/);

      const wrong = await post(
        '/api/v1/auth/sms/login',
        { phone, code: code === '000000' ? '111111' : '000000' },
        ip,
      );
      expect(wrong.statusCode).toBe(401);
      expect(errorOf(wrong).code).toBe('INVALID_CODE');

      const ok = await post('/api/v1/auth/sms/login', { phone, code }, ip);
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ username: 'resident', phone });
      expect((await client(t.app, sessionCookieOf(ok)).get('/api/v1/me')).statusCode).toBe(200);

      const again = await post('/api/v1/auth/sms/login', { phone, code }, ip);
      expect(again.statusCode).toBe(401);
      expect(errorOf(again).code).toBe('INVALID_CODE');
    });

    it('refuses a resend within 60 seconds with 429 and Retry-After, and sends again after', async () => {
      const phone = '13800000011';
      expect((await post('/api/v1/auth/sms/code', { phone })).statusCode).toBe(202);
      const first = await lastSmsCode(phone);
      t.clock.advance(30);
      const res = await post('/api/v1/auth/sms/code', { phone });
      expect(res.statusCode).toBe(429);
      expect(errorOf(res).code).toBe('RATE_LIMITED');
      expect(Number(res.headers['retry-after'])).toBe(30);
      t.clock.advance(31);
      expect((await post('/api/v1/auth/sms/code', { phone })).statusCode).toBe(202);
      expect(await lastSmsCode(phone)).toBeDefined();
      const count = await t.db.kysely
        .selectFrom('channel_messages')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('recipient', '=', phone)
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(2);
      expect(first).toBeDefined();
    });

    it('sends nothing to an unverified or unknown number, with the same 202 answer', async () => {
      const { phone } = await signUp();
      const known = await post('/api/v1/auth/sms/code', { phone });
      const unknown = await post('/api/v1/auth/sms/code', { phone: uniquePhone() });
      expect(known.statusCode).toBe(202);
      expect(unknown.statusCode).toBe(202);
      expect(known.json()).toEqual(unknown.json());
      expect(await lastSmsCode(phone)).toBeUndefined();
    });

    it('refuses a code after it expires', async () => {
      const phone = '13800000010';
      await post('/api/v1/auth/sms/code', { phone });
      const code = await lastSmsCode(phone);
      t.clock.advance(301);
      const res = await post('/api/v1/auth/sms/login', { phone, code }, newAddress());
      expect(res.statusCode).toBe(401);
      expect(errorOf(res).code).toBe('INVALID_CODE');
    });
  });

  it('verifies a new account’s phone with a code, after which SMS log-in works', async () => {
    const { phone, c } = await signUp();
    const sent = await c.post('/api/v1/auth/phone/code');
    expect(sent.statusCode).toBe(202);
    const code = await lastSmsCode(phone);
    expect(code).toMatch(/^\d{6}$/);

    const wrong = await c.post('/api/v1/auth/phone/verify', {
      code: code === '000000' ? '111111' : '000000',
    });
    expect(wrong.statusCode).toBe(401);
    expect(errorOf(wrong).code).toBe('INVALID_CODE');
    expect((await c.get('/api/v1/me')).json<{ phoneVerified: boolean }>().phoneVerified).toBe(false);

    const ok = await c.post('/api/v1/auth/phone/verify', { code });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<{ phoneVerified: boolean }>().phoneVerified).toBe(true);

    t.clock.advance(61);
    expect((await post('/api/v1/auth/sms/code', { phone })).statusCode).toBe(202);
    const loginCode = await lastSmsCode(phone);
    expect(loginCode).not.toBe(code);
    expect((await post('/api/v1/auth/sms/login', { phone, code: loginCode }, newAddress())).statusCode).toBe(
      200,
    );
  });

  it('refuses phone verification without a session', async () => {
    const res = await post('/api/v1/auth/phone/code', {});
    expect(res.statusCode).toBe(401);
    expect(errorOf(res).code).toBe('UNAUTHENTICATED');
  });

  describe('sessions', () => {
    it('ends every other session on a password change and hands the caller a new cookie', async () => {
      const { phone, password, c: first } = await signUp();
      const second = client(t.app, sessionCookieOf(await logInRaw(phone, password, newAddress())));

      const wrong = await first.post('/api/v1/auth/password', {
        currentPassword: 'not-it-123',
        newPassword: 'xyz98765',
      });
      expect(wrong.statusCode).toBe(400);
      expect(errorOf(wrong).code).toBe('VALIDATION_FAILED');
      const weak = await first.post('/api/v1/auth/password', {
        currentPassword: password,
        newPassword: 'short',
      });
      expect(weak.statusCode).toBe(422);
      expect(errorOf(weak).code).toBe('WEAK_PASSWORD');
      expect((await second.get('/api/v1/me')).statusCode).toBe(200);

      const res = await first.post('/api/v1/auth/password', {
        currentPassword: password,
        newPassword: 'xyz98765',
      });
      expect(res.statusCode).toBe(200);
      const renewed = client(t.app, sessionCookieOf(res));
      expect(renewed.cookie).not.toBe(first.cookie);
      expect((await first.get('/api/v1/me')).statusCode).toBe(401);
      expect((await second.get('/api/v1/me')).statusCode).toBe(401);
      expect((await renewed.get('/api/v1/me')).statusCode).toBe(200);

      const ip = newAddress();
      expect((await logInRaw(phone, password, ip)).statusCode).toBe(401);
      expect((await logInRaw(phone, 'xyz98765', ip)).statusCode).toBe(200);
    });

    it('ends a session left idle longer than SESSION_IDLE_MINUTES, and keeps one in use', async () => {
      const { c } = await signUp();
      t.clock.advance(23 * 3600);
      expect((await c.get('/api/v1/me')).statusCode).toBe(200);
      t.clock.advance(23 * 3600);
      expect((await c.get('/api/v1/me')).statusCode).toBe(200);
      t.clock.advance(24 * 3600 + 60);
      const res = await c.get('/api/v1/me');
      expect(res.statusCode).toBe(401);
      expect(String(res.headers['set-cookie'])).toMatch(/linli_session=;/);
      // It stays ended even though the last try counted as activity.
      expect((await c.get('/api/v1/me')).statusCode).toBe(401);
    });

    it('ends a session after SESSION_ABSOLUTE_DAYS however busy it is', async () => {
      const { c } = await signUp();
      for (let hours = 0; hours < 30 * 24 - 12; hours += 12) {
        t.clock.advance(12 * 3600);
        expect((await c.get('/api/v1/me')).statusCode).toBe(200);
      }
      t.clock.advance(12 * 3600 + 1);
      expect((await c.get('/api/v1/me')).statusCode).toBe(401);
    });

    it('issues a new session token at every log-in, even to a caller who brings one', async () => {
      const user = await buildUser(t.db);
      const a = sessionCookieOf(await logInRaw(user.username!, user.password, newAddress()));
      const b = sessionCookieOf(await logInRaw(user.username!, user.password, newAddress()));
      expect(a).not.toBe(b);
      const fixed = await post(
        '/api/v1/auth/login',
        { login: user.username, password: user.password },
        newAddress(),
        a,
      );
      expect(sessionCookieOf(fixed)).not.toBe(a);
      expect(sessionCookieOf(fixed)).not.toBe(b);
    });

    it('ends the session on the server at log-out, and stores only a hash of the token', async () => {
      const user = await buildUser(t.db);
      const c = client(t.app, sessionCookieOf(await logInRaw(user.username!, user.password, newAddress())));
      const token = c.cookie.split('=')[1]!;
      const rows = await t.db.kysely
        .selectFrom('sessions')
        .select('id')
        .where('user_id', '=', user.id)
        .execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]!.id).not.toBe(token);

      expect((await c.post('/api/v1/auth/logout')).statusCode).toBe(204);
      expect(
        await t.db.kysely.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute(),
      ).toHaveLength(0);
      expect((await c.get('/api/v1/me')).statusCode).toBe(401);
      // Logging out without a session is harmless.
      expect((await client(t.app).post('/api/v1/auth/logout')).statusCode).toBe(204);
    });

    it('treats a forged or oversized cookie as no session', async () => {
      for (const cookie of ['linli_session=forged', `linli_session=${'x'.repeat(500)}`]) {
        const res = await client(t.app, cookie).get('/api/v1/me');
        expect(res.statusCode).toBe(401);
        expect(errorOf(res).code).toBe('UNAUTHENTICATED');
      }
    });
  });
});
