import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import type { MessageKey } from '../lib/i18n';
import type { AssetResource } from '../lib/types';

/** A colour, or an expression that yields one per feature (e.g. by owner). */
export type ColorValue = string | ExpressionSpecification;

/** How a layer group gets its features. */
export type LoadMode =
  /** The whole collection once, all pages (towers: ~6k points). */
  | { mode: 'all' }
  /** Only the current view, reloaded on moveend at or above `minZoom`. */
  | { mode: 'bbox'; minZoom: number }
  /**
   * The API's vector tiles (`/tiles/<id>/{z}/{x}/{y}.mvt`, MVT layer `<id>`), asked for from
   * `minZoom` (where the group's layers start; at least the server's minzoom). Tiles below zoom 14
   * carry only id, status, owner and a class; a click fetches the feature by id for the panel.
   */
  | { mode: 'tiles'; minZoom: number };

/** What the legend draws for a group. */
export interface LegendSwatch {
  shape: 'circle' | 'line';
  color: string;
  dashed?: boolean;
}

/** One attribute row of the side panel: the property and how to show it. */
export interface AttributeSpec {
  key: string;
  /** enum: translate the value; date: local date; org: resolve an organisation id; list: join. */
  format?: 'number' | 'enum' | 'date' | 'org' | 'list' | 'text';
  /**
   * The value names another asset (a device's pole by its code): the panel shows it as a button
   * that selects that asset, whose id is the property `idKey`, on the map.
   */
  selects?: { resource: AssetResource; idKey: string };
}

/**
 * One asset type on the map. The module owns its GeoJSON or vector source (id = `id`), its layers, its legend
 * entry and what a click on it shows.
 */
export interface LayerGroup {
  id: AssetResource;
  /** i18n key of the legend and panel title. */
  labelKey: MessageKey;
  load: LoadMode;
  legend: LegendSwatch;
  /** Whether the group is on when the app opens. */
  visibleByDefault: boolean;
  /** Layers drawn from source `id`; `ownerColor` colours features by owner organisation. */
  layers: (ownerColor: ColorValue) => LayerSpecification[];
  /** Layers a click or hover picks features from. */
  interactiveLayerIds: string[];
  /** Side panel rows, after code, status and owner which every asset has. */
  attributes: AttributeSpec[];
  /** The group lists co-location tenancies (towers). */
  hasTenancies?: boolean;
  /**
   * Points gathered into counted clusters up to this zoom, one by one above it (a `mode: 'all'`
   * group dense at city zoom). See clusters.ts.
   */
  clusterMaxZoom?: number;
}
