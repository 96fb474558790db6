import type { LineString, Point, Polygon, Position } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import {
  type GeoJSONStoreFeatures,
  type SnapToCustom,
  TerraDraw,
  TerraDrawLineStringMode,
  TerraDrawPointMode,
  TerraDrawPolygonMode,
  TerraDrawSelectMode,
} from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import { exactPoint } from './exact-points';
import { nearestSnapTarget, type SnapTarget } from './snapping';

/**
 * The geometries the editors draw: points (towers, poles, manholes), lines (ducts, routes,
 * trenches) and polygons (plan tower areas and zones).
 */
export type DrawnGeometry = Point | LineString | Polygon;
export type DrawKind = 'Point' | 'LineString' | 'Polygon';

const MODE_OF: Record<DrawKind, 'point' | 'linestring' | 'polygon'> = {
  Point: 'point',
  LineString: 'linestring',
  Polygon: 'polygon',
};

export interface DrawControllerOptions {
  /**
   * Prefix of the drawing layers' ids: two controllers on one map (the asset editor and the plan
   * panel) need different ones. Default terra-draw's own.
   */
  prefixId?: string;
  /**
   * More places a vertex may snap to (e.g. the vertices of the plan items shown): the point near
   * the screen position (x, y), `[lng, lat]`, with its distance in pixels, or null. The nearer of
   * this and the nearest manhole or pole wins.
   */
  snapTo?: (x: number, y: number) => { coordinates: Position; distancePx: number } | null;
}

const EDIT_COLOR = '#2563eb';
/** Degrees within which a vertex is where a snap put it (terra-draw rounds to 8 decimals). */
const SAME_VERTEX_DEG = 1e-7;
/** Snaps remembered for refinement: enough for any line drawn by hand. */
const MAX_SNAPS = 500;

/**
 * The drawing tool on the map (terra-draw): draw one point or line, then move the point or drag,
 * insert and delete the line's vertices. Line vertices snap to the nearest manhole or pole drawn
 * within 10 px. Reports every finished change through `onGeometry`. One feature at a time.
 */
export class DrawController {
  private draw: TerraDraw | null = null;
  private featureId: string | number | null = null;
  /** Where snaps onto tile-drawn points put vertices before the exact point was known. */
  private roughSnaps: SnapTarget[] = [];

  constructor(
    private readonly map: MapLibreMap,
    private readonly onGeometry: (geometry: DrawnGeometry) => void,
    private readonly options: DrawControllerOptions = {},
  ) {}

  private readonly snapToManholesAndPoles: SnapToCustom = (event) => {
    const target = nearestSnapTarget(this.map, event.containerX, event.containerY);
    const other = this.options.snapTo?.(event.containerX, event.containerY) ?? null;
    if (other && (!target || other.distancePx < target.distancePx)) return other.coordinates;
    if (target && !target.exact) this.roughSnaps = [...this.roughSnaps, target].slice(-MAX_SNAPS);
    return target?.coordinates;
  };

  /**
   * Moves vertices that snapped to a manhole or pole as drawn from a vector tile (rounded to the
   * tile grid) onto the point the API has, once fetched, and reports the line again.
   */
  private async refineSnaps(draw: TerraDraw, id: string | number): Promise<void> {
    const before = draw.getSnapshotFeature(id)?.geometry;
    if (before?.type !== 'LineString' || this.roughSnaps.length === 0) return;
    const snaps = this.roughSnaps;
    const exact = await Promise.all(
      before.coordinates.map((vertex) => {
        const snap = snaps.findLast(
          (s) =>
            Math.abs(s.coordinates[0] - (vertex[0] ?? Number.NaN)) < SAME_VERTEX_DEG &&
            Math.abs(s.coordinates[1] - (vertex[1] ?? Number.NaN)) < SAME_VERTEX_DEG,
        );
        return snap ? exactPoint(snap.resource, snap.id) : Promise.resolve(null);
      }),
    );
    const coordinates = before.coordinates.map((vertex, i) => exact[i] ?? vertex);
    if (sameLine(coordinates, before.coordinates)) return;
    // Only if nothing changed meanwhile (another drag reports, and is refined, on its own).
    const now = draw.getSnapshotFeature(id)?.geometry;
    if (this.draw !== draw || now?.type !== 'LineString' || !sameLine(now.coordinates, before.coordinates))
      return;
    const refined: LineString = { type: 'LineString', coordinates };
    draw.updateFeatureGeometry(id, refined);
    this.onGeometry(refined);
  }

  private ensure(): TerraDraw {
    if (this.draw) return this.draw;
    const snapping = { toCustom: this.snapToManholesAndPoles };
    const draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({
        map: this.map,
        coordinatePrecision: 8,
        ...(this.options.prefixId ? { prefixId: this.options.prefixId } : {}),
      }),
      modes: [
        new TerraDrawPointMode({
          styles: {
            pointColor: EDIT_COLOR,
            pointWidth: 8,
            pointOutlineColor: '#ffffff',
            pointOutlineWidth: 2,
          },
        }),
        new TerraDrawLineStringMode({
          snapping,
          styles: { lineStringColor: EDIT_COLOR, lineStringWidth: 4, closingPointColor: EDIT_COLOR },
        }),
        new TerraDrawPolygonMode({
          snapping,
          styles: {
            fillColor: EDIT_COLOR,
            fillOpacity: 0.2,
            outlineColor: EDIT_COLOR,
            outlineWidth: 3,
            closingPointColor: EDIT_COLOR,
            closingPointOutlineColor: '#ffffff',
          },
        }),
        new TerraDrawSelectMode({
          allowManualDeselection: false,
          keyEvents: null,
          flags: {
            point: { feature: { draggable: true } },
            linestring: {
              feature: {
                draggable: false,
                coordinates: { draggable: true, midpoints: true, deletable: true, snappable: snapping },
              },
            },
            polygon: {
              feature: {
                draggable: false,
                coordinates: { draggable: true, midpoints: true, deletable: true, snappable: snapping },
              },
            },
          },
          styles: {
            selectedPointColor: EDIT_COLOR,
            selectedPointWidth: 9,
            selectedPointOutlineColor: '#ffffff',
            selectedPointOutlineWidth: 2,
            selectedLineStringColor: EDIT_COLOR,
            selectedLineStringWidth: 5,
            selectedPolygonColor: EDIT_COLOR,
            selectedPolygonFillOpacity: 0.2,
            selectedPolygonOutlineColor: EDIT_COLOR,
            selectedPolygonOutlineWidth: 3,
            selectionPointColor: '#ffffff',
            selectionPointOutlineColor: EDIT_COLOR,
            selectionPointWidth: 5,
            selectionPointOutlineWidth: 2,
            midPointColor: EDIT_COLOR,
          },
        }),
      ],
    });
    draw.start();
    draw.on('finish', (id, context) => {
      const feature = draw.getSnapshotFeature(id);
      const geometry = feature?.geometry;
      if (geometry?.type !== 'Point' && geometry?.type !== 'LineString' && geometry?.type !== 'Polygon')
        return;
      this.featureId = id;
      this.onGeometry(geometry);
      void this.refineSnaps(draw, id);
      if (context.mode === 'point' || context.mode === 'linestring' || context.mode === 'polygon') {
        // Done drawing: switch to moving/reshaping it (outside terra-draw's own event handler).
        setTimeout(() => {
          if (this.draw === draw && draw.hasFeature(id)) draw.selectFeature(id);
        }, 0);
      }
    });
    this.draw = draw;
    return draw;
  }

  /** Starts drawing a new point, line or polygon; the first finished one is reported. */
  startDrawing(kind: DrawKind): void {
    const draw = this.ensure();
    draw.clear();
    this.featureId = null;
    this.roughSnaps = [];
    draw.setMode(MODE_OF[kind]);
  }

  /** Puts `geometry` on the drawing layer, selected, so it can be moved or reshaped. */
  edit(geometry: DrawnGeometry): void {
    const draw = this.ensure();
    draw.clear();
    draw.setMode('select');
    const id = draw.getFeatureId();
    const feature: GeoJSONStoreFeatures = {
      id,
      type: 'Feature',
      geometry,
      properties: { mode: MODE_OF[geometry.type] },
    };
    const [result] = draw.addFeatures([feature]);
    if (result && !result.valid) throw new Error(`cannot edit this geometry: ${result.reason ?? 'invalid'}`);
    this.featureId = id;
    draw.selectFeature(id);
  }

  /** Moves the edited feature to `geometry` (typed coordinates). */
  setGeometry(geometry: DrawnGeometry): void {
    if (!this.draw || this.featureId === null || !this.draw.hasFeature(this.featureId)) {
      this.edit(geometry);
      return;
    }
    this.draw.updateFeatureGeometry(this.featureId, geometry);
  }

  /** Removes the drawing layers and gives the map its clicks back. */
  stop(): void {
    if (!this.draw) return;
    this.draw.stop();
    this.draw = null;
    this.featureId = null;
    this.roughSnaps = [];
  }
}

const sameLine = (a: readonly number[][], b: readonly number[][]) =>
  a.length === b.length && a.every((p, i) => p[0] === b[i]?.[0] && p[1] === b[i]?.[1]);
