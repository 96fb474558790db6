/** The extent of the city (its administrative units), which the TileJSON and OGC collections advertise. */
import { orm, type Sql } from '@hatang/db';
import { adminUnits } from '@hatang/db/schema';
import { sql } from 'drizzle-orm';

/** [west, south, east, north] in degrees (WGS 84) around every administrative unit; undefined when there are none. */
export async function cityExtent(db: Sql): Promise<[number, number, number, number] | undefined> {
  const box = orm(db)
    .select({ x: sql`ST_Extent(${adminUnits.geom})::geometry`.as('x') })
    .from(adminUnits)
    .as('b');
  const [b] = await orm(db)
    .select({
      w: sql<number | null>`ST_XMin(${box.x})`,
      s: sql<number>`ST_YMin(${box.x})`,
      e: sql<number>`ST_XMax(${box.x})`,
      n: sql<number>`ST_YMax(${box.x})`,
    })
    .from(box);
  return b && b.w !== null ? [b.w, b.s, b.e, b.n] : undefined;
}
