/**
 * Permit applications (issue #9) and the automatic checks' configuration. Operators file, the
 * Construction Department reviews; every transition answers the application with its statutory
 * clock and takes If-Match (the version read). Readers are scoped by the handlers (an operator
 * its organisation's applications, an inspector those filed in their commune): an application a
 * caller may not read answers 404.
 */
import { z } from 'zod';
import { attachmentEndpoints } from './attachment-endpoints.js';
import { endpoint } from './endpoint.js';
import {
  dxfDrawing,
  permitApplication,
  permitApplicationCreate,
  permitApplicationList,
  permitApplicationPatch,
  permitApplicationView,
  permitCheckConfigHistory,
  permitCheckConfigUpdate,
  permitCheckConfigVersion,
  permitComment,
  permitCommentCreate,
  permitCommentList,
  permitDecision,
  permitInfoRequest,
  permitListQuery,
} from './permits.js';

const BASE = '/api/v1/permit-applications';
const TAG = 'permit-applications';
const notFound = { description: 'No such application (or not visible to the caller)' };
const conflict = {
  description: 'Stale If-Match (the current application in `current`), or a step its status does not allow',
};
const byId = z.object({ id: z.guid() });
/** A transition's answer: the application as it now is, with its statutory clock. */
const transitioned = (what: string) => ({
  200: { description: `The application ${what} (ETag: its version)`, schema: permitApplicationView },
  404: notFound,
  409: conflict,
});

export const permitEndpoints = {
  listPermitApplications: endpoint({
    method: 'GET',
    path: BASE,
    tag: TAG,
    summary:
      "Permit applications the caller may read (the reviewers' queue), filtered, each with its statutory clock",
    query: permitListQuery,
    responses: { 200: { description: 'The applications', schema: permitApplicationList } },
  }),
  createPermitApplication: endpoint({
    method: 'POST',
    path: BASE,
    tag: TAG,
    summary: "File a new permit application as a draft of the caller's organisation",
    body: permitApplicationCreate,
    responses: {
      201: { description: 'The draft as stored (ETag: its version; Location)', schema: permitApplication },
    },
  }),
  getPermitApplication: endpoint({
    method: 'GET',
    path: `${BASE}/:id`,
    tag: TAG,
    summary: 'One permit application with its statutory clock (ETag: its version)',
    params: byId,
    responses: { 200: { description: 'The application', schema: permitApplicationView }, 404: notFound },
  }),
  runPermitChecks: endpoint({
    method: 'POST',
    path: `${BASE}/:id/checks`,
    tag: TAG,
    summary: 'Run the automatic checks again (e.g. after the plan changed) and store their results',
    params: byId,
    responses: {
      200: {
        description: 'The application with the new results (ETag: its version)',
        schema: permitApplicationView,
      },
      404: notFound,
    },
  }),
  updatePermitApplication: endpoint({
    method: 'PATCH',
    path: `${BASE}/:id`,
    tag: TAG,
    ifMatch: 'required',
    summary:
      'Edit a draft (or an application the reviewer asked more information about) under If-Match; `details` and `geometry` are checked against its kind',
    params: byId,
    body: permitApplicationPatch,
    responses: transitioned('as edited'),
  }),
  submitPermitApplication: endpoint({
    method: 'POST',
    path: `${BASE}/:id/submit`,
    tag: TAG,
    ifMatch: 'required',
    summary:
      'File a draft (or answer a request for more information) under If-Match: the checks run, the application is frozen',
    params: byId,
    responses: transitioned('as submitted, with its checks'),
  }),
  requestPermitInfo: endpoint({
    method: 'POST',
    path: `${BASE}/:id/request-info`,
    tag: TAG,
    ifMatch: 'required',
    summary: 'Send a submitted application back to the applicant for more information (If-Match)',
    params: byId,
    body: permitInfoRequest,
    responses: transitioned('sent back'),
  }),
  decidePermitApplication: endpoint({
    method: 'POST',
    path: `${BASE}/:id/decision`,
    tag: TAG,
    ifMatch: 'required',
    summary:
      "The reviewer's decision under If-Match: approve (creating the asset, under construction), approve with conditions, reject with a reason, or close as exempt; numbered, with its document",
    params: byId,
    body: permitDecision,
    responses: transitioned('as decided'),
  }),
  permitDecisionDocument: endpoint({
    method: 'GET',
    path: `${BASE}/:id/decision.pdf`,
    tag: TAG,
    summary: 'The decision document stored with the decision',
    params: byId,
    responses: {
      200: { description: 'The decision (PDF)', contentType: 'application/pdf' },
      404: { description: 'No such application, or no decision yet' },
    },
  }),
  permitWorksDxf: endpoint({
    method: 'GET',
    path: `${BASE}/:id/works.dxf`,
    tag: TAG,
    summary:
      "The application's works as a DXF drawing for CAD (VN-2000 TM-3 Hải Phòng, EPSG:9210, metres; layer HT_PERMIT_<KIND>)",
    params: byId,
    responses: {
      200: { description: 'The drawing (DXF, UTF-8)', contentType: 'image/vnd.dxf' },
      404: notFound,
    },
  }),
  permitAttachmentDrawing: endpoint({
    method: 'GET',
    path: `${BASE}/:id/attachments/:attachmentId/drawing.geojson`,
    tag: TAG,
    summary:
      'An attached DXF drawing as GeoJSON (WGS 84) for the map, read as VN-2000 TM-3 Hải Phòng; DWG and binary DXF are not drawn (422)',
    params: z.object({ id: z.guid(), attachmentId: z.guid() }),
    responses: {
      200: { description: 'The drawing’s entities', schema: dxfDrawing },
      404: { description: 'No such application or attachment (or not visible to the caller)' },
      422: { description: 'The attachment is not a DXF that can be drawn (a DWG, a binary DXF)' },
    },
  }),
  listPermitComments: endpoint({
    method: 'GET',
    path: `${BASE}/:id/comments`,
    tag: TAG,
    summary: 'The conversation on an application, oldest first',
    params: byId,
    responses: { 200: { description: 'The comments', schema: permitCommentList }, 404: notFound },
  }),
  addPermitComment: endpoint({
    method: 'POST',
    path: `${BASE}/:id/comments`,
    tag: TAG,
    summary: 'Add a comment (by the applicant organisation, a reviewer or an admin)',
    params: byId,
    body: permitCommentCreate,
    responses: { 201: { description: 'The comment as stored', schema: permitComment }, 404: notFound },
  }),
  withdrawPermitApplication: endpoint({
    method: 'POST',
    path: `${BASE}/:id/withdraw`,
    tag: TAG,
    ifMatch: 'required',
    summary: 'Withdraw an application before its decision (If-Match)',
    params: byId,
    responses: transitioned('withdrawn'),
  }),
  getPermitCheckConfig: endpoint({
    method: 'GET',
    path: '/api/v1/permit-check-config',
    tag: 'permit-check-config',
    summary: "The automatic checks' current parameters (ETag: their version; 0 = the built-in defaults)",
    responses: { 200: { description: 'The current version', schema: permitCheckConfigVersion } },
  }),
  updatePermitCheckConfig: endpoint({
    method: 'PUT',
    path: '/api/v1/permit-check-config',
    tag: 'permit-check-config',
    ifMatch: 'required',
    summary:
      "Store new parameters as the next version under If-Match (planners: the airport's only, else 403)",
    body: permitCheckConfigUpdate,
    responses: {
      200: { description: 'The new version (ETag: its version)', schema: permitCheckConfigVersion },
      409: { description: 'Stale If-Match: the current version in `current`' },
    },
  }),
  permitCheckConfigHistory: endpoint({
    method: 'GET',
    path: '/api/v1/permit-check-config/history',
    tag: 'permit-check-config',
    summary: "Every version of the checks' parameters, newest first (the built-in defaults last)",
    responses: { 200: { description: 'The versions', schema: permitCheckConfigHistory } },
  }),
} as const;

/** Drawings, owners' consent and other files of an application (the decision document too). */
export const permitAttachmentEndpoints = attachmentEndpoints(BASE, TAG, 'permit application');
