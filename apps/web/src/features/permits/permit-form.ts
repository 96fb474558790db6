/**
 * The application form's model: the kind's details fields read from the contract's zod schemas
 * (packages/contracts permits.ts), the values as typed, and the request body built from them.
 */
import {
  ductWorksDetails,
  inBuildingWorksDetails,
  type PermitApplicationCreate,
  type PermitKind,
  permitApplicationCreate,
  poleLineDetails,
  towerDetails,
} from '@hatang/contracts';
import { z } from 'zod';
import type { ApiIssue } from '../../lib/api-client';
import { formatNumberInput, parseNumberText } from '../../lib/format';
import type { Lang } from '../../lib/i18n';
import type { LngLat, PermitApplication } from './permits-api';
import { formatLngLat, parseLine, parseLngLat } from './permits-model';

export const DETAILS_SCHEMA = {
  tower: towerDetails,
  pole_line: poleLineDetails,
  duct_works: ductWorksDetails,
  in_building: inBuildingWorksDetails,
};

/** Kinds whose works are one point (a tower, a building); the others are lines. */
export const isPointKind = (kind: PermitKind) => kind === 'tower' || kind === 'in_building';

/**
 * One details field as the form shows it. `enumSet`: a set of the options (checkboxes);
 * `organisations`: a set of organisation ids (the operators an in-building system serves); sets
 * are held in the form as comma-separated text.
 */
export type DetailField =
  | { key: string; kind: 'enum'; options: readonly string[]; required: boolean }
  | { key: string; kind: 'enumSet'; options: readonly string[]; required: boolean }
  | { key: string; kind: 'organisations'; required: boolean }
  | { key: string; kind: 'number'; integer: boolean; required: boolean }
  | { key: string; kind: 'boolean'; required: false }
  | { key: string; kind: 'text'; required: boolean }
  | { key: string; kind: 'date'; required: boolean };

function unwrap(schema: z.ZodType): { schema: z.ZodType; optional: boolean } {
  let current = schema;
  let optional = false;
  for (;;) {
    if (
      current instanceof z.ZodDefault ||
      current instanceof z.ZodOptional ||
      current instanceof z.ZodNullable
    ) {
      optional = true;
      current = current.unwrap() as z.ZodType;
    } else return { schema: current, optional };
  }
}

/** The details fields of `kind`, in the contract's order. */
export function detailFields(kind: PermitKind): DetailField[] {
  const shape = DETAILS_SCHEMA[kind].shape as Record<string, z.ZodType>;
  return Object.entries(shape).map(([key, raw]): DetailField => {
    const { schema, optional } = unwrap(raw);
    if (schema instanceof z.ZodEnum)
      return { key, kind: 'enum', options: schema.options.map(String), required: !optional };
    if (schema instanceof z.ZodArray) {
      const element = schema.element;
      return element instanceof z.ZodEnum
        ? { key, kind: 'enumSet', options: element.options.map(String), required: !optional }
        : { key, kind: 'organisations', required: !optional };
    }

    if (schema instanceof z.ZodBoolean) return { key, kind: 'boolean', required: false };
    if (schema instanceof z.ZodNumber)
      return { key, kind: 'number', integer: schema.isInt, required: !optional };
    if (schema instanceof z.ZodISODate) return { key, kind: 'date', required: !optional };
    return { key, kind: 'text', required: !optional };
  });
}

/** A set held as comma-separated text, as a list (empty items left out). */
export const setItems = (text: string | undefined): string[] =>
  (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** What the inputs hold, as typed. `where`: "lng, lat" for a point, one vertex per line for a line. */
export interface FormValues {
  kind: PermitKind;
  title: string;
  justification: string;
  where: string;
  details: Record<string, string>;
}

const DEFAULTS: Record<PermitKind, Record<string, string>> = {
  tower: {
    towerClass: 'A2a',
    structure: 'monopole',
    mounting: 'on_ground',
    isCamouflaged: 'false',
    eirpW: '',
    heightM: '',
    nearestBuildingM: '',
    buildingHeightM: '',
  },
  pole_line: { poleCount: '' },
  duct_works: { method: 'duct', startsOn: '', endsOn: '' },
  in_building: {
    buildingName: '',
    buildingType: 'apartment',
    floors: '',
    works: '',
    isShared: 'false',
    operatorOrgIds: '',
    inBuildingSystemId: '',
  },
};

export function emptyValues(kind: PermitKind): FormValues {
  return { kind, title: '', justification: '', where: '', details: { ...DEFAULTS[kind] } };
}

/** The form of a saved application; numbers written as `lang` does (vi: 5,8), as its details show them. */
export function valuesOf(a: PermitApplication, lang: Lang = 'en'): FormValues {
  const details: Record<string, string> = { ...DEFAULTS[a.kind] };
  for (const [k, v] of Object.entries(a.details ?? {}))
    if (v !== null && v !== undefined)
      details[k] = typeof v === 'number' ? formatNumberInput(lang, v) : String(v);
  const where =
    a.geometry.type === 'Point'
      ? formatLngLat(a.geometry.coordinates)
      : a.geometry.coordinates.map(formatLngLat).join('\n');
  return { kind: a.kind, title: a.title, justification: a.justification ?? '', where, details };
}

/** The geometry the `where` text describes for `kind`, or null when it does not parse. */
export function geometryOf(
  kind: PermitKind,
  where: string,
): { type: 'Point'; coordinates: LngLat } | { type: 'LineString'; coordinates: LngLat[] } | null {
  if (isPointKind(kind)) {
    const p = parseLngLat(where);
    return p ? { type: 'Point', coordinates: p } : null;
  }
  const line = parseLine(where);
  return line ? { type: 'LineString', coordinates: line } : null;
}

/** The typed details as the API wants them: numbers parsed, booleans, empty fields left out. */
export function detailsOf(kind: PermitKind, values: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of detailFields(kind)) {
    const raw = (values[field.key] ?? '').trim();
    if (field.kind === 'boolean') out[field.key] = raw === 'true';
    else if (field.kind === 'enumSet' || field.kind === 'organisations') out[field.key] = setItems(raw);
    else if (raw === '') continue;
    else if (field.kind === 'number') {
      const n = parseNumberText(raw);
      out[field.key] = Number.isFinite(n) ? n : raw;
    } else out[field.key] = raw;
  }
  if (kind === 'tower' && out.mounting !== 'rooftop') delete out.buildingHeightM;
  return out;
}

/**
 * The create body, checked with the contract: the body, or every problem by form field
 * (`title`, `where`, `details.heightM`…).
 */
export function buildCreate(
  values: FormValues,
): { ok: true; body: PermitApplicationCreate } | { ok: false; errors: Record<string, string> } {
  const geometry = geometryOf(values.kind, values.where);
  const candidate = {
    kind: values.kind,
    title: values.title,
    justification: values.justification.trim() === '' ? null : values.justification.trim(),
    geometry: geometry ?? undefined,
    details: detailsOf(values.kind, values.details),
  };
  const parsed = permitApplicationCreate.safeParse(candidate);
  if (parsed.success && geometry) return { ok: true, body: parsed.data };
  const errors = parsed.success
    ? {}
    : fieldErrors(
        parsed.error.issues.map((i) => ({
          path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
          message: i.message,
        })),
      );
  if (!geometry) errors.where = 'where';
  return { ok: false, errors };
}

/** Problems by form field: `details.x` for details, `where` for any geometry problem. */
export function fieldErrors(issues: readonly ApiIssue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const [head, second] = issue.path.map(String);
    const key =
      head === 'geometry' ? 'where' : head === 'details' && second ? `details.${second}` : (head ?? '');
    out[key] ??= issue.message;
  }
  return out;
}
