/**
 * What the address bar keeps, so a copied link reopens the same view: the open side panel, the
 * selected asset and the map's view. `?panel=tasks&sel=towers/<id>&map=<zoom>/<lat>/<lng>`
 * (the map part in the order of OpenStreetMap's links). Pure parsing and printing; the shell
 * reads it once at start and replaces it as the view changes (no history entry per pan).
 */
import { isPanelId, type PanelId } from './panel-registry';

export interface MapView {
  zoom: number;
  /** WGS 84 degrees. */
  center: [lng: number, lat: number];
}

export interface UrlState {
  panel: PanelId | null;
  /** An asset: its resource path (`towers`, `poles`…) and id. */
  selection: { resource: string; id: string } | null;
  view: MapView | null;
}

const RESOURCE = /^[a-z][a-z-]{1,40}$/;
const ID = /^[A-Za-z0-9-]{1,64}$/;

function parseView(value: string | null): MapView | null {
  if (!value) return null;
  const parts = value.split('/');
  if (parts.length !== 3) return null;
  const [zoom, lat, lng] = parts.map(Number);
  if (zoom === undefined || lat === undefined || lng === undefined) return null;
  if (![zoom, lat, lng].every(Number.isFinite)) return null;
  if (zoom < 0 || zoom > 22 || Math.abs(lat) > 85 || Math.abs(lng) > 180) return null;
  return { zoom, center: [lng, lat] };
}

function parseSelection(value: string | null): UrlState['selection'] {
  if (!value) return null;
  const slash = value.indexOf('/');
  const resource = value.slice(0, slash);
  const id = value.slice(slash + 1);
  return slash > 0 && RESOURCE.test(resource) && ID.test(id) ? { resource, id } : null;
}

/** Reads the state from a query string; anything malformed is ignored, not an error. */
export function parseUrlState(search: string): UrlState {
  const params = new URLSearchParams(search);
  const panel = params.get('panel');
  return {
    panel: isPanelId(panel) ? panel : null,
    selection: parseSelection(params.get('sel')),
    view: parseView(params.get('map')),
  };
}

/** Prints the state into `search`, keeping any other parameter it has. */
export function printUrlState(search: string, state: UrlState): string {
  const params = new URLSearchParams(search);
  const set = (key: string, value: string | null) => (value ? params.set(key, value) : params.delete(key));
  set('panel', state.panel);
  set('sel', state.selection ? `${state.selection.resource}/${state.selection.id}` : null);
  set(
    'map',
    state.view
      ? `${state.view.zoom.toFixed(2)}/${state.view.center[1].toFixed(5)}/${state.view.center[0].toFixed(5)}`
      : null,
  );
  const text = params.toString().replaceAll('%2F', '/');
  return text ? `?${text}` : '';
}
