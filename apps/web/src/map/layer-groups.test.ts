import { assetResources } from '@hatang/contracts';
import { describe, expect, it } from 'vitest';
import { LAYER_GROUPS, LEGEND_ORDER } from './layer-groups';

describe('the map layer groups', () => {
  it('draw every asset kind of the contracts and the streets, each once', () => {
    const ids = LAYER_GROUPS.map((g) => g.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...assetResources.map((r) => r.path), 'streets'].sort());
  });

  it('keep lines under points, towers on top, and list the legend top first', () => {
    expect(LAYER_GROUPS[0]?.id).toBe('streets');
    expect(LAYER_GROUPS.at(-1)?.id).toBe('towers');
    expect(LEGEND_ORDER[0]?.id).toBe('towers');
  });

  it('name each group by its asset kind, so its legend reads the kind’s label', () => {
    for (const group of LAYER_GROUPS) expect(group.labelKey).toBe(group.id);
  });
});
