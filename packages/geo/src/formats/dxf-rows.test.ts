import { describe, expect, it } from 'vitest';
import { dxfEntityGeometry, readDxfRows } from './dxf-rows.js';
import { checkDxfBytes } from './dxf-scan.js';
import { defaultParseLimits, LimitError } from './limits.js';
import { FormatError } from './source-feature.js';

/** A DXF text from group pairs. */
const dxf = (...pairs: (string | number)[]) => `${pairs.join('\n')}\n`;
const section = (name: string, ...body: (string | number)[]) => [0, 'SECTION', 2, name, ...body, 0, 'ENDSEC'];

const drawing = dxf(
  ...section(
    'BLOCKS',
    0,
    'BLOCK',
    2,
    'HO_GA',
    8,
    '0',
    10,
    0,
    20,
    0,
    0,
    'CIRCLE',
    8,
    '0',
    10,
    0,
    20,
    0,
    40,
    1,
    0,
    'ENDBLK',
  ),
  ...section(
    'ENTITIES',
    0,
    'LWPOLYLINE',
    8,
    'ONG_CONG',
    90,
    3,
    70,
    0,
    10,
    594000.5,
    20,
    2308000.25,
    10,
    594050,
    20,
    2308010,
    10,
    594100,
    20,
    2308000,
    0,
    'INSERT',
    8,
    'HO_GA',
    2,
    'HO_GA',
    66,
    1,
    10,
    594000.5,
    20,
    2308000.25,
    0,
    'ATTRIB',
    8,
    'HO_GA',
    2,
    'MA',
    1,
    'HG-01',
    10,
    0,
    20,
    0,
    0,
    'ATTRIB',
    8,
    'HO_GA',
    2,
    'LOAI',
    1,
    'bể 2 nắp',
    10,
    0,
    20,
    0,
    0,
    'SEQEND',
    0,
    'POINT',
    8,
    'COT',
    10,
    594200,
    20,
    2308100,
    0,
    'LINE',
    8,
    'ONG_CONG',
    10,
    1,
    20,
    2,
    11,
    3,
    21,
    4,
    0,
    'TEXT',
    8,
    'GHI_CHU',
    10,
    0,
    20,
    0,
    1,
    'chữ',
  ),
  0,
  'EOF',
);

describe('DXF entity → geometry', () => {
  it('makes a Point of a POINT and of an INSERT at its insertion point', async () => {
    expect(dxfEntityGeometry({ type: 'INSERT', position: { x: 594000, y: 2308000, z: 0 } })).toEqual({
      type: 'Point',
      coordinates: [594000, 2308000],
    });
  });
  it('closes a closed polyline by repeating its first vertex, and leaves out meshes and text', async () => {
    const square = [
      { x: 0, y: 0, z: 0 },
      { x: 1, y: 0, z: 0 },
      { x: 1, y: 1, z: 0 },
    ];
    expect(dxfEntityGeometry({ type: 'LWPOLYLINE', vertices: square, shape: true })).toEqual({
      type: 'LineString',
      coordinates: [
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 0],
      ],
    });
    expect(dxfEntityGeometry({ type: 'POLYLINE', vertices: square, isPolyfaceMesh: true })).toBeNull();
    expect(dxfEntityGeometry({ type: 'TEXT', position: { x: 0, y: 0, z: 0 } })).toBeNull();
  });
});

describe('readDxfRows', () => {
  it('reads points, block references with their attributes and polylines, with a list of layers', async () => {
    const read = await readDxfRows(drawing, defaultParseLimits);
    expect(read.layers).toEqual([
      { name: 'COT', count: 1, geometry: 'point' },
      { name: 'HO_GA', count: 1, geometry: 'point' },
      { name: 'ONG_CONG', count: 2, geometry: 'line' },
    ]);
    expect(read.fields).toEqual(['layer', 'entity', 'block', 'MA', 'LOAI']);
    const manhole = read.features.find((f) => f.properties.entity === 'INSERT');
    expect(manhole).toEqual({
      properties: { layer: 'HO_GA', entity: 'INSERT', block: 'HO_GA', MA: 'HG-01', LOAI: 'bể 2 nắp' },
      geometry: { type: 'Point', coordinates: [594000.5, 2308000.25] },
    });
    const duct = read.features[0];
    expect(duct?.geometry).toEqual({
      type: 'LineString',
      coordinates: [
        [594000.5, 2308000.25],
        [594050, 2308010],
        [594100, 2308000],
      ],
    });
  });

  it('keeps only the layers asked for', async () => {
    const read = await readDxfRows(drawing, defaultParseLimits, (layer) => layer === 'ONG_CONG');
    expect(read.features.map((f) => f.properties.entity)).toEqual(['LWPOLYLINE', 'LINE']);
    expect(read.layers).toHaveLength(3);
  });

  it('refuses blocks nested deeper than maxDepth, and blocks that insert themselves', async () => {
    const blocks = (depth: number) =>
      Array.from({ length: depth }, (_, i) => [
        0,
        'BLOCK',
        2,
        `B${i}`,
        0,
        'INSERT',
        8,
        '0',
        2,
        `B${i + 1}`,
        10,
        0,
        20,
        0,
        0,
        'ENDBLK',
      ]).flat();
    const deep = dxf(...section('BLOCKS', ...blocks(50)), ...section('ENTITIES'), 0, 'EOF');
    await expect(readDxfRows(deep, { ...defaultParseLimits, maxDepth: 8 })).rejects.toThrow(LimitError);
    const cycle = dxf(
      ...section('BLOCKS', 0, 'BLOCK', 2, 'A', 0, 'INSERT', 2, 'A', 10, 0, 20, 0, 0, 'ENDBLK'),
      0,
      'EOF',
    );
    await expect(readDxfRows(cycle, defaultParseLimits)).rejects.toThrow(/maxDepth/);
  });

  it('refuses more entities than maxFeatures before parsing them', async () => {
    const many = dxf(
      ...section('ENTITIES', ...Array.from({ length: 200 }, () => [0, 'POINT', 8, 'P', 10, 1, 20, 2]).flat()),
      0,
      'EOF',
    );
    await expect(readDxfRows(many, { ...defaultParseLimits, maxFeatures: 100 })).rejects.toThrow(
      /maxFeatures/,
    );
  });

  it('refuses binary bytes and text that is not a DXF', async () => {
    expect(() => checkDxfBytes(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]))).toThrow(FormatError);
    expect(() => checkDxfBytes(new TextEncoder().encode('AutoCAD Binary DXF\r\n'))).toThrow(/binary DXF/);
    await expect(readDxfRows('hello world\n', defaultParseLimits)).rejects.toThrow(/not a DXF/);
  });
});
