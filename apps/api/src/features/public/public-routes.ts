/**
 * `/public/…`: the public page's reads, for everyone, signed in or not (Plan 317 asks the city to
 * publish the plan's results; legal: plan-317-2025-kh-ubnd). Each answer is the public tier only
 * (public-service.ts) and comes from a cache kept per data version, gzipped, with an ETag, so a
 * crowd of anonymous readers costs one build (the indicators are computed in the analysis worker).
 */
import { publicEndpoints as endpoints } from '@hatang/contracts';
import { sendCached } from '../../http/cached-body.js';
import { defineRoute } from '../../http/define-route.js';
import { EVERYONE } from '../../policy/rules.js';

const read = (resource: string) => ({ resource, action: 'read', rule: EVERYONE }) as const;

export const publicRoutes = [
  defineRoute(endpoints.plan, read('public-plan'), async (c) =>
    sendCached(c, await c.var.services.publicAnswers.plan()),
  ),
  defineRoute(endpoints.indicators, read('public-indicators'), async (c) =>
    sendCached(c, await c.var.services.publicAnswers.indicators()),
  ),
  defineRoute(endpoints.undergrounding, read('public-undergrounding'), async (c) =>
    sendCached(c, await c.var.services.publicAnswers.undergrounding()),
  ),
  defineRoute(endpoints.tasks, read('public-tasks'), async (c) =>
    sendCached(c, await c.var.services.publicAnswers.tasks()),
  ),
];
