/**
 * The proxy's heavy part, run in the analysis worker thread (never on the request thread): the
 * population grid (loaded once per grid version) and, per reach distance, the people within reach
 * of the register's existing fibre routes, per commune. Answers are cached by the grid's and the
 * fibre network's fingerprints.
 */
import { type CellGrid, fiberReach } from '@hatang/analysis';
import type { Sql } from '@hatang/db';
import { loadGrid, readDataVersion } from '../analysis/coverage-data.js';
import { loadFiberLines, readFiberVersion } from './ftth-repository.js';

/** One commune's people and people within reach of fibre (from the grid). */
export interface UnitReach {
  code: string;
  name: string;
  populationCount: number;
  populationInReach: number;
}

export interface ReachAnswer {
  reachM: number;
  units: UnitReach[];
  /** The fingerprint the answer is valid for (grid and fibre routes). */
  key: string;
}

const MAX_CACHED = 8;

export class FtthProxy {
  private grid: { key: string; grid: CellGrid; names: Map<string, string> } | undefined;
  private readonly answers = new Map<string, ReachAnswer>();

  constructor(private readonly db: Sql) {}

  /** People within `reachM` metres of existing fibre, per commune (every admin unit, code order). */
  async reach(reachM: number): Promise<ReachAnswer> {
    const gridKey = (await readDataVersion(this.db)).grid;
    const fiberKey = await readFiberVersion(this.db);
    const key = `${gridKey}|${fiberKey}`;
    const cached = this.answers.get(`${key}|${reachM}`);
    if (cached) return cached;
    if (this.grid?.key !== gridKey) this.grid = { key: gridKey, ...(await loadGrid(this.db)) };
    const { grid, names } = this.grid;
    const reach = fiberReach(grid, await loadFiberLines(this.db), reachM);
    const answer: ReachAnswer = {
      reachM,
      key,
      units: grid.units.map((u, i) => ({
        code: u.code,
        name: names.get(u.code) ?? u.code,
        populationCount: reach.populationByUnit[i] ?? 0,
        populationInReach: reach.inReachByUnit[i] ?? 0,
      })),
    };
    this.answers.set(`${key}|${reachM}`, answer);
    while (this.answers.size > MAX_CACHED) {
      const oldest = this.answers.keys().next().value;
      if (oldest === undefined) break;
      this.answers.delete(oldest);
    }
    return answer;
  }
}
