/**
 * `npm run plan:print-map -- [--commune=11455] [--paper=A4|A3] [--out=/tmp] [--version=<id>]`:
 * renders a plan version's print map (PDF and PNG) from the database at DATABASE_URL (or the
 * embedded one in HATANG_DATA_DIR / .data), to look at the real demo data on paper. Without
 * --version it makes a sample plan on the demo data: a baseline of the register and a draft with
 * a tower area, a duct route, undergrounding, a submarine corridor and a landing station in the
 * commune (the same kinds a planner draws), so every part of the legend shows.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { migrate, openDatabase, orm } from '@hatang/db';
import { adminUnits, plans } from '@hatang/db/schema';
import { eq, sql } from 'drizzle-orm';
import { readEnv } from '../env.js';
import { vietnameseDate } from '../features/plans/exports/export-labels.js';
import { buildPrintMap, printMapPdf, printMapPng } from '../features/plans/exports/print-map-render.js';
import { insertItem } from '../features/plans/item-repository.js';
import { findVersion, insertVersion, snapshotRegister } from '../features/plans/version-repository.js';

const arg = (name: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? undefined;
const paper = arg('paper') === 'A3' ? 'A3' : 'A4';
const out = arg('out') ?? '/tmp';
const code = arg('commune');

const env = readEnv();
const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.HATANG_DATA_DIR });
try {
  await migrate(db);
  const commune = code
    ? (
        await orm(db)
          .select({
            code: adminUnits.code,
            name: adminUnits.name,
            lng: sql`ST_X(${adminUnits.labelPoint})`.mapWith(Number),
            lat: sql`ST_Y(${adminUnits.labelPoint})`.mapWith(Number),
          })
          .from(adminUnits)
          .where(eq(adminUnits.code, code))
      )[0]
    : undefined;
  if (code && !commune) throw new Error(`no admin unit ${code}`);
  let versionId = arg('version');
  if (!versionId) {
    versionId = await db.transaction(async (tx) => {
      const planId = crypto.randomUUID();
      await orm(tx).insert(plans).values({
        id: planId,
        name: 'Quy hoạch hạ tầng kỹ thuật viễn thông thụ động TP Hải Phòng đến năm 2030, tầm nhìn 2040',
        horizonYear: 2030,
        visionYear: 2040,
      });
      const base = { planId, notes: null, createdBy: null };
      const baseline = await insertVersion(tx, {
        ...base,
        kind: 'baseline',
        name: 'Hiện trạng 2025',
        parentVersionId: null,
      });
      await snapshotRegister(tx, baseline, null);
      const draft = await insertVersion(tx, {
        ...base,
        kind: 'draft',
        name: 'Phương án 1',
        parentVersionId: baseline,
      });
      const [x, y] = commune ? [commune.lng, commune.lat] : [106.69, 20.86];
      const item = (
        kind: string,
        geometry: unknown,
        attributes: Record<string, unknown>,
        name: string | null = null,
      ) =>
        insertItem(
          tx,
          draft,
          geometry as never,
          {
            kind: kind as never,
            name,
            phase: '2026-2027',
            status: 'planned',
            responsibleOrgId: null,
            notes: null,
            attributes,
          },
          [],
          null,
        );
      const d = 0.006;
      await item(
        'tower_area',
        {
          type: 'Polygon',
          coordinates: [
            [
              [x - d, y - d],
              [x + d, y - d],
              [x + d, y + d],
              [x - d, y + d],
              [x - d, y - d],
            ],
          ],
        },
        { towerClass: 'A2b', maxHeightM: 45 },
      );
      await item(
        'tower_site',
        { type: 'Point', coordinates: [x + 2 * d, y + d] },
        { towerClass: 'A1' },
        'Trạm Đồi Thông',
      );
      await item(
        'duct_route',
        {
          type: 'LineString',
          coordinates: [
            [x - 3 * d, y - 2 * d],
            [x, y - 2 * d],
            [x + 3 * d, y],
          ],
        },
        { tubesTotal: 6 },
      );
      await item(
        'undergrounding',
        {
          type: 'LineString',
          coordinates: [
            [x - 3 * d, y + 2 * d],
            [x + 3 * d, y + 2.5 * d],
          ],
        },
        {},
      );
      await item(
        'wifi_point',
        { type: 'Point', coordinates: [x - d, y + 3 * d] },
        { siteType: 'cultural_house' },
        'Nhà văn hóa thôn Đông',
      );
      await item(
        'landing_station',
        { type: 'Point', coordinates: [x + 4 * d, y - 3 * d] },
        { protectionRadiusM: 300 },
        'Trạm cập bờ mới',
      );
      await item(
        'submarine_corridor',
        {
          type: 'LineString',
          coordinates: [
            [x + 4 * d, y - 3 * d],
            [x + 10 * d, y - 8 * d],
            [x + 20 * d, y - 12 * d],
          ],
        },
        { protectionWidthM: 500 },
      );
      return draft;
    });
  }
  const version = await findVersion(db, versionId);
  if (!version) throw new Error(`no plan version ${versionId}`);
  const [plan] = await orm(db).select({ name: plans.name }).from(plans).where(eq(plans.id, version.planId));
  const request = {
    versionId,
    planName: plan?.name ?? '',
    version: { name: version.name, kind: version.kind, approvedAt: null },
    commune: commune ? { code: commune.code, name: commune.name } : undefined,
    paper,
    date: vietnameseDate(new Date()),
  } as const;
  let started = performance.now();
  const map = await buildPrintMap(db, request);
  const built = performance.now() - started;
  started = performance.now();
  const pdf = await printMapPdf(map, request);
  const pdfMs = performance.now() - started;
  started = performance.now();
  const png = printMapPng(map);
  const pngMs = performance.now() - started;
  const stem = join(out, `plan-map-${code ?? 'city'}-${paper}`);
  await writeFile(`${stem}.pdf`, pdf);
  await writeFile(`${stem}.png`, png);
  console.log(
    `version ${versionId}: 1:${map.denominator}, ${map.scene.shapes.length} shapes; read+compose ${built.toFixed(0)} ms, PDF ${pdfMs.toFixed(0)} ms (${pdf.length} B), PNG ${pngMs.toFixed(0)} ms (${png.length} B) → ${stem}.pdf/.png`,
  );
} finally {
  await db.close();
}
