import { COLOCATION_LABELS, SHARING_LABELS, VIOLATION_LABELS } from '@hatang/contracts';
import { describe, expect, it } from 'vitest';
import { DICTIONARIES as admin } from '../features/admin/admin-i18n';
import { DICTIONARIES as analysis } from '../features/analysis/analysis-i18n';
import { DICTIONARIES as colocation } from '../features/colocation/colocation-i18n';
import { DICTIONARIES as ftth } from '../features/ftth/ftth-i18n';
import { DICTIONARIES as imports } from '../features/imports/imports-i18n';
import { DICTIONARIES as indicators } from '../features/indicators/indicators-i18n';
import { DICTIONARIES as permits } from '../features/permits/permits-i18n';
import { DICTIONARIES as plans } from '../features/plans/plan-i18n';
import { DICTIONARIES as publicPage } from '../features/public/public-i18n';
import { DICTIONARIES as sharing } from '../features/sharing/sharing-i18n';
import { DICTIONARIES as sites } from '../features/sites/sites-i18n';
import { DICTIONARIES as tasks } from '../features/tasks/tasks-i18n';
import { DICTIONARIES as violations } from '../features/violations/violations-i18n';
import { messages } from './i18n';

const dictionaries: Record<string, Record<'vi' | 'en', Record<string, string>>> = {
  app: messages,
  admin,
  analysis,
  colocation,
  ftth,
  imports,
  indicators,
  permits,
  plans,
  public: publicPage,
  sharing,
  sites,
  tasks,
  violations,
};

/**
 * English words a tour found (or could find) on Vietnamese screens: status and enum codes leaking
 * through, and jargon left untranslated. Whole words, any case.
 */
const ENGLISH = [
  'baseline',
  'power',
  'draft',
  'status',
  'owner',
  'none',
  'true',
  'false',
  'null',
  'undefined',
  'pending',
  'submitted',
  'approved',
  'rejected',
  'proxy',
  'warning',
  'error',
  'loading',
  'cancel',
  'save',
  'delete',
  'upload',
  'download',
  'click',
  'the',
  'and',
  'of',
];
const englishWord = new RegExp(`(^|[^\\p{L}])(${ENGLISH.join('|')})(?=$|[^\\p{L}])`, 'iu');

describe('the Vietnamese dictionaries', () => {
  it('hold no common English word in any value', () => {
    const found: string[] = [];
    for (const [name, dictionary] of Object.entries(dictionaries)) {
      for (const [key, value] of Object.entries(dictionary.vi)) {
        const match = englishWord.exec(value);
        if (match) found.push(`${name}.${key}: “${value}” (${match[2]})`);
      }
    }
    expect(found).toEqual([]);
  });

  it('hold no common English word in the labels of codes (sharing, co-location, violations)', () => {
    const found: string[] = [];
    const groups = { sharing: SHARING_LABELS, colocation: COLOCATION_LABELS, violations: VIOLATION_LABELS };
    for (const [name, labels] of Object.entries(groups)) {
      for (const [group, codes] of Object.entries(labels)) {
        // A group is codes → { vi, en }, or one { vi, en } label itself.
        const entries =
          typeof (codes as { vi?: unknown }).vi === 'string'
            ? [['', codes as { vi: string }] as const]
            : Object.entries(codes as Record<string, { vi: string }>);
        for (const [code, label] of entries) {
          const match = englishWord.exec(label.vi);
          if (match) found.push(`${name}.${group}.${code}: “${label.vi}” (${match[2]})`);
        }
      }
    }
    expect(found).toEqual([]);
  });

  it('have a text for every key of the English ones', () => {
    for (const dictionary of Object.values(dictionaries)) {
      expect(Object.keys(dictionary.vi).sort()).toEqual(Object.keys(dictionary.en).sort());
    }
  });
});
