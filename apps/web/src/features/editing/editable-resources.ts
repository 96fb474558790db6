import { type AssetPath, assetResourceAt, type ResourceDefinition } from '@hatang/contracts';
import type { AssetResource } from '../../lib/types';
import type { DrawKind } from '../../map/draw-controller';
import { type FieldSpec, fieldsOf } from './form-fields';

/** An asset type that can be drawn and edited on the map. */
export interface EditableResource {
  id: AssetPath;
  definition: ResourceDefinition;
  kind: DrawKind;
  fields: FieldSpec[];
  /** The properties a write may carry (the contract's shape). */
  writableKeys: string[];
}

/**
 * How each asset kind is drawn on the map, or null when it is not drawn here (submarine cables,
 * landing stations, WiFi points and other sectors' works arrive by import). A kind added to the
 * contracts without a decision here does not compile.
 */
const DRAWING = {
  towers: 'Point',
  poles: 'Point',
  manholes: 'Point',
  ducts: 'LineString',
  'cable-routes': 'LineString',
  'trenches-tunnels': 'LineString',
  'submarine-cables': null,
  'landing-stations': null,
  'wifi-points': null,
  'data-centres': 'Point',
  'street-devices': 'Point',
  'in-building-systems': 'Point',
  'civil-works': null,
} satisfies Record<AssetPath, DrawKind | null>;

function editable(id: AssetPath, kind: DrawKind): EditableResource[] {
  const definition = assetResourceAt(id);
  if (!definition) return [];
  return [
    { id, definition, kind, fields: fieldsOf(definition), writableKeys: Object.keys(definition.shape) },
  ];
}

/** What the "Add" buttons offer, in this order (points first, then lines). */
export const EDITABLE_RESOURCES: readonly EditableResource[] = (Object.keys(DRAWING) as AssetPath[]).flatMap(
  (id) => {
    const kind: DrawKind | null = DRAWING[id];
    return kind ? editable(id, kind) : [];
  },
);

const byId = new Map<AssetResource, EditableResource>(EDITABLE_RESOURCES.map((r) => [r.id, r]));

/** The editable resource, or undefined for types edited elsewhere (or not at all). */
export const editableResource = (id: AssetResource): EditableResource | undefined => byId.get(id);
