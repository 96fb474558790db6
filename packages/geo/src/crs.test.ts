import turfDistance from '@turf/distance';
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import {
  type CrsCode,
  crsFromPrj,
  crsInfo,
  fromVn2000,
  fromVn2000Label,
  SUPPORTED_CRS,
  toVn2000,
  transform,
  VN2000_TOWGS84,
  vn2000Label,
} from './crs.js';
import { haversineM } from './distance.js';

const WGS84 = '+proj=longlat +datum=WGS84 +no_defs';

/** Hai Phong Opera House (Nhà hát lớn Hải Phòng), approximately. */
const OPERA_HOUSE: [number, number] = [106.6826, 20.8572];
/** Bạch Long Vĩ island, the far east of the city. */
const BACH_LONG_VI: [number, number] = [107.7278, 20.1339];
/** Hải Dương city centre (former Hải Dương province, zone 105°30′). */
const HAI_DUONG: [number, number] = [106.3306, 20.9397];

// ---------------------------------------------------------------------------------------------
// Independent reference implementation, written from the EPSG Guidance Note 7-2 formulas and the
// parameters exactly as EPSG registers them (transformation 6960 "VN-2000 to WGS 84 (2)", method
// 9607 Coordinate Frame rotation: tX -191.90441429 m, tY -39.30318279 m, tZ -111.45032835 m,
// rX -0.00928836″, rY +0.01975479″, rZ -0.00427372″, dS +0.252906278 ppm; values from
// OSGeo/PROJ data/sql/helmert_transformation.sql). It shares no code and no sign convention with
// proj4's +towgs84 (Position Vector), so it catches a wrong rotation sign (≈ 0.75 m), a dropped
// datum shift (≈ 225 m) and a wrong central meridian (kilometres).
//
// No published WGS 84 ↔ VN-2000 coordinate pair for a real point in Hai Phong could be found (the
// searched pages and code only restate the parameters), so this computation is the reference.
// ---------------------------------------------------------------------------------------------

const A = 6378137;
const F = 1 / 298.257223563;
const E2 = F * (2 - F);
const ARCSEC = Math.PI / (180 * 3600);
const DEG = Math.PI / 180;

const EPSG_6960_CF = {
  tx: -191.90441429,
  ty: -39.30318279,
  tz: -111.45032835,
  rx: -0.00928836 * ARCSEC,
  ry: 0.01975479 * ARCSEC,
  rz: -0.00427372 * ARCSEC,
  ds: 0.252906278e-6,
};

type Vec3 = [number, number, number];
type Mat3 = [Vec3, Vec3, Vec3];

function geodeticToGeocentric(lngDeg: number, latDeg: number, h = 0): Vec3 {
  const lat = latDeg * DEG;
  const lng = lngDeg * DEG;
  const nu = A / Math.sqrt(1 - E2 * Math.sin(lat) ** 2);
  return [
    (nu + h) * Math.cos(lat) * Math.cos(lng),
    (nu + h) * Math.cos(lat) * Math.sin(lng),
    ((1 - E2) * nu + h) * Math.sin(lat),
  ];
}

function geocentricToGeodetic([x, y, z]: Vec3): [number, number] {
  const p = Math.hypot(x, y);
  let lat = Math.atan2(z, p * (1 - E2));
  for (let i = 0; i < 20; i++) {
    const nu = A / Math.sqrt(1 - E2 * Math.sin(lat) ** 2);
    const h = p / Math.cos(lat) - nu;
    lat = Math.atan2(z, p * (1 - (E2 * nu) / (nu + h)));
  }
  return [Math.atan2(y, x) / DEG, lat / DEG];
}

function solve3(m: Mat3, v: Vec3): Vec3 {
  const det = (c: Mat3) =>
    c[0][0] * (c[1][1] * c[2][2] - c[1][2] * c[2][1]) -
    c[0][1] * (c[1][0] * c[2][2] - c[1][2] * c[2][0]) +
    c[0][2] * (c[1][0] * c[2][1] - c[1][1] * c[2][0]);
  const d = det(m);
  const withColumn = (col: number): Mat3 =>
    m.map((row, i) => row.map((value, j) => (j === col ? v[i] : value)) as Vec3) as Mat3;
  return [det(withColumn(0)) / d, det(withColumn(1)) / d, det(withColumn(2)) / d];
}

/** WGS 84 → VN-2000 geographic by inverting the EPSG Coordinate Frame transformation exactly. */
function wgs84ToVn2000Geographic(
  lng: number,
  lat: number,
  convention: 'coordinate-frame' | 'position-vector' = 'coordinate-frame',
): [number, number] {
  const { tx, ty, tz, ds } = EPSG_6960_CF;
  // Coordinate Frame: X_wgs = T + (1 + dS)·R·X_vn with R = [[1, rZ, −rY], [−rZ, 1, rX], [rY, −rX, 1]].
  // 'position-vector' deliberately misreads the same numbers (R transposed) to prove the test is sensitive.
  const s = convention === 'coordinate-frame' ? 1 : -1;
  const rx = s * EPSG_6960_CF.rx;
  const ry = s * EPSG_6960_CF.ry;
  const rz = s * EPSG_6960_CF.rz;
  const r: Mat3 = [
    [1, rz, -ry],
    [-rz, 1, rx],
    [ry, -rx, 1],
  ];
  const [x, y, z] = geodeticToGeocentric(lng, lat);
  const rhs: Vec3 = [(x - tx) / (1 + ds), (y - ty) / (1 + ds), (z - tz) / (1 + ds)];
  return geocentricToGeodetic(solve3(r, rhs));
}

/** Transverse Mercator (EPSG GN 7-2 "JHS" series, sub-millimetre within a few degrees of the meridian). */
function transverseMercator(lng: number, lat: number, lon0: number, k0: number): [number, number] {
  const n = F / (2 - F);
  const b = (A / (1 + n)) * (1 + n ** 2 / 4 + n ** 4 / 64);
  const h = [
    n / 2 - (2 / 3) * n ** 2 + (5 / 16) * n ** 3 + (41 / 180) * n ** 4,
    (13 / 48) * n ** 2 - (3 / 5) * n ** 3 + (557 / 1440) * n ** 4,
    (61 / 240) * n ** 3 - (103 / 140) * n ** 4,
    (49561 / 161280) * n ** 4,
  ];
  const e = Math.sqrt(E2);
  const phi = lat * DEG;
  const q = Math.asinh(Math.tan(phi)) - e * Math.atanh(e * Math.sin(phi));
  const beta = Math.atan(Math.sinh(q));
  const eta0 = Math.atanh(Math.cos(beta) * Math.sin((lng - lon0) * DEG));
  const xi0 = Math.asin(Math.sin(beta) * Math.cosh(eta0));
  let xi = xi0;
  let eta = eta0;
  h.forEach((hi, i) => {
    const k = 2 * (i + 1);
    xi += hi * Math.sin(k * xi0) * Math.cosh(k * eta0);
    eta += hi * Math.cos(k * xi0) * Math.sinh(k * eta0);
  });
  return [500000 + k0 * b * eta, k0 * b * xi];
}

function referenceVn2000(lngLat: [number, number], lon0: number, k0: number): { x: number; y: number } {
  const [lng, lat] = wgs84ToVn2000Geographic(lngLat[0], lngLat[1]);
  const [x, y] = transverseMercator(lng, lat, lon0, k0);
  return { x, y };
}

const planar = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.hypot(a.x - b.x, a.y - b.y);

describe('toVn2000 / fromVn2000', () => {
  it('round-trips WGS 84 → VN-2000 → WGS 84 within 0.05 m in Hai Phong', () => {
    for (const point of [OPERA_HOUSE, BACH_LONG_VI, HAI_DUONG]) {
      const back = fromVn2000(toVn2000(point));
      const errorM = haversineM(point, back);
      expect(errorM).toBeLessThan(0.05);
      expect(turfDistance(point, back, { units: 'meters' })).toBeLessThan(0.05);
    }
    // Measured: ≈ 0.8 mm at the Opera House (proj4's geocentric → geodetic iteration tolerance).
    expect(haversineM(OPERA_HOUSE, fromVn2000(toVn2000(OPERA_HOUSE)))).toBeLessThan(0.005);
  });

  it('matches an independent Helmert (EPSG Coordinate Frame) + Transverse Mercator computation to 0.05 m', () => {
    const cases: [[number, number], 'EPSG:9210' | 'EPSG:9209' | 'EPSG:3405', number, number][] = [
      [OPERA_HOUSE, 'EPSG:9210', 105.75, 0.9999],
      [BACH_LONG_VI, 'EPSG:9210', 105.75, 0.9999],
      [HAI_DUONG, 'EPSG:9210', 105.75, 0.9999],
      [HAI_DUONG, 'EPSG:9209', 105.5, 0.9999],
      [OPERA_HOUSE, 'EPSG:3405', 105, 0.9996],
    ];
    for (const [point, zone, lon0, k0] of cases) {
      expect(planar(toVn2000(point, zone), referenceVn2000(point, lon0, k0))).toBeLessThan(0.05);
    }
    // Sanity of the order of magnitude: Opera House ≈ E 596 852, N 2 307 426 (X = 2 307 426, Y = 596 852).
    const opera = toVn2000(OPERA_HOUSE);
    expect(opera.x).toBeGreaterThan(596_800);
    expect(opera.x).toBeLessThan(596_900);
    expect(opera.y).toBeGreaterThan(2_307_400);
    expect(opera.y).toBeLessThan(2_307_450);
  });

  it('the reference distinguishes rotation sign conventions (so a sign error cannot pass)', () => {
    const [lngCf, latCf] = wgs84ToVn2000Geographic(OPERA_HOUSE[0], OPERA_HOUSE[1], 'coordinate-frame');
    const [lngPv, latPv] = wgs84ToVn2000Geographic(OPERA_HOUSE[0], OPERA_HOUSE[1], 'position-vector');
    const a = transverseMercator(lngCf, latCf, 105.75, 0.9999);
    const b = transverseMercator(lngPv, latPv, 105.75, 0.9999);
    expect(Math.hypot(a[0] - b[0], a[1] - b[1])).toBeGreaterThan(0.5);
    // …and proj4 with the signs as printed in the decision lands on the wrong one.
    const def = crsInfo('EPSG:9210').proj4.replace(
      VN2000_TOWGS84.join(','),
      [...VN2000_TOWGS84.slice(0, 3), ...VN2000_TOWGS84.slice(3, 6).map((r) => -r), VN2000_TOWGS84[6]].join(
        ',',
      ),
    );
    const [x, y] = proj4(WGS84, def).forward([OPERA_HOUSE[0], OPERA_HOUSE[1]]);
    expect(planar({ x: x ?? 0, y: y ?? 0 }, referenceVn2000(OPERA_HOUSE, 105.75, 0.9999))).toBeGreaterThan(
      0.5,
    );
  });

  it('puts the central meridian at easting 500 000 m when the datum shift is left out', () => {
    for (const zone of ['EPSG:9210', 'EPSG:9209'] as const) {
      const info = crsInfo(zone);
      const noShift = info.proj4.replace(/\+towgs84=\S+\s*/, '');
      expect(noShift).not.toContain('towgs84');
      const lon0 = info.centralMeridian ?? Number.NaN;
      const [xEquator, yEquator] = proj4(WGS84, noShift).forward([lon0, 0]);
      expect(Math.abs((xEquator ?? 0) - 500000)).toBeLessThan(1e-6);
      expect(Math.abs(yEquator ?? 1)).toBeLessThan(1e-6);
      const [xHaiPhong] = proj4(WGS84, noShift).forward([lon0, 20.85]);
      expect(Math.abs((xHaiPhong ?? 0) - 500000)).toBeLessThan(1e-6);
    }
  });

  it('applies the datum shift: 100–300 m between VN-2000 with and without towgs84 in Hai Phong', () => {
    const noShift = crsInfo('EPSG:9210').proj4.replace(/\+towgs84=\S+\s*/, '');
    for (const point of [OPERA_HOUSE, BACH_LONG_VI, HAI_DUONG]) {
      const [x, y] = proj4(WGS84, noShift).forward([point[0], point[1]]);
      const shift = planar(toVn2000(point), { x: x ?? 0, y: y ?? 0 });
      expect(shift).toBeGreaterThan(100);
      expect(shift).toBeLessThan(300);
    }
  });

  it('uses the Hai Phong zone by default and differs by kilometres from the 105°30′ zone', () => {
    expect(toVn2000(OPERA_HOUSE)).toEqual(toVn2000(OPERA_HOUSE, 'EPSG:9210'));
    expect(planar(toVn2000(OPERA_HOUSE, 'EPSG:9209'), toVn2000(OPERA_HOUSE))).toBeGreaterThan(20_000);
  });
});

describe('transform', () => {
  it('goes between every pair of supported CRSs and back', () => {
    const codes: CrsCode[] = SUPPORTED_CRS.map((crs) => crs.code);
    for (const from of codes) {
      const start = transform(OPERA_HOUSE, 'EPSG:4326', from);
      for (const to of codes) {
        const there = transform(start, from, to);
        const back = transform(transform(there, to, from), from, 'EPSG:4326');
        expect(haversineM(OPERA_HOUSE, back)).toBeLessThan(0.05);
      }
    }
  });

  it('WGS 84 / UTM 48N matches the reference Transverse Mercator without datum shift', () => {
    const [x, y] = transform(OPERA_HOUSE, 'EPSG:4326', 'EPSG:32648');
    const [rx, ry] = transverseMercator(OPERA_HOUSE[0], OPERA_HOUSE[1], 105, 0.9996);
    expect(Math.hypot(x - rx, y - ry)).toBeLessThan(0.01);
  });

  it('is the identity for the same CRS', () => {
    expect(transform([1, 2], 'EPSG:9210', 'EPSG:9210')).toEqual([1, 2]);
  });
});

describe('Vietnamese X/Y labels', () => {
  it('labels the northing X and the easting Y, and converts back', () => {
    const xy = { x: 596852.13, y: 2307426.24 };
    expect(vn2000Label(xy)).toEqual({ X: 2307426.24, Y: 596852.13 });
    expect(fromVn2000Label(vn2000Label(xy))).toEqual(xy);
  });
});

describe('SUPPORTED_CRS', () => {
  it('names every CRS in Vietnamese and English', () => {
    expect(SUPPORTED_CRS.map((crs) => crs.code)).toEqual([
      'EPSG:9210',
      'EPSG:9209',
      'EPSG:3405',
      'EPSG:32648',
      'EPSG:4326',
    ]);
    for (const crs of SUPPORTED_CRS) {
      expect(crs.nameEn.length).toBeGreaterThan(3);
      expect(crs.nameVi.length).toBeGreaterThan(3);
    }
    expect(crsInfo('EPSG:9210').nameEn).toBe('VN-2000 / TM-3 105-45');
    expect(crsInfo('EPSG:9210').nameVi).toContain('105°45′');
  });
});

describe('crsFromPrj', () => {
  const esriTm3 = (name: string, cm: number) =>
    `PROJCS["${name}",GEOGCS["GCS_VN_2000",DATUM["D_Vietnam_2000",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",${cm}],PARAMETER["Scale_Factor",0.9999],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`;

  it('recognises ESRI WKT for VN-2000 TM-3 105-45 and 105-30', () => {
    expect(crsFromPrj(esriTm3('VN_2000_TM_3_105_45', 105.75))).toBe('EPSG:9210');
    expect(crsFromPrj(esriTm3('VN_2000_TM_3_105_30', 105.5))).toBe('EPSG:9209');
    // Names written by local tools vary; parameters decide.
    expect(crsFromPrj(esriTm3('VN2000_HaiPhong_KTT_105_45_mui_3', 105.75))).toBe('EPSG:9210');
  });

  it('recognises OGC WKT1 with TOWGS84 (QGIS/GDAL export) without relying on the trailing authority', () => {
    const wkt1 = `PROJCS["VN-2000 Hai Phong",GEOGCS["WGS 84 based",DATUM["unknown",SPHEROID["WGS 84",6378137,298.257223563],TOWGS84[-191.90441429,-39.30318279,-111.45032835,0.00928836,-0.01975479,0.00427372,0.252906278]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",105.75],PARAMETER["scale_factor",0.9999],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1],AXIS["Easting",EAST],AXIS["Northing",NORTH]]`;
    expect(crsFromPrj(wkt1)).toBe('EPSG:9210');
  });

  it('trusts an outer EPSG authority and reads WKT2', () => {
    expect(
      crsFromPrj(
        'PROJCS["VN-2000 / TM-3 105-45",GEOGCS["VN-2000",DATUM["Vietnam_2000",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6756"]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433],AUTHORITY["EPSG","4756"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",105.75],PARAMETER["scale_factor",0.9999],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AUTHORITY["EPSG","9210"]]',
      ),
    ).toBe('EPSG:9210');
    const wkt2 = `PROJCRS["VN-2000 / TM-3 105-30",BASEGEOGCRS["VN-2000",DATUM["Vietnam 2000",ELLIPSOID["WGS 84",6378137,298.257223563,LENGTHUNIT["metre",1]]],PRIMEM["Greenwich",0,ANGLEUNIT["degree",0.0174532925199433]]],CONVERSION["Vietnam TM-3 105-30",METHOD["Transverse Mercator",ID["EPSG",9807]],PARAMETER["Latitude of natural origin",0,ANGLEUNIT["degree",0.0174532925199433],ID["EPSG",8801]],PARAMETER["Longitude of natural origin",105.5,ANGLEUNIT["degree",0.0174532925199433],ID["EPSG",8802]],PARAMETER["Scale factor at natural origin",0.9999,SCALEUNIT["unity",1],ID["EPSG",8805]],PARAMETER["False easting",500000,LENGTHUNIT["metre",1],ID["EPSG",8806]],PARAMETER["False northing",0,LENGTHUNIT["metre",1],ID["EPSG",8807]]],CS[Cartesian,2],AXIS["(E)",east,ORDER[1],LENGTHUNIT["metre",1]],AXIS["(N)",north,ORDER[2],LENGTHUNIT["metre",1]]]`;
    expect(crsFromPrj(wkt2)).toBe('EPSG:9209');
  });

  it('recognises UTM 48N on WGS 84 and on VN-2000', () => {
    const utm = (geogcs: string) =>
      `PROJCS["X_UTM_Zone_48N",${geogcs},PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",105.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`;
    expect(
      crsFromPrj(
        utm(
          'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
        ),
      ),
    ).toBe('EPSG:32648');
    expect(
      crsFromPrj(
        utm(
          'GEOGCS["GCS_VN_2000",DATUM["D_Vietnam_2000",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
        ),
      ),
    ).toBe('EPSG:3405');
  });

  it('recognises plain WGS 84 geographic', () => {
    expect(
      crsFromPrj(
        'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
      ),
    ).toBe('EPSG:4326');
  });

  it('returns undefined for other zones, units, datums and garbage', () => {
    expect(crsFromPrj(esriTm3('VN_2000_TM_3_106_00', 106))).toBeUndefined();
    expect(
      crsFromPrj(
        esriTm3('VN_2000_TM_3_105_45', 105.75).replace(
          'UNIT["Meter",1.0]',
          'UNIT["Foot_US",0.3048006096012192]',
        ),
      ),
    ).toBeUndefined();
    // TM-3 parameters on an unknown datum: refusing is safer than a 225 m guess.
    expect(
      crsFromPrj(
        esriTm3('Custom', 105.75)
          .replace('GCS_VN_2000', 'GCS_Unknown')
          .replace('D_Vietnam_2000', 'D_Unknown'),
      ),
    ).toBeUndefined();
    expect(
      crsFromPrj(
        'PROJCS["WGS_1984_UTM_Zone_49N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",111.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]',
      ),
    ).toBeUndefined();
    expect(crsFromPrj('')).toBeUndefined();
    expect(crsFromPrj('not a prj')).toBeUndefined();
  });
});
