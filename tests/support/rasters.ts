import { writeArrayBuffer } from 'geotiff';

export const NODATA = -99999;

/** A WGS 84 float GeoTIFF, `values` row-major from the top-left corner at (x0, y0), square pixels of `size`°. */
export function geoTiff(values: number[], width: number, x0: number, y0: number, size: number): Uint8Array {
  const metadata = {
    width,
    height: values.length / width,
    ModelPixelScale: [size, size, 0],
    ModelTiepoint: [0, 0, 0, x0, y0, 0],
    GeographicTypeGeoKey: 4326,
    GTModelTypeGeoKey: 2,
    GDAL_NODATA: String(NODATA),
  };
  return new Uint8Array(writeArrayBuffer(new Float32Array(values), metadata));
}
