/** What the oversight table and map read from the co-location requests. */
import { colocationAssetKind, colocationStatus, type OversightMapProperties } from '@hatang/contracts';
import { geoJson, orm, type Sql } from '@hatang/db';
import { organisations, colocationRequests as r } from '@hatang/db/schema';
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { OversightFact } from './oversight-rows.js';

/** Every request with its owner, status, due date and the calendar days it took to answer. */
export async function oversightFacts(db: Sql): Promise<OversightFact[]> {
  const rows = await orm(db)
    .select({
      ownerOrgId: r.ownerOrgId,
      ownerOrgName: organisations.name,
      status: r.status,
      dueOn: r.dueOn,
      daysToAnswer: sql<number | string | null>`CASE WHEN ${r.answeredAt} IS NULL THEN NULL
        ELSE extract(epoch FROM ${r.answeredAt} - ${r.createdAt})::float8 / 86400 END`,
    })
    .from(r)
    .innerJoin(organisations, eq(organisations.id, r.ownerOrgId));
  return rows.map((f) => ({
    ...f,
    status: colocationStatus.parse(f.status),
    daysToAnswer: f.daysToAnswer === null ? null : Number(f.daysToAnswer),
  }));
}

const owner = alias(organisations, 'ow');
const requester = alias(organisations, 'rq');

/** Pending requests with a place, by due date, with their position `[lng, lat]`. */
export async function pendingRequests(
  db: Sql,
): Promise<(Omit<OversightMapProperties, 'overdue'> & { position: [number, number] })[]> {
  const rows = await orm(db)
    .select({
      id: r.id,
      status: r.status,
      assetKind: r.assetKind,
      ownerOrgName: owner.name,
      requesterOrgName: requester.name,
      dueOn: r.dueOn,
      point: geoJson(r.geom, 7),
    })
    .from(r)
    .innerJoin(owner, eq(owner.id, r.ownerOrgId))
    .innerJoin(requester, eq(requester.id, r.requesterOrgId))
    .where(and(inArray(r.status, ['submitted', 'info_requested']), isNotNull(r.geom)))
    .orderBy(r.dueOn, r.id);
  return rows.map(({ point, ...p }) => ({
    ...p,
    status: colocationStatus.parse(p.status),
    assetKind: colocationAssetKind.parse(p.assetKind),
    position: point.coordinates as [number, number],
  }));
}
