/**
 * CAD drawings and permit applications, both ways:
 * - `GET /permit-applications/:id/works.dxf` — the works (tower, pole line, duct works, in-building
 *   site) as a DXF drawing in VN-2000 TM-3 Hải Phòng (EPSG:9210), metres, on the layer
 *   `HT_PERMIT_<KIND>` (`HT_PERMIT_TOWER`, `HT_PERMIT_POLE_LINE`, `HT_PERMIT_DUCT_WORKS`,
 *   `HT_PERMIT_IN_BUILDING`); written in the compute pool;
 * - an uploaded DXF is read in the parse pool before it is stored (limits on entities and block
 *   nesting: a file past them is refused, nothing written), and
 *   `GET /permit-applications/:id/attachments/:attachmentId/drawing.geojson` serves its entities
 *   in WGS 84 for the reviewer's map, read again in the parse pool. A DWG or a binary DXF is stored
 *   and downloadable but not drawn (422 here).
 * Both routes read as the application itself does (404 for an application the caller may not read).
 */
import { type DxfDrawing, permitEndpoints as endpoints } from '@hatang/contracts';
import { FormatError, LimitError } from '@hatang/geo/formats';
import type { Context } from 'hono';
import { readAttachment, type UploadedAttachment } from '../../attachments/index.js';
import type { AppEnv } from '../../context.js';
import { ApiError } from '../../errors.js';
import { defineRoute, reply } from '../../http/define-route.js';
import { readInPool } from '../../jobs/parse-pool.js';
import { assertMayRead, RECORD_READERS } from './permit-access.js';
import { findApplication } from './permit-repository.js';

const resource = 'permit-applications';

/** `pole_line` → `HT_PERMIT_POLE_LINE`. */
export const permitLayer = (kind: string) => `HT_PERMIT_${kind.toUpperCase()}`;

const BINARY_DXF = 'AutoCAD Binary DXF';
const isBinaryDxf = (bytes: Uint8Array) =>
  new TextDecoder('latin1').decode(bytes.subarray(0, BINARY_DXF.length)) === BINARY_DXF;

const notDrawable = (message: string) =>
  new ApiError(422, 'DRAWING_NOT_READABLE', message, [{ path: ['file'], message }]);

type DrawingRead = Omit<DxfDrawing, 'type' | 'sourceCrs'>;

/** Reads a DXF's bytes in the parse pool; 422 naming the limit or the problem, 503 when the pool is full. */
async function readDrawing(c: Context<AppEnv>, bytes: Uint8Array): Promise<DrawingRead> {
  try {
    return await readInPool<DrawingRead>(c, { kind: 'dxf', bytes }, 'file');
  } catch (error) {
    if (error instanceof FormatError && !(error instanceof LimitError)) throw notDrawable(error.message);
    throw error;
  }
}

/**
 * The permit routes' check of an upload before it is stored: an ASCII DXF must read within the
 * limits (422 otherwise, nothing saved). A binary DXF and a DWG are taken as they are.
 */
export async function inspectDrawing(c: Context<AppEnv>, upload: UploadedAttachment): Promise<void> {
  if (upload.mediaType !== 'image/vnd.dxf' || isBinaryDxf(upload.bytes)) return;
  await readDrawing(c, upload.bytes);
}

export const permitDrawingRoutes = [
  defineRoute(
    endpoints.permitWorksDxf,
    { resource, action: 'read', rule: RECORD_READERS },
    async (c, { params }) => {
      const a = assertMayRead(c.get('principal'), await findApplication(c.var.services.db, params.id));
      const compute = c.var.services.compute;
      if (!compute) throw new Error('DXF exports need the compute pool (app.ts sets it)');
      const layer = permitLayer(a.kind);
      const made = await compute.run(
        {
          kind: 'dxf',
          input: {
            title: `${a.title} (${a.kind}, ${a.status})`,
            layers: [{ name: layer, color: 1 }],
            features: [
              {
                layer,
                geometry: a.geometry,
                code: a.decisionNumber ?? a.id.slice(0, 8),
                name: a.title,
                status: a.status,
              },
            ],
          },
        },
        c.req.raw.signal,
      );
      c.header('Content-Type', made.contentType);
      c.header('Content-Disposition', `attachment; filename="permit-${a.id.slice(0, 8)}-works-EPSG9210.dxf"`);
      c.header('Cache-Control', 'private, no-store');
      return c.body(typeof made.body === 'string' ? made.body : new Uint8Array(made.body));
    },
  ),
  defineRoute(
    endpoints.permitAttachmentDrawing,
    { resource, action: 'read', rule: RECORD_READERS },
    async (c, { params }) => {
      const db = c.var.services.db;
      const a = assertMayRead(c.get('principal'), await findApplication(db, params.id));
      const file = await readAttachment(db, { kind: 'permit_application', id: a.id }, params.attachmentId);
      if (file.mediaType === 'image/vnd.dwg')
        throw notDrawable('A DWG drawing cannot be drawn on the map; attach it as a DXF as well');
      if (file.mediaType !== 'image/vnd.dxf') throw notDrawable(`"${file.fileName}" is not a DXF drawing`);
      if (isBinaryDxf(file.bytes))
        throw notDrawable('A binary DXF cannot be drawn on the map; save the drawing as an ASCII DXF');
      const read = await readDrawing(c, file.bytes);
      c.header('Cache-Control', 'private, max-age=0');
      return reply(c, endpoints.permitAttachmentDrawing, 200, {
        type: 'FeatureCollection',
        sourceCrs: 'EPSG:9210',
        features: read.features,
        layers: read.layers,
        skipped: read.skipped,
        bbox: read.bbox,
      });
    },
  ),
];
