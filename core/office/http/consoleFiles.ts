// The office console's built files (renderer/console → dist/console). Any page path the
// console routes itself gets index.html; without a build the hub still runs (kiosks can sync)
// and says plainly what to do.
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fs from 'node:fs';
import path from 'node:path';

export const NOT_BUILT_MESSAGE = 'The office console is not built yet. Run `npm run build`, then start the hub again (`npm run office` does both).';

export type ConsolePage = (reply: FastifyReply) => FastifyReply;

/** Registers the files; returns how to answer a page path that is no file. */
export async function registerConsoleFiles(app: FastifyInstance, consoleDir: string): Promise<ConsolePage> {
  if (fs.existsSync(path.join(consoleDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: path.resolve(consoleDir), index: ['index.html'] });
    return (reply) => reply.type('text/html; charset=utf-8').sendFile('index.html');
  }
  const notBuilt: ConsolePage = (reply) => reply.code(503).type('text/plain; charset=utf-8').header('Cache-Control', 'no-store').send(NOT_BUILT_MESSAGE);
  app.get('/', async (_req, reply) => notBuilt(reply));
  return notBuilt;
}
