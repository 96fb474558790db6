/**
 * The columns of the sharing downloads (tower-sharing report, dig-once notices, undergrounding
 * candidates) over the answers the JSON routes give: CSV headers in snake_case, lengths and
 * heights in metres, positions `[lng, lat]` WGS 84.
 */
import type { LngLat } from '@hatang/analysis';
import { type CsvColumn, toCsv } from '../../http/downloads.js';

type Orgs = ReadonlyMap<string, { code: string; name: string }>;

interface Utilisation {
  towers: number;
  singleTenantTowers: number;
  tenantSlots: number;
  tenants: number;
  utilisationPercent: number;
}

export interface TowerReportAnswer {
  underused: {
    towerId: string;
    towerCode: string | null;
    ownerOrgId: string;
    unitCode: string | null;
    heightM: number;
    tenantsMax: number;
    freeTenantSlots: number;
  }[];
  clusters: {
    towerIds: string[];
    ownerOrgIds: string[];
    maxLinkM: number;
    centre: LngLat;
    unitCodes: string[];
  }[];
  byOwner: (Utilisation & { ownerOrgId: string; ownerCode: string | null; ownerName: string | null })[];
  byUnit: (Utilisation & { unitCode: string | null })[];
}

const utilisationColumns = <T extends Utilisation>(): CsvColumn<T>[] => [
  { header: 'towers', value: (u) => u.towers },
  { header: 'single_tenant_towers', value: (u) => u.singleTenantTowers },
  { header: 'tenant_slots', value: (u) => u.tenantSlots },
  { header: 'tenants', value: (u) => u.tenants },
  { header: 'utilisation_percent', value: (u) => u.utilisationPercent },
];

/** One table of the city-wide report as CSV. */
export function towerReportCsv(
  report: TowerReportAnswer,
  table: 'underused' | 'clusters' | 'byOwner' | 'byUnit',
  orgs: Orgs,
): string {
  const orgCode = (id: string) => orgs.get(id)?.code ?? id;
  switch (table) {
    case 'underused':
      return toCsv(report.underused, [
        { header: 'tower_code', value: (u) => u.towerCode },
        { header: 'owner_code', value: (u) => orgCode(u.ownerOrgId) },
        { header: 'owner_name', value: (u) => orgs.get(u.ownerOrgId)?.name },
        { header: 'commune_code', value: (u) => u.unitCode },
        { header: 'height_m', value: (u) => u.heightM },
        { header: 'tenants_max', value: (u) => u.tenantsMax },
        { header: 'free_tenant_slots', value: (u) => u.freeTenantSlots },
      ]);
    case 'clusters':
      return toCsv(report.clusters, [
        { header: 'towers', value: (k) => k.towerIds.length },
        { header: 'owners', value: (k) => k.ownerOrgIds.map(orgCode).join(' ') },
        { header: 'max_link_m', value: (k) => k.maxLinkM },
        { header: 'centre_lng', value: (k) => k.centre[0] },
        { header: 'centre_lat', value: (k) => k.centre[1] },
        { header: 'commune_codes', value: (k) => k.unitCodes.join(' ') },
      ]);
    case 'byOwner':
      return toCsv(report.byOwner, [
        { header: 'owner_code', value: (o) => o.ownerCode },
        { header: 'owner_name', value: (o) => o.ownerName },
        ...utilisationColumns<TowerReportAnswer['byOwner'][number]>(),
      ]);
    case 'byUnit':
      return toCsv(report.byUnit, [
        { header: 'commune_code', value: (u) => u.unitCode },
        ...utilisationColumns<TowerReportAnswer['byUnit'][number]>(),
      ]);
  }
}

/** The report on a map: underused towers and consolidation clusters as points. */
export function towerReportGeoJson(
  report: TowerReportAnswer,
  towers: readonly { id: string; position: LngLat }[],
  orgs: Orgs,
) {
  const at = new Map(towers.map((t) => [t.id, t.position]));
  return {
    type: 'FeatureCollection' as const,
    name: 'tower-sharing',
    features: [
      ...report.underused.map((u) => ({
        type: 'Feature' as const,
        id: u.towerId,
        geometry: { type: 'Point' as const, coordinates: at.get(u.towerId) ?? null },
        properties: { kind: 'underused_tower', ...u, ownerCode: orgs.get(u.ownerOrgId)?.code ?? null },
      })),
      ...report.clusters.map((k, i) => ({
        type: 'Feature' as const,
        id: `cluster-${i + 1}`,
        geometry: { type: 'Point' as const, coordinates: k.centre },
        properties: { kind: 'consolidation_cluster', ...k },
      })),
    ],
  };
}

export interface NoticeRow {
  org: { code: string | null; name: string | null };
  role: string;
  coordinateWith: { code: string | null; name: string | null };
  telecomWork: { kind: string; code: string | null };
  civilWork: { code: string | null; name: string | null; sector: string };
  sharedLengthM: number;
  window: { startsOn: string; endsOn: string } | null;
}

/** Dig-once notices as CSV: who coordinates with whom, on which works, how long, when. */
export function digOnceCsv(notices: readonly NoticeRow[]): string {
  return toCsv(notices, [
    { header: 'organisation', value: (n) => n.org.name ?? n.org.code },
    { header: 'role', value: (n) => n.role },
    { header: 'coordinate_with', value: (n) => n.coordinateWith.name ?? n.coordinateWith.code },
    { header: 'telecom_work_kind', value: (n) => n.telecomWork.kind },
    { header: 'telecom_work_code', value: (n) => n.telecomWork.code },
    { header: 'civil_work_code', value: (n) => n.civilWork.code },
    { header: 'civil_work_name', value: (n) => n.civilWork.name },
    { header: 'sector', value: (n) => n.civilWork.sector },
    { header: 'shared_length_m', value: (n) => Math.round(n.sharedLengthM) },
    { header: 'window_starts_on', value: (n) => n.window?.startsOn },
    { header: 'window_ends_on', value: (n) => n.window?.endsOn },
  ]);
}

export interface CandidateFeature {
  properties: {
    rank: number;
    code: string;
    ownerCode: string | null;
    streetName: string | null;
    streetClass: string | null;
    lengthM: number;
    score: number;
    spareDuctIds: string[];
    civilWorkIds: string[];
  };
}

/** Undergrounding candidates as CSV, in rank order. */
export function candidatesCsv(features: readonly CandidateFeature[]): string {
  return toCsv(features, [
    { header: 'rank', value: (f) => f.properties.rank },
    { header: 'cable_code', value: (f) => f.properties.code },
    { header: 'owner_code', value: (f) => f.properties.ownerCode },
    { header: 'street_name', value: (f) => f.properties.streetName },
    { header: 'street_class', value: (f) => f.properties.streetClass },
    { header: 'length_m', value: (f) => Math.round(f.properties.lengthM * 10) / 10 },
    { header: 'score', value: (f) => f.properties.score },
    { header: 'spare_ducts', value: (f) => f.properties.spareDuctIds.length },
    { header: 'civil_works', value: (f) => f.properties.civilWorkIds.length },
  ]);
}
