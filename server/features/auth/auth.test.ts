import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, logIn, sessionCookieOf, startApp, type TestApp } from '../../test/harness.js';

describe('auth', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ demo: true });
  });
  afterAll(() => t.close());

  it('logs in a demo account by username and answers /me with its roles', async () => {
    const staff = await logIn(t.app, 'staff.xinjing');
    const me = await staff.get('/api/v1/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ displayName: '陈晓燕', roles: [{ role: 'community_staff', placeName: '新景社区' }] });
  });

  it('refuses a wrong password with 401 and a code, without saying which part was wrong', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'staff.xinjing', password: 'nope12345' } });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: { code: 'INVALID_CREDENTIALS', message: expect.any(String) } });
    const unknown = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'nobody', password: 'nope12345' } });
    expect(unknown.json()).toEqual(res.json());
  });

  it('signs up with a phone number, sets an HttpOnly SameSite=Lax cookie, and logs out on the server', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { phone: '13912345678', password: 'abc12345', displayName: '新邻居' },
    });
    expect(res.statusCode).toBe(201);
    const set = String(res.headers['set-cookie']);
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/SameSite=Lax/i);
    const c = client(t.app, sessionCookieOf(res));
    expect((await c.get('/api/v1/me')).statusCode).toBe(200);
    expect((await c.post('/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await c.get('/api/v1/me')).statusCode).toBe(401);
  });
});
