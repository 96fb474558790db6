import type { CrsCode } from '../crs.js';
import { VN2000_TOWGS84 } from '../crs.js';

const VN2000_GEOGCS = `GEOGCS["VN-2000",DATUM["Vietnam_2000",SPHEROID["WGS 84",6378137,298.257223563],TOWGS84[${VN2000_TOWGS84.join(',')}]],PRIMEM["Greenwich",0],UNIT["Degree",0.0174532925199433]]`;

const tm3 = (name: string, centralMeridian: number) =>
  `PROJCS["${name}",${VN2000_GEOGCS},PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",${centralMeridian}],PARAMETER["Scale_Factor",0.9999],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`;

/**
 * ESRI WKT (`.prj`) for the CRSs we export. The VN-2000 datum carries the national TOWGS84 shift
 * (legal: decision-05-2007-qd-btnmt; GDAL and QGIS read it), so a reader never falls back to a ~225 m null shift.
 * `crsFromPrj` recognises every string here.
 */
export const ESRI_PRJ: Partial<Record<CrsCode, string>> = {
  'EPSG:4326':
    'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
  'EPSG:9210': tm3('VN-2000_TM-3_105-45', 105.75),
  'EPSG:9209': tm3('VN-2000_TM-3_105-30', 105.5),
};
