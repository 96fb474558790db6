import { describe, expect, it } from 'vitest';
import { parseUrlState, printUrlState } from './url-state';

describe('the address bar state', () => {
  it('reads a panel, an asset and a map view', () => {
    expect(parseUrlState('?panel=tasks&sel=towers/3f0c-12&map=15.50/20.84490/106.68810')).toEqual({
      panel: 'tasks',
      selection: { resource: 'towers', id: '3f0c-12' },
      view: { zoom: 15.5, center: [106.6881, 20.8449] },
    });
  });

  it('ignores what it does not know or what is malformed', () => {
    expect(parseUrlState('?panel=root&sel=../../etc&map=99/20/106')).toEqual({
      panel: null,
      selection: null,
      view: null,
    });
    expect(parseUrlState('?map=12/91/106').view).toBeNull();
    expect(parseUrlState('?map=12/20/abc').view).toBeNull();
    expect(parseUrlState('?sel=towers').selection).toBeNull();
    expect(parseUrlState('').panel).toBeNull();
  });

  it('prints what it reads, keeping other parameters and dropping empty parts', () => {
    const state = parseUrlState('?panel=ftth&map=13/20.8/106.7');
    const printed = printUrlState('?lang=vi&panel=plan', state);
    expect(printed).toBe('?lang=vi&panel=ftth&map=13.00/20.80000/106.70000');
    expect(parseUrlState(printed)).toEqual(state);
    expect(printUrlState('?panel=plan', { panel: null, selection: null, view: null })).toBe('');
  });
});
