import { describe, expect, it } from 'vitest';
import { clusterLayerIds, clusterLayers, withoutClusters } from './clusters';
import { LAYER_GROUPS } from './layer-groups';

describe('clusters of a dense point group', () => {
  it('draws single points only in the group layers and clusters in their own', () => {
    const single = withoutClusters({ id: 'towers-circle', type: 'circle', source: 'towers' });
    expect(single).toMatchObject({ filter: ['!', ['has', 'point_count']] });
    const layers = clusterLayers('towers');
    expect(layers.map((l) => l.id)).toEqual(clusterLayerIds('towers'));
    for (const layer of layers)
      expect(layer).toMatchObject({ source: 'towers', filter: ['has', 'point_count'] });
  });

  it('refuses a layer with a filter of its own (it would draw clusters as points)', () => {
    expect(() =>
      withoutClusters({ id: 'x', type: 'circle', source: 'towers', filter: ['==', ['get', 'a'], 1] }),
    ).toThrow(/no filter/);
  });

  it('clusters the towers up to zoom 11, and every clustering group is loaded whole', () => {
    const clustered = LAYER_GROUPS.filter((g) => g.clusterMaxZoom !== undefined);
    expect(clustered.map((g) => [g.id, g.clusterMaxZoom])).toContainEqual(['towers', 11]);
    for (const group of clustered) {
      expect(group.load.mode).toBe('all');
      // Their layers pass through withoutClusters without throwing.
      for (const layer of group.layers('#000')) expect(() => withoutClusters(layer)).not.toThrow();
    }
  });
});
