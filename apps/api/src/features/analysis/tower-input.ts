import type { TowerInput } from '@hatang/analysis';
import { z } from 'zod';

/** A tower as the feature routes store it (GeoJSON Feature, camelCase properties). */
const storedTower = z.object({
  id: z.string(),
  geometry: z.object({ coordinates: z.tuple([z.number(), z.number()]) }),
  properties: z.object({
    status: z.string(),
    heightM: z.number(),
    buildingHeightM: z.number().nullable().optional(),
    tenantsMax: z.number(),
    adminUnitCode: z.string().nullable().optional(),
    tenancies: z
      .array(
        z.object({
          operatorOrgId: z.string(),
          technologies: z.array(z.string()),
          mountHeightM: z.number(),
        }),
      )
      .optional(),
  }),
});

/** The engine's view of a stored tower feature, with its status; undefined when it is not one. */
export function towerInputOf(feature: unknown): { input: TowerInput; status: string } | undefined {
  const parsed = storedTower.safeParse(feature);
  if (!parsed.success) return undefined;
  const { id, geometry, properties: p } = parsed.data;
  return {
    status: p.status,
    input: {
      id,
      lng: geometry.coordinates[0],
      lat: geometry.coordinates[1],
      unitCode: p.adminUnitCode ?? null,
      heightM: p.heightM + (p.buildingHeightM ?? 0),
      tenantsMax: p.tenantsMax,
      tenancies: (p.tenancies ?? []).map((t) => ({
        operatorId: t.operatorOrgId,
        technologies: t.technologies,
        mountHeightM: t.mountHeightM,
      })),
    },
  };
}
