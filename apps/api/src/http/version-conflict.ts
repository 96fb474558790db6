import type { ResourceDefinition } from '@hatang/contracts';
import type { Context } from 'hono';
import type { AppEnv } from '../context.js';
import { ApiError } from '../errors.js';
import type { StoredFeature } from '../features/assets/sql/feature-store.js';
import { redactFeature } from '../policy/confidentiality.js';

/** A 409 carrying the record as the viewer may see it now. */
export function versionConflict(
  c: Context<AppEnv>,
  definition: ResourceDefinition,
  current: StoredFeature,
  expected: number,
): ApiError {
  return new ApiError(
    409,
    'VERSION_CONFLICT',
    `This ${definition.labels.en.toLowerCase()} record is at version ${current.properties.version}, not ${expected}: someone changed it since you read it`,
    undefined,
    redactFeature(definition.path, current, c.get('principal')),
  );
}
