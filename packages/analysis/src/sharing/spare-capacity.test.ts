import { describe, expect, it } from 'vitest';
import { type PoleInput, poleSpans, type SpareSegment, spareClassOf, sparePaths } from './spare-capacity.js';
import { offset } from './test-helpers.js';

const origin: [number, number] = [106.68, 20.86];

describe('spareClassOf', () => {
  it('classes free tubes or attachments: 0 none, 1 low, 2–4 medium, 5+ high', () => {
    expect([0, 1, 2, 4, 5, 30].map(spareClassOf)).toEqual([
      'none',
      'low',
      'medium',
      'medium',
      'high',
      'high',
    ]);
  });
});

describe('poleSpans', () => {
  const pole = (id: string, eastM: number, northM = 0, owner = 'power', used = 2): PoleInput => ({
    id,
    ownerOrgId: owner,
    position: offset(origin, eastM, northM),
    attachmentsUsed: used,
    attachmentsMax: 6,
  });

  it('links each pole to its neighbours along a line, not across a gap or to another owner', () => {
    const spans = poleSpans([
      pole('p1', 0),
      pole('p2', 50, 0, 'power', 6),
      pole('p3', 100),
      pole('p4', 250), // 150 m gap: a new line
      pole('q1', 25, 5, 'lighting'),
    ]);
    expect(spans.map((s) => [s.fromPoleId, s.toPoleId, s.attachmentsFree])).toEqual([
      ['p1', 'p2', 0],
      ['p2', 'p3', 0],
    ]);
    expect(spans[0]?.lengthM).toBeCloseTo(50, 0);
  });

  it('does not short-cut a line: the middle pole links both sides, the ends not to each other', () => {
    const spans = poleSpans([pole('a', 0), pole('b', 40), pole('c', 80)], 90);
    expect(spans.map((s) => `${s.fromPoleId}-${s.toPoleId}`).sort()).toEqual(['a-b', 'b-c']);
  });
});

describe('sparePaths', () => {
  const seg = (id: string, from: number, to: number, free: number, owner = 'A'): SpareSegment => ({
    id,
    kind: 'duct',
    ownerOrgId: owner,
    coordinates: [offset(origin, from), offset(origin, to)],
    lengthM: Math.abs(to - from),
    free,
  });

  it('joins segments with room end to end and breaks the path at a full one', () => {
    const paths = sparePaths([
      seg('d1', 0, 200, 3),
      seg('d2', 200, 400, 1, 'B'),
      seg('d3', 400, 600, 0),
      seg('d4', 600, 800, 5),
    ]);
    expect(paths).toEqual([
      { kind: 'duct', segmentIds: ['d1', 'd2'], ownerOrgIds: ['A', 'B'], lengthM: 400, minFree: 1 },
      { kind: 'duct', segmentIds: ['d4'], ownerOrgIds: ['A'], lengthM: 200, minFree: 5 },
    ]);
  });
});
