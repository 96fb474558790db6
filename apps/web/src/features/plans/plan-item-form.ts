import {
  PLAN_ITEM_ATTRIBUTES,
  PLAN_ITEM_GEOMETRY,
  type PlanItemKind,
  planItemStatus,
  planPhase,
} from '@hatang/contracts';
import type { ApiIssue } from '../../lib/api-client';
import type { PlanItem } from './plans-api';

export const PHASES = planPhase.options;
export const STATUSES = planItemStatus.options;

/** One kind-specific attribute as the form shows it (read from the contract's zod schema). */
export interface AttributeField {
  key: string;
  type: 'number' | 'integer' | 'enum' | 'boolean';
  options: readonly string[];
  required: boolean;
}

interface SchemaLike {
  def: { type: string; innerType?: SchemaLike; entries?: Record<string, string> };
  isInt?: boolean | null;
}

/** The attribute fields of `kind`, in the contract's order. */
export function attributeFields(kind: PlanItemKind): AttributeField[] {
  const shape = PLAN_ITEM_ATTRIBUTES[kind].shape as Record<string, SchemaLike>;
  return Object.entries(shape).map(([key, schema]) => {
    const required = schema.def.type !== 'optional';
    const inner = schema.def.type === 'optional' && schema.def.innerType ? schema.def.innerType : schema;
    if (inner.def.type === 'enum')
      return { key, type: 'enum', options: Object.values(inner.def.entries ?? {}), required };
    if (inner.def.type === 'boolean') return { key, type: 'boolean', options: [], required };
    return { key, type: inner.isInt ? 'integer' : 'number', options: [], required };
  });
}

export const geometryTypeOf = (kind: PlanItemKind) => PLAN_ITEM_GEOMETRY[kind];

/** What the form's inputs hold: text, as typed ('' = not given). */
export interface ItemFormValues {
  name: string;
  phase: string;
  status: string;
  responsibleOrgId: string;
  notes: string;
  attributes: Record<string, string>;
}

export function emptyFormValues(kind: PlanItemKind): ItemFormValues {
  const attributes: Record<string, string> = {};
  for (const field of attributeFields(kind)) attributes[field.key] = '';
  return { name: '', phase: '2026-2027', status: 'planned', responsibleOrgId: '', notes: '', attributes };
}

export function formValuesOf(item: PlanItem): ItemFormValues {
  const p = item.properties;
  const attributes: Record<string, string> = {};
  for (const field of attributeFields(p.kind)) {
    const value = p.attributes[field.key];
    attributes[field.key] = value === undefined || value === null ? '' : String(value);
  }
  return {
    name: p.name ?? '',
    phase: p.phase ?? '',
    status: p.status,
    responsibleOrgId: p.responsibleOrgId ?? '',
    notes: p.notes ?? '',
    attributes,
  };
}

/**
 * The API's `properties` for the form: empty text → null (or left out for attributes), numbers
 * parsed (a comma as decimal mark is accepted), booleans from 'true'/'false'. Text that is not a
 * number is sent as typed, so the API names the problem on its field.
 */
export function toItemProperties(kind: PlanItemKind, values: ItemFormValues): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  for (const field of attributeFields(kind)) {
    const raw = (values.attributes[field.key] ?? '').trim();
    if (raw === '') continue;
    if (field.type === 'boolean') attributes[field.key] = raw === 'true';
    else if (field.type === 'enum') attributes[field.key] = raw;
    else {
      const n = Number(raw.replace(',', '.'));
      attributes[field.key] = Number.isFinite(n) ? n : raw;
    }
  }
  const text = (v: string) => (v.trim() === '' ? null : v.trim());
  return {
    kind,
    name: text(values.name),
    phase: text(values.phase),
    status: values.status,
    responsibleOrgId: text(values.responsibleOrgId),
    notes: text(values.notes),
    attributes,
  };
}

/**
 * The API's problems by form field: `properties.attributes.maxHeightM` → `attributes.maxHeightM`,
 * `properties.name` → `name`, anything under `geometry` → `geometry`; the first message per field.
 */
export function fieldErrors(issues: readonly ApiIssue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const [head, ...rest] = issue.path.map(String);
    let key: string;
    if (head === 'geometry') key = 'geometry';
    else if (head === 'properties' && rest[0] === 'attributes' && rest[1]) key = `attributes.${rest[1]}`;
    else if (head === 'properties' && rest[0]) key = rest[0];
    else key = head ?? '';
    out[key] ??= issue.message;
  }
  return out;
}
