/** Barrel of the sites analysis: key-site flags (fiber, 4G, 5G, WiFi) and site distances. */
export * from './key-site-status.js';
export {
  type LinePiece,
  positionsOf,
  SiteMeasure,
  type SitePosition,
  type SiteShape,
} from './site-geometry.js';
