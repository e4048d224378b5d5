import type { FetchHandler } from '../types';
import { answer } from './respond';
import type { NodeRequestLike } from './to-request';

/** The parts of a Fastify request the adapter reads. */
export interface FastifyRequestLike {
  raw: NodeRequestLike;
  body?: unknown;
}

/** The parts of a Fastify reply the adapter writes. */
export interface FastifyReplyLike {
  code(statusCode: number): unknown;
  header(name: string, value: string | string[]): unknown;
  send(payload?: Uint8Array): unknown;
}

/**
 * A Fastify route handler for any `{ handle(request) }`, with Fastify's own body parsing in place: the body it parsed
 * (JSON, text) is rebuilt for the handler. Fastify answers an oversized body (over its `bodyLimit`, 1 MiB) 413 and a
 * content type it has no parser for 415 before the handler runs.
 *
 * @example
 * app.all('/api/telemetry/status', toFastifyHandler(reporter));
 */
export function toFastifyHandler(
  handler: FetchHandler,
  options: { forwarded?: boolean } = {},
): (request: FastifyRequestLike, reply: FastifyReplyLike) => Promise<void> {
  return async (request, reply) => {
    const result = await answer(handler, request.raw, {
      parsed: { value: request.body },
      forwarded: options.forwarded,
    });
    if (!result) return;
    reply.code(result.status);
    for (const [name, value] of result.headers) reply.header(name, value);
    await reply.send(result.body ?? undefined);
  };
}
