import {
  cableRoutes,
  ducts,
  manholes,
  poles,
  type ResourceDefinition,
  towers,
  trenchesTunnels,
} from '@hatang/contracts';
import type { AssetResource } from '../../lib/types';
import type { DrawKind } from '../../map/draw-controller';
import { type FieldSpec, fieldsOf } from './form-fields';

/** An asset type that can be drawn and edited on the map. */
export interface EditableResource {
  id: AssetResource;
  definition: ResourceDefinition;
  kind: DrawKind;
  fields: FieldSpec[];
  /** The properties a write may carry (the contract's shape). */
  writableKeys: string[];
}

const editable = (id: AssetResource, definition: ResourceDefinition, kind: DrawKind): EditableResource => ({
  id,
  definition,
  kind,
  fields: fieldsOf(definition),
  writableKeys: Object.keys(definition.shape),
});

/** What the "Add" buttons offer: points first, then lines. */
export const EDITABLE_RESOURCES: readonly EditableResource[] = [
  editable('towers', towers, 'Point'),
  editable('poles', poles, 'Point'),
  editable('manholes', manholes, 'Point'),
  editable('ducts', ducts, 'LineString'),
  editable('cable-routes', cableRoutes, 'LineString'),
  editable('trenches-tunnels', trenchesTunnels, 'LineString'),
];

const byId = new Map<AssetResource, EditableResource>(EDITABLE_RESOURCES.map((r) => [r.id, r]));

/** The editable resource, or undefined for types edited elsewhere (or not at all). */
export const editableResource = (id: AssetResource): EditableResource | undefined => byId.get(id);
