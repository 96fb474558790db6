/**
 * The heavy work that runs in the compute pool, never on the request thread: each task reads the
 * database itself (through the handle the pool attaches) and returns a file's bytes or a JSON
 * value. Tasks and results are plain data (they cross a thread boundary).
 */
import { type AuditFilters, assetResources, type ProgressReportFormat } from '@hatang/contracts';
import type { Database } from '@hatang/db';
import type { CrsCode } from '@hatang/geo';
import { type DxfWriteInput, writeDxf } from '@hatang/geo/formats';
import type { Principal } from '../auth/principal.js';
import { notFound } from '../errors.js';
import { auditLogCsv } from '../features/admin/audit-log-csv.js';
import { type ExportFormat, encodeExport } from '../features/exports/export-formats.js';
import { selectForExport } from '../features/exports/export-query.js';
import { ofdsExport } from '../features/exports/ofds.js';
import { type Actor, type CommitResult, commitImport } from '../features/imports/commit-import.js';
import { type DuplicateReport, findDuplicates } from '../features/imports/duplicates.js';
import type { FieldMapping } from '../features/imports/field-mapping.js';
import { validateImport } from '../features/imports/validate-import.js';
import { appendixCsv, appendixXlsx } from '../features/plans/exports/appendix-files.js';
import { appendixGroups } from '../features/plans/exports/appendix-rows.js';
import { VERSION_KIND_LABELS } from '../features/plans/exports/export-labels.js';
import type { ExportContext } from '../features/plans/exports/export-request.js';
import {
  buildPrintMap,
  type PrintMapRequest,
  printMapPdf,
  printMapPng,
} from '../features/plans/exports/print-map-render.js';
import { versionDxf } from '../features/plans/exports/version-dxf.js';
import {
  versionFeatures,
  versionGeoJson,
  versionGeoPackage,
} from '../features/plans/exports/version-geodata.js';
import {
  type ProgressReportInput,
  progressReportDocx,
  progressReportPdf,
} from '../features/tasks/task-report.js';

export type PlanExportFile =
  | 'appendix.xlsx'
  | 'appendix.csv'
  | 'map.pdf'
  | 'map.png'
  | 'export.geojson'
  | 'export.gpkg'
  | 'export.dxf';

export type ComputeTask =
  /** Starts a worker and its database connection ahead of the first real task (server start). */
  | { kind: 'warm' }
  | {
      kind: 'asset-export';
      resource: string;
      query: Record<string, string>;
      principal: Principal | undefined;
      format: ExportFormat;
      crs: CrsCode;
    }
  | { kind: 'plan-export'; file: PlanExportFile; context: ExportContext; map: PrintMapRequest }
  | {
      kind: 'ofds';
      part: 'nodes' | 'spans';
      principal: Principal | undefined;
      bbox: [number, number, number, number] | undefined;
    }
  | {
      kind: 'import-validate';
      importId: string;
      resource: string;
      mapping: FieldMapping;
      onlyOwner: string | undefined;
    }
  | {
      kind: 'import-commit';
      importId: string;
      resource: string;
      actor: Actor;
      onlyOwner: string | undefined;
    }
  /** A small drawing read already (a permit application's works): written as DXF. */
  | { kind: 'dxf'; input: DxfWriteInput }
  /** The plan's periodic progress report (PDF or DOCX) from its tasks and obstacles, read already. */
  | { kind: 'progress-report'; format: ProgressReportFormat; input: ProgressReportInput }
  /** The admin's audit log download: the filtered entries as CSV, redacted, bounded. */
  | { kind: 'audit-export'; filters: AuditFilters }
  | {
      kind: 'import-duplicates';
      importId: string;
      resource: string;
      mapping: FieldMapping;
      onlyOwner: string | undefined;
    };

export type ComputeKind = ComputeTask['kind'];

/** What each kind of task gives back. */
export interface ComputeResults {
  warm: null;
  'asset-export': FileResult;
  'plan-export': FileResult;
  ofds: FileResult;
  dxf: FileResult;
  /** The number of invalid rows. */
  'import-validate': number;
  'import-commit': CommitResult;
  'import-duplicates': DuplicateReport;
  /** The document's bytes. */
  'progress-report': Uint8Array;
  'audit-export': FileResult;
}

/** A file made by a task: its bytes (or text) and what the answer says about it. */
export interface FileResult {
  body: Uint8Array | string;
  contentType: string;
  extension: string;
  /** Extra answer headers (feature count, map scale). */
  headers: Record<string, string>;
}

function definitionOf(resource: string) {
  const definition = assetResources.find((r) => r.path === resource);
  if (!definition) throw notFound('Layer');
  return definition;
}

async function assetExport(
  db: Database,
  task: Extract<ComputeTask, { kind: 'asset-export' }>,
): Promise<FileResult> {
  const definition = definitionOf(task.resource);
  const features = await selectForExport(db, definition, task.query, task.principal, ['format', 'crs']);
  const encoded = await encodeExport(features, definition, task.format, task.crs);
  return { ...encoded, headers: { 'X-Feature-Count': String(features.length) } };
}

async function planExport(
  db: Database,
  task: Extract<ComputeTask, { kind: 'plan-export' }>,
): Promise<FileResult> {
  const x = task.context;
  switch (task.file) {
    case 'appendix.xlsx': {
      const groups = await appendixGroups(db, x.version.id, x.commune?.code);
      const body = await appendixXlsx(
        {
          planName: x.plan.name,
          versionName: x.version.name,
          versionKind: VERSION_KIND_LABELS[x.version.kind],
          commune: x.commune,
          date: x.date,
          approvedAt: x.approvedOn,
        },
        groups,
      );
      return {
        body,
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        extension: 'xlsx',
        headers: {},
      };
    }
    case 'appendix.csv': {
      const groups = await appendixGroups(db, x.version.id, x.commune?.code);
      return {
        body: appendixCsv(groups),
        contentType: 'text/csv; charset=utf-8',
        extension: 'csv',
        headers: {},
      };
    }
    case 'map.pdf':
    case 'map.png': {
      const map = await buildPrintMap(db, task.map);
      const headers = { 'X-Map-Scale': `1:${map.denominator}` };
      return task.file === 'map.pdf'
        ? {
            body: await printMapPdf(map, task.map),
            contentType: 'application/pdf',
            extension: 'pdf',
            headers,
          }
        : { body: printMapPng(map), contentType: 'image/png', extension: 'png', headers };
    }
    case 'export.dxf': {
      const features = await versionFeatures(db, x.version.id);
      return {
        body: versionDxf(x, features),
        contentType: 'image/vnd.dxf',
        extension: 'dxf',
        headers: { 'X-Feature-Count': String(features.items.length + features.zones.length) },
      };
    }
    case 'export.geojson':
    case 'export.gpkg': {
      const features = await versionFeatures(db, x.version.id);
      const meta = {
        plan: x.plan,
        version: { id: x.version.id, name: x.version.name, kind: x.version.kind },
      };
      return task.file === 'export.geojson'
        ? {
            body: versionGeoJson(meta, features, x.crs),
            contentType: 'application/geo+json',
            extension: 'geojson',
            headers: {},
          }
        : {
            body: await versionGeoPackage(features, x.crs),
            contentType: 'application/geopackage+sqlite3',
            extension: 'gpkg',
            headers: {},
          };
    }
  }
}

/** Runs one task against `db` (inside a compute worker). */
export async function runTask(db: Database, task: ComputeTask): Promise<ComputeResults[ComputeKind]> {
  switch (task.kind) {
    case 'warm':
      return null;
    case 'asset-export':
      return assetExport(db, task);
    case 'plan-export':
      return planExport(db, task);
    case 'ofds': {
      const ofds = await ofdsExport(db, task.principal, task.bbox);
      return {
        body: JSON.stringify(ofds[task.part]),
        contentType: 'application/geo+json',
        extension: 'geojson',
        headers: {},
      };
    }
    case 'dxf':
      return { body: writeDxf(task.input), contentType: 'image/vnd.dxf', extension: 'dxf', headers: {} };
    case 'import-validate':
      return validateImport(db, task.importId, definitionOf(task.resource), task.mapping, task.onlyOwner);
    case 'import-commit':
      return commitImport(db, task.importId, definitionOf(task.resource), task.actor, task.onlyOwner);
    case 'import-duplicates':
      return findDuplicates(db, task.importId, definitionOf(task.resource), task.mapping, task.onlyOwner);
    case 'progress-report':
      return task.format === 'docx' ? progressReportDocx(task.input) : progressReportPdf(task.input);
    case 'audit-export': {
      const made = await auditLogCsv(db, task.filters);
      return {
        body: made.csv,
        contentType: 'text/csv; charset=utf-8',
        extension: 'csv',
        headers: { 'X-Row-Count': String(made.rows), 'X-Truncated': String(made.truncated) },
      };
    }
  }
}
