import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, ProblemDetailsFilter } from '@catalyst/common';
import { AccessTokenService, ActorService } from '@catalyst/identity';
import { JobProducer, QueueName } from '@catalyst/queues';
import { ForbiddenError, UnauthenticatedError } from '@catalyst/common';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';
const COOKIE = 'catalyst_queues';

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (match) return match[1];
  const cookie = request.headers.cookie
    ?.split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${COOKIE}=`));
  return cookie ? decodeURIComponent(cookie.slice(COOKIE.length + 1)) : undefined;
}

/**
 * bull-board at /admin/queues: every queue, failed jobs kept (the dead letters) with retry.
 * Programme managers only, checked by an `onRequest` hook on the whole prefix (the page and
 * its `/api/*` calls alike): a bearer token, or (for a browser) the same token sent once as
 * `?access_token=`, then kept in an HttpOnly cookie scoped to the dashboard.
 */
export async function mountQueueDashboard(app: NestFastifyApplication): Promise<void> {
  const producer = app.get(JobProducer);
  const tokens = app.get(AccessTokenService);
  const actors = app.get(ActorService);
  const filter = new ProblemDetailsFilter();
  const server = new BullBoardFastifyAdapter();
  server.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: Object.values(QueueName).map((name) => new BullMQAdapter(producer.queue(name))),
    serverAdapter: server,
    options: { uiConfig: { boardTitle: 'Catalyst queues' } },
  });
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(async (scope) => {
    scope.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      try {
        const query = request.query as Record<string, unknown> | undefined;
        const fromQuery = typeof query?.access_token === 'string' ? query.access_token : undefined;
        const token = fromQuery ?? bearer(request);
        if (!token) throw new UnauthenticatedError('Send a programme manager’s bearer token.');
        const { userId } = await tokens.verifyToken(token);
        const actor = await actors.load(userId, request.id);
        if (!actor) throw new UnauthenticatedError('The account behind this token is gone.');
        if (!actor.isProgrammeManager) {
          throw new ForbiddenError('The queue dashboard is for programme managers only.');
        }
        if (fromQuery) {
          void reply.header(
            'set-cookie',
            `${COOKIE}=${encodeURIComponent(token)}; Path=${QUEUE_DASHBOARD_PATH}; HttpOnly; SameSite=Strict`,
          );
        }
      } catch (error) {
        const problem = filter.toProblem(error);
        return reply
          .status(problem.status)
          .header('Content-Type', PROBLEM_CONTENT_TYPE)
          .send(problem);
      }
    });
    await scope.register(server.registerPlugin(), { prefix: QUEUE_DASHBOARD_PATH });
  });
}
