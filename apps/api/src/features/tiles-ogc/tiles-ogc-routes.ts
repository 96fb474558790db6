/** Vector tiles and OGC API – Features: every layer, read by the map, QGIS and GDAL. */
import { ogcRoutes } from './ogc-routes.js';
import { tileRoutes } from './tile-routes.js';

export const tilesOgcRoutes = [...tileRoutes, ...ogcRoutes];
