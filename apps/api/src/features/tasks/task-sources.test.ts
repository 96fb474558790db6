/**
 * The seeded tasks quote plan 317 as it stands: each task's code names the section V item and the
 * paragraph of that item its text comes from, checked against the scanned text in
 * data/reference (OCR, damaged diacritics) rather than against a second hand-made list.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeIndicators } from '@hatang/analysis';
import { legalSourceById, planAgency } from '@hatang/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPlanTaskSources, type PlanTaskSources } from './task-sources.js';

const OCR_FILE = new URL('../../../../../data/reference/hai-phong-plan-317-2025-ocr.txt', import.meta.url);
const ocr = readFileSync(OCR_FILE, 'utf8');
const lines = ocr.split('\n');

/** What the item headings of section V say (OCR spelling), to prove the agencies' order. */
const HEADINGS: readonly RegExp[] = [
  /Khoa hoc va Cong ngh/, // 1 Sở Khoa học và Công nghệ
  /T.i ch.nh/, // 2 Sở Tài chính
  /X.y d.ng/, // 3 Sở Xây dựng
  /Cong an th.nh ph/, // 4 Công an thành phố
  /Cong th/, // 5 Sở Công Thương
  /Khu kinh t/, // 6 Ban Quản lý Khu kinh tế
  /ban, ng.nh/, // 7 Các Sở, ban, ngành
  /x.{0,2}, ph.{1,3}ng, d.{0,2}c khu/, // 8 UBND các xã, phường, đặc khu
  /Ph.t th.nh, truy.n h.nh/, // 9 Báo và Phát thanh, truyền hình
  /doanh ngh.{1,4}p vi.n th/, // 10 Các doanh nghiệp viễn thông
];

interface Item {
  /** 1–10. */
  number: number;
  /** Line indexes (0-based): the heading, and the first line after the item. */
  heading: number;
  end: number;
  /** Its paragraphs, each as its line range [from, to). */
  paragraphs: { from: number; to: number }[];
}

/**
 * Section V's items as the scan lays them out: the heading `N. …` of each in turn, and the item
 * ending at the next heading (item 10 at the closing paragraph, "Ủy ban nhân dân thành phố yêu
 * cầu …"). A paragraph starts at a bullet or after a blank line; a run of lines that does not end
 * a sentence (a heading's second line, a blank line the OCR put inside a paragraph) joins the next.
 */
function sectionVItems(): Item[] {
  const start = lines.findIndex((l) => /^\s*V\.\s*TO CHUC THUC HIEN/.test(l));
  if (start < 0) throw new Error('section V heading not found');
  const headings: number[] = [];
  for (let n = 1; n <= 10; n++) {
    const from = (headings.at(-1) ?? start) + 1;
    const at = lines.findIndex((l, i) => i >= from && new RegExp(`^\\s*${n}\\.\\s+\\S`).test(l));
    if (at < 0) throw new Error(`section V item ${n} heading not found`);
    headings.push(at);
  }
  const last = headings.at(-1)!;
  const closing = lines.findIndex((l, i) => i > last && /^\s*Uy ban nh.{1,3}n d.n thanh ph/.test(l));
  if (closing < 0) throw new Error('section V closing paragraph not found');
  return headings.map((heading, k) => {
    const end = headings[k + 1] ?? closing;
    const runs: { from: number; to: number }[] = [];
    let open: number | null = null;
    for (let i = heading + 1; i <= end; i++) {
      const line = lines[i]!;
      const breaks = i === end || line.trim() === '' || /^\s*-\s/.test(line);
      if (breaks && open !== null) {
        runs.push({ from: open, to: i });
        open = null;
      }
      if (i < end && line.trim() !== '' && open === null) open = i;
    }
    const paragraphs: { from: number; to: number }[] = [];
    let pending: number | null = null;
    for (const run of runs) {
      const lastLine = lines[run.to - 1]!.trim();
      if (/[.;]$/.test(lastLine)) {
        paragraphs.push({ from: pending ?? run.from, to: run.to });
        pending = null;
      } else pending ??= run.from;
    }
    return { number: k + 1, heading, end, paragraphs };
  });
}

/** Lower case without diacritics (đ → d), as words of letters a–z. */
function words(text: string): string[] {
  const plain = text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();
  return plain.match(/[a-z]+/g) ?? [];
}

const linesText = (from: number, to: number) => lines.slice(from, to).join('\n');
/** The 0-based line index of a character offset in the OCR text. */
const lineOf = (offset: number) => ocr.slice(0, offset).split('\n').length - 1;
const parts = (code: string) => code.split('.').slice(1).map(Number) as [number, number];

describe('plan 317 task sources (data/plan-317-tasks.json)', () => {
  let sources: PlanTaskSources;
  const items = sectionVItems();
  const itemOf = (section: string) => items[Number(section.split('.')[1]) - 1];

  beforeAll(async () => {
    sources = await loadPlanTaskSources();
  });

  it('parses against the contract and names the plan', () => {
    expect(legalSourceById(sources.source)?.number).toBe('317/KH-UBND');
    expect(sources.tasks.length).toBeGreaterThanOrEqual(25);
  });

  it('rejects a file that breaks the contract, listing the problem', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'plan-tasks-'));
    const bad = join(dir, 'plan-317-tasks.json');
    await writeFile(
      bad,
      JSON.stringify({ source: 'x', note: '', tasks: [{ ...sources.tasks[0], code: 'V1' }] }),
    );
    await expect(loadPlanTaskSources(bad)).rejects.toThrow(/tasks\.0\.code/);
    await rm(dir, { recursive: true });
  });

  it('finds the ten items of section V in the scan, in the order of the plan agencies', () => {
    expect(items).toHaveLength(10);
    for (const item of items) expect(lines[item.heading]).toMatch(HEADINGS[item.number - 1]!);
    expect(planAgency.options.slice(0, 10)).toEqual([
      'dost',
      'finance',
      'construction',
      'police',
      'industry_trade',
      'economic_zones',
      'departments',
      'communes',
      'media',
      'operators',
    ]);
  });

  it('gives unique codes in the plan order, each starting with its section V item', () => {
    const codes = sources.tasks.map((t) => t.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const task of sources.tasks) {
      expect(task.section).toMatch(/^V\.(10|[1-9])$/);
      expect(task.code.startsWith(`${task.section}.`)).toBe(true);
    }
    const sorted = [...codes].sort((a, b) => {
      const [ia, pa] = parts(a);
      const [ib, pb] = parts(b);
      return ia - ib || pa - pb;
    });
    expect(codes).toEqual(sorted);
  });

  it('numbers each item’s tasks 1, 2, … as the item has paragraphs, led by the item’s agency', () => {
    for (const item of items) {
      const tasks = sources.tasks.filter((t) => t.section === `V.${item.number}`);
      expect(tasks.map((t) => t.code)).toEqual(item.paragraphs.map((_, k) => `V.${item.number}.${k + 1}`));
      for (const task of tasks) {
        expect(task.lead).toBe(planAgency.options[item.number - 1]);
        expect(task.supporting).not.toContain(task.lead);
        expect(new Set(task.supporting).size).toBe(task.supporting.length);
      }
    }
  });

  it('anchors each task once in the scan, inside its own item and paragraph, in code order', () => {
    let previous = -1;
    for (const task of sources.tasks) {
      const at = ocr.indexOf(task.ocrAnchor);
      expect(at, `${task.code}: anchor not in the OCR text`).toBeGreaterThanOrEqual(0);
      expect(ocr.indexOf(task.ocrAnchor, at + 1), `${task.code}: anchor found twice`).toBe(-1);
      expect(task.ocrAnchor).not.toContain('\n');
      const line = lineOf(at);
      const item = itemOf(task.section)!;
      expect(line, `${task.code}: anchor outside ${task.section}`).toBeGreaterThan(item.heading);
      expect(line, `${task.code}: anchor outside ${task.section}`).toBeLessThan(item.end);
      const paragraph = item.paragraphs[parts(task.code)[1] - 1]!;
      expect(line, `${task.code}: anchor in another paragraph`).toBeGreaterThanOrEqual(paragraph.from);
      expect(line, `${task.code}: anchor in another paragraph`).toBeLessThan(paragraph.to);
      expect(at, `${task.code}: anchor before the previous task's`).toBeGreaterThan(previous);
      previous = at;
    }
  });

  it('gives each task a text whose words the scan has in that paragraph (a text under the wrong code fails)', () => {
    for (const task of sources.tasks) {
      const item = itemOf(task.section)!;
      const paragraph = item.paragraphs[parts(task.code)[1] - 1]!;
      const inParagraph = new Set(words(linesText(paragraph.from, paragraph.to)));
      const inItem = new Set(words(linesText(item.heading + 1, item.end)));
      const own = [...new Set(words(task.text).filter((w) => w.length >= 4))];
      const share = (found: Set<string>) => own.filter((w) => found.has(w)).length / own.length;
      expect(share(inItem), `${task.code} vs its item`).toBeGreaterThanOrEqual(0.6);
      expect(share(inParagraph), `${task.code} vs its paragraph`).toBeGreaterThanOrEqual(0.6);
      // Its own paragraph is the one of section V whose words the text and the scan share most
      // (Dice, both ways: a short paragraph whose wording a longer one repeats still wins).
      const own4 = new Set(own);
      const dice = (found: Set<string>) => {
        const scan = [...found].filter((w) => w.length >= 4);
        return (2 * scan.filter((w) => own4.has(w)).length) / (scan.length + own4.size);
      };
      for (const other of items.flatMap((i) => i.paragraphs)) {
        if (other === paragraph) continue;
        const theirs = dice(new Set(words(linesText(other.from, other.to))));
        expect(theirs, `${task.code} matches lines ${other.from + 1}–${other.to} better`).toBeLessThan(
          dice(inParagraph),
        );
      }
    }
  });

  it('links only indicators the API computes, and dates each task', () => {
    const keys = new Set(
      computeIndicators({
        register: {
          cableLengthM: { aerial: 0, underground: 0, submarine: 0 },
          ductLengthM: 0,
          trenchTunnelLengthM: 0,
          submarineCableLengthM: 0,
          towerTenants: [],
          landingStations: 0,
          wifiPointsBySiteType: {},
          dataCentres: { total: 0, green: 0 },
          mainStreetCameraM: { total: 0, covered: 0 },
        },
        items: [],
        coverage: { populationCount: 0, actual: { '4G': 0, '5G': 0 }, planned: null },
        keySites: { byCategory: {}, wifiCategories: [], broadbandCategories: [], planned: null },
      }).map((v) => v.key),
    );
    for (const task of sources.tasks) {
      if (task.indicator !== null) expect(keys, task.code).toContain(task.indicator);
      // Section V dates no task: the end of the plan period, marked as Hatang's assumption.
      expect(task.due).toBe('2030-12-31');
      expect(task.dueIsAssumption).toBe(true);
    }
  });
});
