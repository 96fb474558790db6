/**
 * The citation test: every citation-looking string in the source tree (apps, packages, seeds,
 * data/*.json and *.md, README.md) names a document of the legal-sources registry, every
 * `legal: <id>` comment and `cite('<id>')` call names an entry, no article is cited unless its text
 * was read, and the registry's copy in contracts is data/legal-sources.json unchanged.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cite, LEGAL_SOURCES, legalSourceById, legalSourcesRegistry } from './legal-sources.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const REGISTRY_FILES = new Set(['data/legal-sources.json', 'packages/contracts/src/legal-sources.json']);
const THIS_FILE = 'packages/contracts/src/legal-sources.test.ts';

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) walk(rel, out);
    else if (/\.(ts|tsx|json|md|sql)$/.test(entry.name)) out.push(rel);
  }
  return out;
}

/** The files the test reads, relative to the repository root. */
const FILES = [
  ...['apps', 'packages', 'seeds'].flatMap((d) => walk(d)),
  ...readdirSync(path.join(ROOT, 'data'))
    .filter((f) => /\.(json|md)$/.test(f))
    .map((f) => `data/${f}`),
  'README.md',
].filter((f) => !REGISTRY_FILES.has(f) && f !== THIS_FILE);

const TEXTS = FILES.map((file) => ({ file, text: readFileSync(path.join(ROOT, file), 'utf8') }));

const NUMBERS = LEGAL_SOURCES.flatMap((s) => (s.number ? [s.number.normalize('NFC')] : []));

/** "ND-CP" → "NĐ-CP", "QD-" → "QĐ-": the same number typed without the Vietnamese Đ. */
const normalise = (n: string) => n.normalize('NFC').replace(/\bND-/g, 'NĐ-').replace(/\bQD-/g, 'QĐ-');

interface Finding {
  file: string;
  line: number;
  text: string;
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/** Citations in `text` that no registry entry's number matches. */
function unknownCitations(file: string, raw: string): Finding[] {
  const text = raw.normalize('NFC');
  const found: Finding[] = [];
  const miss = (index: number, cited: string) => found.push({ file, line: lineOf(text, index), text: cited });

  // Full numbers: 32/2016/NĐ-CP, 50/2014/QH13, 15/2016/TTLT-BTTTT-BXD, 26/2018/QĐ-UBND, 1669/NQ-UBTVQH15.
  for (const m of text.matchAll(
    /\b\d+\/\d{4}\/(?:QH\d+|N[ĐD]-CP|Q[ĐD]-[A-Za-zĐ]+|TT-[A-Z]+|TTLT(?:-[A-Z]+)+|NQ-[A-Z0-9]+)/gu,
  ))
    if (!NUMBERS.includes(normalise(m[0]))) miss(m.index, m[0]);
  // Numbers without a year: 885/QĐ-BTTTT, 317/KH-UBND, 1132/QĐ-TTg, 1669/NQ-UBTVQH15.
  for (const m of text.matchAll(/(?<![\d/])\d+\/(?:Q[ĐD]|KH|NQ)-[A-Za-z0-9Đ]+/gu))
    if (!NUMBERS.includes(normalise(m[0]))) miss(m.index, m[0]);
  // Standards: QCVN 8:2022/BTTTT, TCVN 3718-1:2005.
  for (const m of text.matchAll(/\b(QCVN|TCVN)\s+(\d+(?:-\d+)?)(?::(\d{4}))?/gu)) {
    const prefix = m[3] ? `${m[1]} ${m[2]}:${m[3]}` : `${m[1]} ${m[2]}`;
    if (!NUMBERS.some((n) => n.startsWith(prefix))) miss(m.index, m[0]);
  }
  // Short forms: "Decree 06/2016", "Circular 06/2024", "TT 06/2024", "Decision 885", "Plan 317".
  for (const m of text.matchAll(
    /(?<![\p{L}])(Joint Circular|Decree|Circular|Decision|Resolution|Law|Plan|Nghị định|Thông tư liên tịch|Thông tư|Quyết định|Nghị quyết|Luật|Kế hoạch|TTLT|NĐ|TT|QĐ|NQ|KH)\s+(?:số\s+)?(\d+)(?:\/(\d{4}))?(?![\d:])/gu,
  )) {
    const prefix = m[3] ? `${m[2]}/${m[3]}/` : `${m[2]}/`;
    if (!NUMBERS.some((n) => n.startsWith(prefix))) miss(m.index, m[0]);
  }
  return found;
}

describe('the legal-sources registry', () => {
  it('is data/legal-sources.json, copied unchanged into contracts (npm run legal:sync)', () => {
    const data = readFileSync(path.join(ROOT, 'data/legal-sources.json'), 'utf8');
    const copy = readFileSync(path.join(ROOT, 'packages/contracts/src/legal-sources.json'), 'utf8');
    expect(copy, 'run `npm run legal:sync` after editing data/legal-sources.json').toBe(data);
  });

  it('claims no article as read in a document whose text was not read', () => {
    for (const source of LEGAL_SOURCES)
      if (!source.textRead)
        expect(
          source.articlesUsed.filter((a) => a.textRead),
          source.id,
        ).toEqual([]);
    const [first] = LEGAL_SOURCES;
    const tampered = {
      about: '',
      sources: [
        {
          ...first,
          textRead: false,
          articlesUsed: [{ ref: '1', vi: 'Điều 1', en: 'art. 1', usedFor: 'x', textRead: true }],
        },
      ],
    };
    expect(legalSourcesRegistry.safeParse(tampered).success).toBe(false);
  });

  it('says where each read document was read, and that an unread one was not', () => {
    for (const source of LEGAL_SOURCES) {
      if (source.textRead) expect(source.readAt, source.id).toMatch(/https?:\/\/|data\/reference\//);
      else expect(source.readAt, source.id).toMatch(/^not read/);
    }
  });

  it('cites a document, and an article only when its text was read', () => {
    expect(cite('decree-32-2016-nd-cp', '7(1)(b)-(c)')).toEqual({
      vi: 'Nghị định 32/2016/NĐ-CP, Điều 7 khoản 1 điểm b, c',
      en: 'Decree 32/2016/NĐ-CP, art. 7(1)(b)–(c)',
    });
    expect(cite('qcvn-8-2022-btttt').en).toBe('QCVN 8:2022/BTTTT');
    expect(() => cite('qcvn-8-2022-btttt', '2.2')).toThrow(/not listed as read/);
    expect(() => legalSourceById('decree-06-2016-nd-cp')).toThrow(/not in data\/legal-sources.json/);
  });
});

describe('citations in the source tree', () => {
  it('finds citations the registry lacks (the test catches what it should)', () => {
    const found = unknownCitations(
      'sample.ts',
      '// Decree 06/2016 art. 10\nconst a = "Circular 06/2024"; // Nghị định 95/2018/NĐ-CP, QCVN 9:2010/BTTTT',
    ).map((f) => f.text);
    expect(found).toEqual([
      '95/2018/NĐ-CP',
      'QCVN 9:2010',
      'Decree 06/2016',
      'Circular 06/2024',
      'Nghị định 95/2018',
    ]);
  });

  it('cites only documents in the registry', () => {
    const unknown = TEXTS.flatMap(({ file, text }) => unknownCitations(file, text));
    expect(unknown.map((f) => `${f.file}:${f.line}: ${f.text}`)).toEqual([]);
  });

  it('names only registry entries in `legal:` comments and cite() calls, with read articles only', () => {
    const problems: string[] = [];
    for (const { file, text } of TEXTS) {
      for (const m of text.matchAll(/\blegal:(?:\s|\*|\/\/)*([a-z0-9]+(?:-[a-z0-9]+)+)/g))
        if (!LEGAL_SOURCES.some((s) => s.id === m[1])) problems.push(`${file}: legal: ${m[1]}`);
      for (const m of text.matchAll(/\b(?:cite|legalSourceById)\(\s*'([^']+)'(?:\s*,\s*'([^']+)')?/g)) {
        try {
          cite(m[1] ?? '', m[2]);
        } catch (error) {
          problems.push(`${file}: ${(error as Error).message}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('relies on every registry entry somewhere (an entry nothing cites is dropped)', () => {
    const all = TEXTS.map((t) => t.text).join('\n');
    const unused = LEGAL_SOURCES.filter(
      (s) => !new RegExp(`(legal:(?:\\s|\\*|//)*|cite\\(\\s*'|legalSourceById\\(\\s*')${s.id}\\b`).test(all),
    ).map((s) => s.id);
    expect(unused).toEqual([]);
  });
});
