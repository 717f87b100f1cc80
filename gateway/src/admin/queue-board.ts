import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import type { Express } from 'express';
import type { Redis } from 'ioredis';
import type { Logger } from '@fedshop/logger';
import { sessionPath } from './dashboard-paths.js';

export interface QueueBoardOptions {
  queues: readonly Queue[];
  connection: Redis;
  /** Where the board is mounted (its pages' `<base href>`). */
  basePath: string;
  logger: Logger;
}

/** Bull Board's UI and API (an Express sub-app) over the queues. */
export function createQueueBoard({
  queues,
  connection,
  basePath,
  logger,
}: QueueBoardOptions): Express {
  const serverAdapter = new ExpressAdapter().setBasePath(basePath);
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue)),
    serverAdapter,
    options: {
      uiConfig: {
        boardTitle: 'fedshop queues',
        miscLinks: [{ text: 'Session', url: `${basePath}${sessionPath}` }],
      },
    },
  });
  // Bull Board's own handler echoes any error's message (a Redis address, say): ours keeps
  // its own 4xx answers, says 503 when Redis failed, and hides everything else.
  serverAdapter.setErrorHandler((error: Error & { statusCode?: number }) => {
    const status = error.statusCode;
    if (status !== undefined && status < 500) return errorAnswer(status, error.message);
    if (connection.status !== 'ready' || isRedisFailure(error)) {
      return errorAnswer(503, 'Redis is unreachable');
    }
    logger.error({ err: error }, 'queue dashboard error');
    return errorAnswer(500, 'Internal error');
  });
  const board = serverAdapter.getRouter() as Express;
  board.disable('x-powered-by');
  return board;
}

type ErrorAnswer = ReturnType<Parameters<ExpressAdapter['setErrorHandler']>[0]>;

/** Bull Board's error shape; its status type lists fewer codes than Express sends (503). */
function errorAnswer(status: number, message: string): ErrorAnswer {
  const key = status < 500 ? 'ERRORS.BAD_REQUEST' : 'ERRORS.INTERNAL_SERVER_ERROR';
  return { status, body: { error: { key }, message } } as unknown as ErrorAnswer;
}

const redisFailure =
  /command timed out|connection is closed|stream isn't writeable|ECONNREFUSED|ECONNRESET|ETIMEDOUT/i;

function isRedisFailure(error: Error): boolean {
  return redisFailure.test(error.message);
}
