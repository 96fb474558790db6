import { type ColocationOccupancy, occupancyListQuery, toIssues } from '@hatang/contracts';
import type { Database } from '@hatang/db';
import { Hono } from 'hono';
import type { AppEnv } from '../context.js';
import { validationFailed } from '../errors.js';
import { isOverseer } from './request-access.js';

/** `/colocation-occupancies`: what accepted requests hold, per asset. */
export function occupancyRoutes(db: Database) {
  const app = new Hono<AppEnv>();

  /** Operators see what their organisation owns or occupies; planners and admins everything. */
  app.get('/colocation-occupancies', async (c) => {
    const parsed = occupancyListQuery.safeParse(c.req.query());
    if (!parsed.success) throw validationFailed(toIssues(parsed.error));
    const principal = c.get('principal');
    const q = parsed.data;
    const items = await db.query<ColocationOccupancy>(
      `SELECT o.id::text AS id, o.request_id::text AS "requestId", o.asset_kind AS "assetKind",
         o.asset_id::text AS "assetId",
         coalesce(t.code, p.code, d.code) AS "assetCode", o.owner_org_id::text AS "ownerOrgId",
         o.operator_org_id::text AS "operatorOrgId", org.name AS "operatorOrgName", o.units,
         o.tenancy_id::text AS "tenancyId",
         to_char(o.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt"
       FROM colocation_occupancies o
       JOIN organisations org ON org.id = o.operator_org_id
       LEFT JOIN towers t ON o.asset_kind = 'tower' AND t.id = o.asset_id
       LEFT JOIN poles p ON o.asset_kind = 'pole' AND p.id = o.asset_id
       LEFT JOIN ducts d ON o.asset_kind = 'duct' AND d.id = o.asset_id
       WHERE ($1::uuid IS NULL OR o.owner_org_id = $1::uuid OR o.operator_org_id = $1::uuid)
         AND ($2::text IS NULL OR o.asset_kind = $2) AND ($3::uuid IS NULL OR o.asset_id = $3::uuid)
         AND ($4::uuid IS NULL OR o.request_id = $4::uuid)
       ORDER BY o.created_at DESC, o.id LIMIT $5`,
      [
        isOverseer(principal) ? null : (principal?.orgId ?? null),
        q.assetKind ?? null,
        q.assetId ?? null,
        q.requestId ?? null,
        q.limit,
      ],
    );
    return c.json({ items });
  });

  return app;
}
