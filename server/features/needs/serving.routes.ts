import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { IdParams } from '../../../domain/contracts/common.js';
import {
  AssignBody,
  ConfirmBody,
  ConveneBody,
  DoneBody,
  FollowUpBody,
  FollowUpDoneBody,
  FollowUpList,
  NeedDetail,
  NeedHelperCandidates,
  OptionalReasonBody,
  ReasonBody,
  ServiceLogBody,
} from '../../../domain/contracts/needs.js';
import type { Deps } from '../../deps.js';
import { type Actor, actorOf, CLIENT_ERRORS } from '../../lib/http.js';
import * as followUps from './follow-ups.service.js';
import * as service from './serving.service.js';

const tags = ['needs'];
const errors = CLIENT_ERRORS;

type Q = Parameters<typeof service.detailFor>[0];

/**
 * The steps of a need after posting (convene, assign, claim, unclaim, log, done, confirm, reopen,
 * cancel) and its follow-ups. Who may take a step is decided per need (domain decideStep on how the
 * caller stands to it), so every route is `session`: a need the caller cannot see is 404, a step she
 * may not take is 403, one the need has moved past is 409. Each answers with the need as it now is.
 */
export function servingRoutes(deps: Deps): FastifyPluginAsyncZod {
  const { db, clock } = deps;

  /** Run a step in one transaction and answer with the need's detail as the caller now sees it. */
  const step = (actor: Actor, id: string, run: (trx: Q) => Promise<unknown>) =>
    db.kysely.transaction().execute(async (trx) => {
      await run(trx);
      return service.detailFor(trx, actor, id);
    });

  return async (app) => {
    const steps: {
      path: string;
      operationId: string;
      summary: string;
      body?: z.ZodType;
      run: (trx: Q, actor: Actor, id: string, body: never) => Promise<unknown>;
    }[] = [
      {
        path: 'convene',
        operationId: 'conveneNeed',
        summary:
          'Staff convene a need: how many helpers, a partner unit paired with the community, publish to its volunteers',
        body: ConveneBody,
        run: (trx, actor, id, body: z.infer<typeof ConveneBody>) =>
          service.conveneNeed(trx, deps, actor, id, body),
      },
      {
        path: 'assign',
        operationId: 'assignNeed',
        summary: 'Staff assign a need to someone it has reached (a claim made for them)',
        body: AssignBody,
        run: (trx, actor, id, body: z.infer<typeof AssignBody>) =>
          service.assignNeed(trx, deps, actor, id, body),
      },
      {
        path: 'claim',
        operationId: 'claimNeed',
        summary: 'Claim a helper place; two claims racing for the last place never both succeed',
        run: (trx, actor, id) => service.claimNeed(trx, deps, actor, id),
      },
      {
        path: 'unclaim',
        operationId: 'unclaimNeed',
        summary: 'Give your helper place back',
        run: (trx, actor, id) => service.unclaimNeed(trx, deps, actor, id),
      },
      {
        path: 'logs',
        operationId: 'logNeedService',
        summary: 'Log the service: note, hours, helpers from outside the platform, items handled, photos',
        body: ServiceLogBody,
        run: (trx, actor, id, body: z.infer<typeof ServiceLogBody>) =>
          service.logService(trx, deps, actor, id, body),
      },
      {
        path: 'done',
        operationId: 'markNeedDone',
        summary: 'The helpers (or staff) mark the need done; the resident is asked to confirm',
        body: DoneBody,
        run: (trx, actor, id, body: z.infer<typeof DoneBody>) => service.markDone(trx, deps, actor, id, body),
      },
      {
        path: 'confirm',
        operationId: 'confirmNeed',
        summary: 'The resident (or staff on her word) confirms a done need with a rating of 1–5 and thanks',
        body: ConfirmBody,
        run: (trx, actor, id, body: z.infer<typeof ConfirmBody>) =>
          service.confirmByCaller(trx, deps, actor, id, body),
      },
      {
        path: 'reopen',
        operationId: 'reopenNeed',
        summary: 'Not solved: back to in service with the same helpers',
        body: ReasonBody,
        run: (trx, actor, id, body: z.infer<typeof ReasonBody>) =>
          service.reopenNeed(trx, deps, actor, id, body),
      },
      {
        path: 'cancel',
        operationId: 'cancelNeed',
        summary: 'The resident (or staff) withdraws an open need; its claims are released',
        body: OptionalReasonBody,
        run: (trx, actor, id, body: z.infer<typeof OptionalReasonBody>) =>
          service.cancelNeed(trx, deps, actor, id, body),
      },
      {
        path: 'follow-ups',
        operationId: 'scheduleNeedFollowUp',
        summary: 'A leader or staff names someone the need reached to follow it up at a time (reminded then)',
        body: FollowUpBody,
        run: (trx, actor, id, body: z.infer<typeof FollowUpBody>) =>
          followUps.scheduleFollowUp(trx, deps, actor, id, body),
      },
    ];

    for (const s of steps) {
      app.post(`/api/v1/needs/:id/${s.path}`, {
        config: { access: 'session' },
        schema: {
          operationId: s.operationId,
          tags,
          summary: s.summary,
          params: IdParams,
          ...(s.body ? { body: s.body } : {}),
          response: { 200: NeedDetail, ...errors },
        },
        handler: async (req) => {
          const actor = actorOf(req, clock);
          const { id } = req.params;
          return step(actor, id, (trx) => s.run(trx, actor, id, req.body as never));
        },
      });
    }

    app.post('/api/v1/follow-ups/:id/done', {
      config: { access: 'session' },
      schema: {
        operationId: 'completeNeedFollowUp',
        tags,
        summary: 'The person asked (or staff) records how the follow-up went',
        params: IdParams,
        body: FollowUpDoneBody,
        response: { 200: NeedDetail, ...errors },
      },
      handler: async (req) => {
        const actor = actorOf(req, clock);
        return db.kysely.transaction().execute(async (trx) => {
          const needId = await followUps.completeFollowUp(trx, actor, req.params.id, req.body);
          return service.detailFor(trx, actor, needId);
        });
      },
    });

    app.get('/api/v1/me/follow-ups', {
      config: { access: 'session' },
      schema: {
        operationId: 'listMyFollowUps',
        tags,
        summary: 'The follow-ups you were asked to do and have not done, due soonest first',
        response: { 200: FollowUpList, ...errors },
      },
      handler: async (req) => followUps.listMyFollowUps(db.kysely, actorOf(req, clock)),
    });

    app.get('/api/v1/needs/:id/helper-candidates', {
      config: { access: 'session' },
      schema: {
        operationId: 'listNeedHelperCandidates',
        tags,
        summary: 'For staff: the people a need has reached who could be assigned it or asked to follow it up',
        params: IdParams,
        response: { 200: NeedHelperCandidates, ...errors },
      },
      handler: async (req) => followUps.helperCandidates(db.kysely, actorOf(req, clock), req.params.id),
    });
  };
}
