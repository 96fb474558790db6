/**
 * DII honesty (issue #17 item 5): every indicator a DII criterion may be computed from says how
 * Hatang computes it and why it may differ from the figure the city reports, in both languages.
 */
import { describe, expect, it } from 'vitest';
import { INDICATOR_METHODS } from './indicator-methods.js';
import { diiComputedFrom } from './indicators.js';

const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùý]/i;

describe('how each computed DII value is computed', () => {
  it.each(diiComputedFrom.options.map((key) => [key]))('%s: method and difference, vi and en', (key) => {
    const { method, differs } = INDICATOR_METHODS[key];
    for (const text of [method, differs]) {
      expect(text.vi.trim().length).toBeGreaterThan(20);
      expect(text.en.trim().length).toBeGreaterThan(20);
      // Each in its own language: the Vietnamese has Vietnamese letters, the two are not the same text.
      expect(text.vi).toMatch(VIETNAMESE);
      expect(text.vi).not.toBe(text.en);
    }
  });
});
