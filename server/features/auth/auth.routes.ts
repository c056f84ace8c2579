import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  LoginBody,
  Me,
  PasswordChangeBody,
  PhoneVerifyBody,
  SignupBody,
  SmsCodeRequestBody,
  SmsLoginBody,
  SmsRequested,
} from '../../../domain/contracts/auth.js';
import { ErrorBody } from '../../../domain/contracts/common.js';
import { AppError } from '../../../domain/errors.js';
import { maskPhone } from '../../../domain/privacy.js';
import type { Deps } from '../../deps.js';
import { clearSessionCookie, requireCaller, SESSION_COOKIE } from '../../plugins/access.js';
import { deleteSession, findUserById } from './auth.repository.js';
import * as service from './auth.service.js';

const tags = ['auth'];
const errors = { 400: ErrorBody, 401: ErrorBody, 409: ErrorBody, 422: ErrorBody, 429: ErrorBody };

export function authRoutes({ db, clock, config, channels }: Deps): FastifyPluginAsyncZod {
  const k = db.kysely;

  async function signIn(request: FastifyRequest, reply: FastifyReply, userId: string) {
    const token = await service.startSession(k, clock, config, userId, request.ip);
    const secure =
      config.cookieSecure === 'always' || (config.cookieSecure === 'auto' && request.protocol === 'https');
    void reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure,
      maxAge: config.session.absoluteDays * 86_400,
    });
    request.log.info({ event: 'auth.login', userId }, 'logged in');
    return service.meOf(k, userId);
  }

  return async (app) => {
    app.post('/api/v1/auth/signup', {
      config: { access: 'public' },
      schema: {
        operationId: 'signUp',
        tags,
        summary: 'Create an account with a phone number and password, and log in',
        body: SignupBody,
        response: { 201: Me, ...errors },
      },
      handler: async (req, reply) => {
        const userId = await service.signUp(k, clock, req.body);
        const me = await signIn(req, reply, userId);
        return reply.status(201).send(me);
      },
    });

    app.post('/api/v1/auth/login', {
      config: { access: 'public' },
      schema: {
        operationId: 'logIn',
        tags,
        summary: 'Log in with a phone number or username and a password',
        body: LoginBody,
        response: { 200: Me, ...errors },
      },
      handler: async (req, reply) => {
        try {
          const user = await service.logInWithPassword(k, clock, config, { ...req.body, ip: req.ip });
          return await signIn(req, reply, user.id);
        } catch (err) {
          if (err instanceof AppError) {
            const login = /^\d+$/.test(req.body.login) ? maskPhone(req.body.login) : req.body.login;
            req.log.warn({ event: 'auth.login_failed', login, code: err.code }, 'log-in refused');
          }
          throw err;
        }
      },
    });

    app.post('/api/v1/auth/logout', {
      config: { access: 'public' },
      schema: {
        operationId: 'logOut',
        tags,
        summary: 'End the current session',
        response: { 204: z.null() },
      },
      handler: async (req, reply) => {
        if (req.caller) await deleteSession(k, req.caller.sessionId);
        clearSessionCookie(reply);
        return reply.status(204).send(null);
      },
    });

    app.post('/api/v1/auth/sms/code', {
      config: { access: 'public' },
      schema: {
        operationId: 'requestSmsLoginCode',
        tags,
        summary: 'Send a one-time log-in code to a verified phone number',
        body: SmsCodeRequestBody,
        response: { 202: SmsRequested, ...errors },
      },
      handler: async (req, reply) => {
        const r = await service.requestSmsCode(k, clock, channels.sms, req.body.phone, 'login');
        return reply.status(202).send({ sent: true as const, ...r });
      },
    });

    app.post('/api/v1/auth/sms/login', {
      config: { access: 'public' },
      schema: {
        operationId: 'logInWithSmsCode',
        tags,
        body: SmsLoginBody,
        response: { 200: Me, ...errors },
      },
      handler: async (req, reply) => {
        const user = await service.logInWithSmsCode(k, clock, config, { ...req.body, ip: req.ip });
        return signIn(req, reply, user.id);
      },
    });

    app.post('/api/v1/auth/phone/code', {
      config: { access: 'session' },
      schema: {
        operationId: 'requestPhoneVerificationCode',
        tags,
        summary: "Send a code to the caller's own phone number to verify it",
        response: { 202: SmsRequested, ...errors },
      },
      handler: async (req, reply) => {
        const user = await findUserById(k, requireCaller(req).userId);
        if (!user?.phone) throw new AppError('BAD_REQUEST', 'This account has no phone number to verify.');
        const r = await service.requestSmsCode(k, clock, channels.sms, user.phone, 'verify');
        return reply.status(202).send({ sent: true as const, ...r });
      },
    });

    app.post('/api/v1/auth/phone/verify', {
      config: { access: 'session' },
      schema: { operationId: 'verifyPhone', tags, body: PhoneVerifyBody, response: { 200: Me, ...errors } },
      handler: async (req) => {
        const { userId } = requireCaller(req);
        await service.verifyOwnPhone(k, clock, userId, req.body.code);
        return service.meOf(k, userId);
      },
    });

    app.post('/api/v1/auth/password', {
      config: { access: 'session' },
      schema: {
        operationId: 'changePassword',
        tags,
        summary: 'Change the password; every other session of the account ends',
        body: PasswordChangeBody,
        response: { 200: Me, ...errors },
      },
      handler: async (req, reply) => {
        const { userId } = requireCaller(req);
        await service.changePassword(k, clock, userId, req.body);
        return signIn(req, reply, userId);
      },
    });

    app.get('/api/v1/me', {
      config: { access: 'session' },
      schema: {
        operationId: 'getMe',
        tags,
        summary: 'The caller and the roles they hold',
        response: { 200: Me, 401: ErrorBody },
      },
      handler: async (req) => service.meOf(k, requireCaller(req).userId),
    });
  };
}
