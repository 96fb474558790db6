/**
 * The search box's SQL: one statement, a UNION ALL of one bounded part per kind, each matching
 * every word of the query anywhere in the text with diacritics and case folded
 * (`search_text()`, migrations/0027: pg_trgm GIN indexes answer these LIKEs), ranked by trigram
 * similarity to the whole query. What each part may match is the viewer's scope (search-scope.ts).
 */
import { type AssetPath, assetResources } from '@hatang/contracts';
import { ASSET_TABLES, orm, type Sql } from '@hatang/db';
import {
  adminUnits,
  colocationRequests,
  keySites,
  permitApplications,
  planItems,
  planVersions,
  streets,
} from '@hatang/db/schema';
import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import type { SearchScope } from './search-scope.js';

/** The asset kinds that have a name (public at every tier), and its column. */
const NAME_COLUMNS: Partial<Record<AssetPath, AnyColumn>> = {
  'landing-stations': ASSET_TABLES['landing-stations'].name,
  'submarine-cables': ASSET_TABLES['submarine-cables'].name,
  'wifi-points': ASSET_TABLES['wifi-points'].name,
  'data-centres': ASSET_TABLES['data-centres'].name,
  'in-building-systems': ASSET_TABLES['in-building-systems'].buildingName,
  'civil-works': ASSET_TABLES['civil-works'].name,
};

/** The query's words, at most 8, each escaped for LIKE (`\` is LIKE's default escape). */
export function searchWords(q: string): string[] {
  return q
    .normalize('NFC')
    .split(/[\s,;]+/)
    .filter((w) => w.length > 0)
    .slice(0, 8)
    .map((w) => w.replace(/[\\%_]/g, (c) => `\\${c}`));
}

/** Every word found in `column`'s folded text. */
function matches(column: AnyColumn | SQL, words: readonly string[]): SQL {
  return sql.join(
    words.map((w) => sql`search_text(${column}) LIKE '%' || search_text(${w}) || '%'`),
    sql` AND `,
  );
}

/** How well `column` fits the whole query: 2 equal, 1 + similarity for a prefix, else similarity. */
function score(column: AnyColumn | SQL, q: string): SQL {
  return sql`(CASE WHEN search_text(${column}) = search_text(${q}) THEN 2
    WHEN search_text(${column}) LIKE search_text(${q}) || '%' THEN 1 ELSE 0 END
    + similarity(search_text(${column}), search_text(${q})))`;
}

/** The columns every part yields, from its geometry. */
function place(geom: AnyColumn): SQL {
  return sql`ST_X(ST_PointOnSurface(${geom})) AS lng, ST_Y(ST_PointOnSurface(${geom})) AS lat,
    CASE WHEN GeometryType(${geom}) = 'POINT' THEN NULL
      ELSE json_build_array(ST_XMin(${geom}), ST_YMin(${geom}), ST_XMax(${geom}), ST_YMax(${geom})) END AS bbox`;
}

const limited = (body: SQL, order: SQL, limit: number) =>
  sql`(${body} ORDER BY ${order} DESC LIMIT ${limit})`;

function assetPart(
  path: AssetPath,
  scope: SearchScope,
  words: string[],
  q: string,
  limit: number,
): SQL | null {
  const table = ASSET_TABLES[path];
  const name = NAME_COLUMNS[path];
  const codeVisible =
    scope.assetCodes === null
      ? null
      : 'all' in scope.assetCodes
        ? sql`TRUE`
        : sql`${table.ownerOrgId} = ${scope.assetCodes.orgId}`;
  if (!codeVisible && !name) return null;
  const code = codeVisible ? sql`CASE WHEN ${codeVisible} THEN ${table.code} END` : sql`NULL::text`;
  const byCode = codeVisible ? sql`(${codeVisible} AND ${matches(table.code, words)})` : sql`FALSE`;
  const byName = name ? matches(name, words) : sql`FALSE`;
  const rank = sql`GREATEST(${codeVisible ? sql`CASE WHEN ${byCode} THEN ${score(table.code, q)} END` : sql`NULL`},
    ${name ? sql`CASE WHEN ${byName} THEN ${score(name, q)} END` : sql`NULL`})`;
  return limited(
    sql`SELECT 'asset' AS kind, ${table.id}::text AS id,
      COALESCE(${name ?? sql`NULL::text`}, ${code}) AS label,
      ${name ? code : sql`NULL::text`} AS sublabel, ${place(table.geom)},
      json_build_object('kind', 'asset', 'resource', ${path}::text, 'id', ${table.id}) AS open,
      ${rank} AS score
    FROM ${table} WHERE ${byCode} OR ${byName}`,
    sql`score`,
    limit,
  );
}

function adminUnitPart(words: string[], q: string, limit: number): SQL {
  return limited(
    sql`SELECT 'admin_unit' AS kind, ${adminUnits.code} AS id, ${adminUnits.name} AS label,
      ${adminUnits.formerDistrict} AS sublabel,
      ST_X(${adminUnits.labelPoint}) AS lng, ST_Y(${adminUnits.labelPoint}) AS lat,
      json_build_array(ST_XMin(${adminUnits.geom}), ST_YMin(${adminUnits.geom}), ST_XMax(${adminUnits.geom}), ST_YMax(${adminUnits.geom})) AS bbox,
      json_build_object('kind', 'admin_unit', 'code', ${adminUnits.code}, 'unitType', ${adminUnits.unitType}) AS open,
      ${score(adminUnits.name, q)} AS score
    FROM ${adminUnits} WHERE ${matches(adminUnits.name, words)}`,
    sql`score`,
    limit,
  );
}

/** Streets by name: the segments of one name in one commune make one result. */
function streetPart(words: string[], q: string, limit: number): SQL {
  return limited(
    sql`SELECT 'street' AS kind, min(${streets.id}::text) AS id, ${streets.name} AS label, unit.name AS sublabel,
      ST_X(ST_PointOnSurface(ST_Collect(${streets.geom}))) AS lng, ST_Y(ST_PointOnSurface(ST_Collect(${streets.geom}))) AS lat,
      json_build_array(ST_XMin(ST_Extent(${streets.geom})), ST_YMin(ST_Extent(${streets.geom})),
        ST_XMax(ST_Extent(${streets.geom})), ST_YMax(ST_Extent(${streets.geom}))) AS bbox,
      json_build_object('kind', 'street', 'id', min(${streets.id}::text), 'segments', count(*)::int) AS open,
      max(${score(streets.name, q)}) AS score
    FROM ${streets}
    LEFT JOIN LATERAL (SELECT ${adminUnits.code} AS code, ${adminUnits.name} AS name FROM ${adminUnits}
      WHERE ST_Intersects(${adminUnits.geom}, ST_StartPoint(${streets.geom})) LIMIT 1) unit ON TRUE
    WHERE ${streets.name} IS NOT NULL AND ${matches(streets.name, words)}
    GROUP BY ${streets.name}, unit.code, unit.name`,
    sql`score`,
    limit,
  );
}

function planItemPart(scope: SearchScope, words: string[], q: string, limit: number): SQL | null {
  if (scope.planVersionKinds.length === 0) return null;
  const kinds = sql.join(
    scope.planVersionKinds.map((k) => sql`${k}`),
    sql`, `,
  );
  return limited(
    sql`SELECT 'plan_item' AS kind, ${planItems.id}::text AS id, ${planItems.name} AS label,
      ${planVersions.name} AS sublabel, ${place(planItems.geom)},
      json_build_object('kind', 'plan_item', 'id', ${planItems.id}, 'planVersionId', ${planItems.planVersionId},
        'versionKind', ${planVersions.kind}, 'itemKind', ${planItems.kind}) AS open,
      ${score(planItems.name, q)} AS score
    FROM ${planItems} JOIN ${planVersions} ON ${planVersions.id} = ${planItems.planVersionId}
    WHERE ${planVersions.kind} IN (${kinds}) AND ${planItems.name} IS NOT NULL AND ${matches(planItems.name, words)}`,
    sql`score`,
    limit,
  );
}

function keySitePart(scope: SearchScope, words: string[], q: string, limit: number): SQL | null {
  if (!scope.keySites) return null;
  return limited(
    sql`SELECT 'key_site' AS kind, ${keySites.id}::text AS id, ${keySites.name} AS label, NULL::text AS sublabel,
      ${place(keySites.geom)},
      json_build_object('kind', 'key_site', 'id', ${keySites.id}, 'category', ${keySites.category}) AS open,
      ${score(keySites.name, q)} AS score
    FROM ${keySites} WHERE ${matches(keySites.name, words)}`,
    sql`score`,
    limit,
  );
}

/** An id typed in full or by its first 8 or more characters (hexadecimal, dashes allowed). */
const idPrefix = (q: string) => (/^[0-9a-f-]{8,36}$/i.test(q) ? `${q.toLowerCase()}%` : null);

function permitPart(scope: SearchScope, words: string[], q: string, limit: number): SQL | null {
  const p = scope.permits;
  if (!p) return null;
  const t = permitApplications;
  const visible =
    'all' in p
      ? sql`TRUE`
      : 'orgId' in p
        ? sql`${t.applicantOrgId} = ${p.orgId}`
        : sql`${t.adminUnitCode} = ${p.adminUnitCode} AND ${t.status} <> 'draft'`;
  const prefix = idPrefix(q);
  const number = sql`COALESCE(${t.decisionNumber}, '')`;
  return limited(
    sql`SELECT 'permit' AS kind, ${t.id}::text AS id, ${t.title} AS label, ${t.decisionNumber} AS sublabel,
      ${place(t.geom)},
      json_build_object('kind', 'permit', 'id', ${t.id}, 'permitKind', ${t.kind}, 'status', ${t.status}) AS open,
      GREATEST(${score(t.title, q)}, ${score(number, q)}) AS score
    FROM ${t}
    WHERE ${visible} AND (${matches(t.title, words)} OR ${matches(number, words)}
      ${prefix ? sql`OR ${t.id}::text LIKE ${prefix}` : sql``})`,
    sql`score`,
    limit,
  );
}

function requestPart(scope: SearchScope, words: string[], q: string, limit: number): SQL | null {
  const p = scope.colocationRequests;
  if (!p) return null;
  const t = colocationRequests;
  const visible =
    'all' in p ? sql`TRUE` : sql`(${t.ownerOrgId} = ${p.orgId} OR ${t.requesterOrgId} = ${p.orgId})`;
  const codes = sql`array_to_string(${t.assetCodes}, ' ')`;
  const prefix = idPrefix(q);
  return limited(
    sql`SELECT 'colocation_request' AS kind, ${t.id}::text AS id, ${codes} AS label, NULL::text AS sublabel,
      ${place(t.geom)},
      json_build_object('kind', 'colocation_request', 'id', ${t.id}, 'assetKind', ${t.assetKind}, 'status', ${t.status}) AS open,
      ${score(codes, q)} AS score
    FROM ${t}
    WHERE ${visible} AND ${t.geom} IS NOT NULL AND (${matches(codes, words)}
      ${prefix ? sql`OR ${t.id}::text LIKE ${prefix}` : sql``})`,
    sql`score`,
    limit,
  );
}

/**
 * The rows found for `q` (trimmed, at most 200 characters), best first, at most `limit`; each
 * without a second line gets the commune it lies in. Untyped: the service parses them.
 */
export async function searchRows(
  db: Sql,
  scope: SearchScope,
  q: string,
  limit: number,
): Promise<Record<string, unknown>[]> {
  const words = searchWords(q);
  if (words.length === 0) return [];
  const parts = [
    ...assetResources.map((r) => assetPart(r.path, scope, words, q, limit)),
    adminUnitPart(words, q, limit),
    streetPart(words, q, limit),
    planItemPart(scope, words, q, limit),
    keySitePart(scope, words, q, limit),
    permitPart(scope, words, q, limit),
    requestPart(scope, words, q, limit),
  ].filter((part): part is SQL => part !== null);
  return orm(db).execute(sql`
    SELECT found.kind, found.id, found.label, COALESCE(found.sublabel, unit.name) AS sublabel,
      found.lng, found.lat, found.bbox, found.open, found.score
    FROM (SELECT * FROM (${sql.join(parts, sql` UNION ALL `)}) everything
      ORDER BY score DESC, label LIMIT ${limit}) found
    LEFT JOIN LATERAL (SELECT ${adminUnits.name} AS name FROM ${adminUnits}
      WHERE found.sublabel IS NULL AND found.kind <> 'admin_unit'
        AND ST_Intersects(${adminUnits.geom}, ST_SetSRID(ST_MakePoint(found.lng, found.lat), 4326)) LIMIT 1) unit ON TRUE
    ORDER BY found.score DESC, found.label`);
}
