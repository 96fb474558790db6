import type { AdminUnitType } from './cell-grid.js';
import type { CoverageModel } from './coverage-model.js';
import { type Environment, SERVICE_COUNT, SERVICES, type Service } from './technology.js';

/** People counts for one area (a commune or the city). Percentages 0–100, two decimals. */
export interface CoverageFigures {
  populationCount: number;
  /** Covered by at least one counted operator with the chosen service. */
  coveredCount: number;
  coveredPercent: number;
  uncoveredCount: number;
  /** Covered by exactly one operator with the chosen service (no competition). */
  singleOperatorCount: number;
  any4GCount: number;
  any4GPercent: number;
  any5GCount: number;
  any5GPercent: number;
  /** Covered people per operator id and service. */
  byOperator: Record<string, Record<Service, number>>;
}

export interface CommuneCoverage extends CoverageFigures {
  code: string;
  name?: string;
  unitType: AdminUnitType;
  environment: Environment;
}

export interface CoverageSummary {
  service: Service;
  city: CoverageFigures;
  /** One row per admin unit, in the grid's unit order. */
  communes: CommuneCoverage[];
}

const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10000) / 100 : 0);

/**
 * Coverage per commune and city-wide for `service`, read from the model's running tallies
 * (O(units × operators), no pass over the cells).
 */
export function coverageSummary(model: CoverageModel, service: Service): CoverageSummary {
  const s = SERVICES.indexOf(service);
  const { grid, operators } = model;
  const ops = operators.length;
  const figures = (units: readonly number[]): CoverageFigures => {
    let population = 0;
    let covered = 0;
    let single = 0;
    let any4G = 0;
    let any5G = 0;
    const byOperator: Record<string, Record<Service, number>> = {};
    for (const id of operators) byOperator[id] = { '2G': 0, '3G': 0, '4G': 0, '5G': 0 };
    for (const u of units) {
      population += grid.unitPopulation[u]!;
      covered += model.unitAny[u * SERVICE_COUNT + s]!;
      single += model.unitSingle[u * SERVICE_COUNT + s]!;
      any4G += model.unitAny[u * SERVICE_COUNT + 2]!;
      any5G += model.unitAny[u * SERVICE_COUNT + 3]!;
      for (let o = 0; o < ops; o++) {
        const row = byOperator[operators[o]!]!;
        SERVICES.forEach((name, k) => {
          row[name] += model.unitOperatorService[(u * ops + o) * SERVICE_COUNT + k]!;
        });
      }
    }
    return {
      populationCount: population,
      coveredCount: covered,
      coveredPercent: percent(covered, population),
      uncoveredCount: population - covered,
      singleOperatorCount: single,
      any4GCount: any4G,
      any4GPercent: percent(any4G, population),
      any5GCount: any5G,
      any5GPercent: percent(any5G, population),
      byOperator,
    };
  };
  const communes = grid.units.map((unit, u) => ({
    code: unit.code,
    ...(unit.name === undefined ? {} : { name: unit.name }),
    unitType: unit.unitType,
    environment: grid.unitEnvironment[u]!,
    ...figures([u]),
  }));
  return { service, city: figures(grid.units.map((_, u) => u)), communes };
}
