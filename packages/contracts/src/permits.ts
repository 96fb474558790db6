/**
 * Permit applications for telecom works (issue #9): a new tower, a pole line, duct/trench works,
 * or in-building works (cabling and indoor mobile systems, issue #17), filed by an operator and
 * reviewed by the Construction Department. Geometry is WGS 84 `[lng, lat]`; heights and distances
 * in metres; EIRP in watts.
 */
import { z } from 'zod';
import { isoDate, metres, uuid } from './common.js';
import { lineStringGeometry, pointGeometry } from './geometry.js';
import { permitCheckConfig } from './permit-check-config.js';
import { permitBuildingType, permitInBuildingWork } from './permit-in-building.js';

export const permitKind = z.enum(['tower', 'pole_line', 'duct_works', 'in_building']);
export type PermitKind = z.infer<typeof permitKind>;

/**
 * draft → submitted → (info_requested → submitted)* → approved | approved_with_conditions |
 * rejected | exempt; withdrawn by the applicant before a decision.
 */
export const permitStatus = z.enum([
  'draft',
  'submitted',
  'info_requested',
  'approved',
  'approved_with_conditions',
  'rejected',
  'exempt',
  'withdrawn',
]);
export type PermitStatus = z.infer<typeof permitStatus>;

/** The statuses the applicant may still edit (a submitted application is frozen). */
export const isApplicantEditable = (status: PermitStatus) =>
  status === 'draft' || status === 'info_requested';
/** The statuses from which the applicant may withdraw. */
export const isWithdrawable = (status: PermitStatus) =>
  status === 'draft' || status === 'submitted' || status === 'info_requested';

/**
 * Tower classes: A1 non-bulky (on a building), A2a–c bulky (ground towers). legal:
 * jc-15-2016-ttlt-btttt-bxd (bulky / non-bulky columns); legal: hp-kh-153-2018-kh-ubnd (the A1 and
 * A2a names); the document defining A2b and A2c was not identified.
 */
export const permitTowerClass = z.enum(['A1', 'A2a', 'A2b', 'A2c']);

const title = z.string().trim().min(1, 'must not be empty').max(200);
const justification = z.string().trim().max(4000).nullable().optional();

export const towerDetails = z
  .object({
    towerClass: permitTowerClass,
    /** Structure height above its base (ground or roof), m. */
    heightM: metres(300),
    structure: z.enum(['lattice', 'monopole', 'guyed', 'rooftop_column', 'camouflaged']),
    mounting: z.enum(['on_ground', 'rooftop']),
    /** Rooftop only: the building's height, m. */
    buildingHeightM: metres(500).optional(),
    isCamouflaged: z.boolean().default(false),
    /** Declared effective isotropic radiated power of the strongest antenna, W. */
    eirpW: z.number().positive('must be greater than 0 W').max(100000),
    /** Declared horizontal distance to the nearest building, m. */
    nearestBuildingM: z.number().min(0).max(10000),
  })
  .superRefine((d, ctx) => {
    if (d.mounting === 'rooftop' && d.buildingHeightM === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['buildingHeightM'],
        message: 'a rooftop tower needs the building height',
      });
    }
  });
export type TowerDetails = z.infer<typeof towerDetails>;

export const poleLineDetails = z.object({ poleCount: z.number().int().min(1).max(10000).optional() });

export const ductWorksDetails = z
  .object({
    startsOn: isoDate,
    endsOn: isoDate,
    method: z.enum(['trench', 'duct', 'micro_trench']).default('duct'),
  })
  .refine((d) => d.endsOn >= d.startsOn, { path: ['endsOn'], message: 'must not be before startsOn' });

/** Items of a list that appear more than once: an issue at each repeat (path: its index). */
const noRepeats =
  <T>(message: string) =>
  (items: readonly T[], ctx: z.RefinementCtx) => {
    items.forEach((item, i) => {
      if (items.indexOf(item) !== i) ctx.addIssue({ code: 'custom', path: [i], message });
    });
  };

/**
 * In-building works (legal: plan-317-2025-kh-ubnd V.1 asks the city to regulate telecom cabling
 * and indoor mobile systems in apartment buildings and public works; that regulation is not
 * issued yet). The geometry is the building, a Point.
 */
export const inBuildingWorksDetails = z
  .object({
    buildingName: z.string().trim().min(1, 'must not be empty').max(200),
    buildingType: permitBuildingType,
    /** Storeys above ground, 1–200. */
    floors: z.number().int('must be a whole number').min(1).max(200),
    /** What is to be installed: a set of works, each at most once. */
    works: z
      .array(permitInBuildingWork)
      .min(1, 'choose at least one kind of works')
      .max(permitInBuildingWork.options.length)
      .superRefine(noRepeats('listed twice')),
    /** Whether the system will be shared by several operators. */
    isShared: z.boolean().default(false),
    /** The operators (organisation ids) the system is to serve, at most 20. */
    operatorOrgIds: z
      .array(uuid)
      .max(20, 'at most 20 operators')
      .default([])
      .superRefine(noRepeats('listed twice')),
    /**
     * The in-building system record the works concern, if any (a plain id: the register of
     * in-building systems is kept elsewhere, and no foreign key ties the two).
     */
    inBuildingSystemId: uuid.nullable().optional(),
  })
  .superRefine((d, ctx) => {
    if (d.isShared && d.operatorOrgIds.length < 2)
      ctx.addIssue({
        code: 'custom',
        path: ['operatorOrgIds'],
        message: 'a shared system serves at least 2 operators',
      });
  });
export type InBuildingWorksDetails = z.infer<typeof inBuildingWorksDetails>;

const common = { title, justification, siteOfferId: uuid.nullable().optional() };

/** A new application (saved as a draft). */
export const permitApplicationCreate = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('tower'), geometry: pointGeometry, details: towerDetails, ...common }),
  z.object({
    kind: z.literal('pole_line'),
    geometry: lineStringGeometry,
    details: poleLineDetails,
    ...common,
  }),
  z.object({
    kind: z.literal('duct_works'),
    geometry: lineStringGeometry,
    details: ductWorksDetails,
    ...common,
  }),
  z.object({
    kind: z.literal('in_building'),
    geometry: pointGeometry,
    details: inBuildingWorksDetails,
    ...common,
  }),
]);
export type PermitApplicationCreate = z.infer<typeof permitApplicationCreate>;

/**
 * A change to a draft (or an application under "request more information"): any of the fields;
 * `details` replaces the whole object and is checked against the application's kind.
 */
export const permitApplicationPatch = z
  .object({
    title: title.optional(),
    justification,
    siteOfferId: uuid.nullable().optional(),
    geometry: z.unknown().optional(),
    details: z.unknown().optional(),
  })
  .strict();
export type PermitApplicationPatch = z.infer<typeof permitApplicationPatch>;

/** The reviewer asks the applicant for more information. */
export const permitInfoRequest = z.object({
  reason: z.string().trim().min(1, 'must not be empty').max(4000),
});

/** The reviewer's decision. Conditions are required for approved_with_conditions, a reason for rejected. */
export const permitDecision = z
  .object({
    outcome: z.enum(['approved', 'approved_with_conditions', 'rejected', 'exempt']),
    reason: z.string().trim().max(4000).optional(),
    conditions: z.array(z.string().trim().min(1).max(1000)).max(50).default([]),
  })
  .superRefine((d, ctx) => {
    if (d.outcome === 'approved_with_conditions' && d.conditions.length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['conditions'],
        message: 'approval with conditions needs at least one',
      });
    if (d.outcome === 'rejected' && !d.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'a rejection needs a reason' });
  });
export type PermitDecision = z.infer<typeof permitDecision>;

export const permitCheckResult = z.enum(['pass', 'warn', 'fail', 'not_applicable', 'exempt']);
export type PermitCheckResult = z.infer<typeof permitCheckResult>;

const unitCode = z.string().regex(/^[0-9]{5}$/, 'must be a 5-digit admin unit code');

/**
 * Query of the list (the reviewers' queue): filters by status, kind and commune (`adminUnitCode`,
 * or its older name `commune`), `overdue=true` for applications awaiting a decision past the
 * statutory period; `sort=oldest` (submission first, for reviewers) or `newest` (created, default).
 */
export const permitListQuery = z.object({
  status: permitStatus.optional(),
  kind: permitKind.optional(),
  commune: unitCode.optional(),
  adminUnitCode: unitCode.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  sort: z.enum(['oldest', 'newest']).default('newest'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type PermitListQuery = z.infer<typeof permitListQuery>;

/** A comment on an application (applicant organisation, reviewers, admins). */
export const permitCommentCreate = z.strictObject({
  text: z.string().trim().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters'),
});

/** What an attachment of an application is for (the decision document is the server's own). */
export const permitAttachmentPurpose = z.enum(['drawing', 'owner_consent', 'other']);

/** `PUT /permit-check-config`: the whole new parameter set and why it changed. */
export const permitCheckConfigUpdate = z.strictObject({
  params: permitCheckConfig,
  note: z.string().trim().max(1000).optional(),
});

// ---- What the permit routes answer ----

/** `[lng, lat]` as stored (WGS 84). */
const storedLngLat = z.tuple([z.number(), z.number()]);

/** One automatic check's stored result, with the geometry that proves it (if any). */
export const permitCheckOutcome = z.object({
  /** The check's name (kebab-case), stable across versions. */
  check: z.string(),
  result: permitCheckResult,
  reason: z.object({ vi: z.string(), en: z.string() }),
  geometry: z
    .object({
      type: z.enum(['Point', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon']),
      coordinates: z.unknown(),
    })
    .optional(),
});
export type PermitCheckOutcome = z.infer<typeof permitCheckOutcome>;

/** A permit application as stored; geometry WGS 84 `[lng, lat]`, times ISO 8601 UTC. */
export const permitApplication = z.object({
  id: z.string(),
  kind: permitKind,
  status: permitStatus,
  applicantOrgId: z.string(),
  adminUnitCode: z.string().nullable(),
  title: z.string(),
  /** The kind's details (towerDetails, poleLineDetails, ductWorksDetails or inBuildingWorksDetails). */
  details: z.record(z.string(), z.unknown()),
  justification: z.string().nullable(),
  siteOfferId: z.string().nullable(),
  reviewNote: z.string().nullable(),
  conditions: z.array(z.string()),
  /** The last run's results (the applicant's view unless the reader is city staff); null before a run. */
  checks: z.array(permitCheckOutcome).nullable(),
  checkedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  /** The reviewer who decided (city staff only; null for everyone else). */
  decidedBy: z.string().nullable(),
  geometry: z.discriminatedUnion('type', [
    z.object({ type: z.literal('Point'), coordinates: storedLngLat }),
    z.object({ type: z.literal('LineString'), coordinates: z.array(storedLngLat) }),
  ]),
  version: z.number().int(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The decision's number, e.g. `0012/GPXD-SXD` (null before a decision). */
  decisionNumber: z.string().nullable(),
  /** The asset an approval created (status under_construction): resource, first id, every id. */
  asset: z
    .object({ resource: z.enum(['towers', 'ducts', 'poles']), id: z.string(), ids: z.array(z.string()) })
    .nullable(),
  /** The permit_check_config version the stored checks ran with (0 = built-in defaults). */
  checkConfigVersion: z.number().int().nullable(),
});
export type PermitApplicationBody = z.infer<typeof permitApplication>;

/** An application with its statutory clock (the deadline of a decision). */
export const permitApplicationView = permitApplication.extend({
  /** Calendar days (Vietnam time) from the submission to the decision, or to today; null before submission. */
  daysElapsed: z.number().int().nullable(),
  /** When the statutory period ends (ISO 8601); null before submission. */
  dueAt: z.string().nullable(),
  /** Awaiting a decision (submitted) past `dueAt`. */
  overdue: z.boolean(),
  /** The statutory period the deadline counts, days. */
  statutoryPeriodDays: z.number().int(),
});
export type PermitApplicationView = z.infer<typeof permitApplicationView>;

export const permitApplicationList = z.object({
  items: z.array(permitApplicationView),
  statutoryPeriodDays: z.number().int(),
});

/** A comment on an application as stored, with its author. */
export const permitComment = z.object({
  id: z.string(),
  applicationId: z.string(),
  text: z.string(),
  author: z.object({
    userId: z.string().nullable(),
    displayName: z.string().nullable(),
    orgId: z.string().nullable(),
  }),
  /** Flat copies of the author, for lists: name, organisation name, user id. */
  authorName: z.string().nullable(),
  authorOrgName: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type PermitCommentBody = z.infer<typeof permitComment>;
export const permitCommentList = z.object({ items: z.array(permitComment) });

/** One version of the checks' configuration (version 0: the built-in defaults, no id nor time). */
export const permitCheckConfigVersion = z.object({
  version: z.number().int(),
  id: z.string().nullable(),
  params: permitCheckConfig,
  note: z.string().nullable(),
  /** Who changed it (city staff only; null for everyone else). */
  createdBy: z.string().nullable(),
  createdAt: z.string().nullable(),
});
export type PermitCheckConfigVersion = z.infer<typeof permitCheckConfigVersion>;
export const permitCheckConfigHistory = z.object({ items: z.array(permitCheckConfigVersion) });

/**
 * A DXF drawing attached to an application, as GeoJSON for the reviewer's map: its entities
 * (blocks expanded) read as VN-2000 TM-3 Hải Phòng (EPSG:9210) metres and transformed to WGS 84
 * `[lng, lat]`. `skipped` counts entities not drawn (unsupported, or in local coordinates).
 */
export const dxfDrawing = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      geometry: z.discriminatedUnion('type', [
        z.object({ type: z.literal('Point'), coordinates: storedLngLat }),
        z.object({ type: z.literal('LineString'), coordinates: z.array(storedLngLat) }),
        z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(storedLngLat)) }),
      ]),
      properties: z.object({
        /** The DXF layer. */
        layer: z.string(),
        /** The DXF entity type (LINE, LWPOLYLINE, CIRCLE, TEXT…). */
        entity: z.string(),
        /** The block it was inserted from, if any. */
        block: z.string().nullable(),
        /** TEXT / MTEXT content. */
        text: z.string().nullable(),
      }),
    }),
  ),
  /** The CRS the drawing was read in. */
  sourceCrs: z.literal('EPSG:9210'),
  layers: z.array(z.string()),
  skipped: z.number().int(),
  /** [minLng, minLat, maxLng, maxLat]; null when nothing could be drawn. */
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
});
export type DxfDrawing = z.infer<typeof dxfDrawing>;
