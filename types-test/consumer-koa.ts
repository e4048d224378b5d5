// Compiled only. Koa apart: @types/koa itself fails without skipLibCheck (its content-disposition import), so this
// file only checks that the adapter fits Koa's own types; consumer.ts checks ours without skipLibCheck.
import bodyParser from '@koa/bodyparser';
import Router from '@koa/router';
import { createServerReporter, toKoaMiddleware } from 'consent-relay/server';
import Koa from 'koa';

const reporter = createServerReporter({ endpoint: 'https://t.example/v1', collect: () => ({}) });
const router = new Router();
router.all('/status', toKoaMiddleware(reporter));
new Koa().use(bodyParser()).use(router.routes());
