/**
 * Cost-based rent for shared passive infrastructure. The official method is set by legal:
 * jc-210-2013-ttlt-btc-bxd-btttt (giá thuê công trình hạ tầng kỹ thuật sử dụng chung), whose text
 * was not read: this is Hatang's cost-based formula, to check against it. The owner recovers the investment depreciated over the asset's life plus the cost of operation and
 * maintenance, divided among those who use it, plus a reasonable profit.
 *
 *   rent per year = (investment ÷ life years + O&M per year) ÷ shares in total × shares taken × (1 + profit %)
 *
 * All money in VND. The defaults below are planning assumptions for Hai Phong (2025 prices), not
 * figures from the circular: every one can be overridden per request.
 */
import { type ColocationAssetKind, cite } from '@hatang/contracts';

export interface RentInputs {
  /** Investment cost of the asset (or of the requested part of a duct path), VND. */
  investmentVnd: number;
  /** Depreciation period, years. */
  lifeYears: number;
  /** Operation and maintenance per year, VND. */
  omPerYearVnd: number;
  /** Shares the cost is divided into: tenants on a tower, attachments on a pole, tubes in a duct. */
  tenants: number;
  /** Shares the requester takes (1 on a tower; its attachments or tubes otherwise). */
  shares: number;
  /** Reasonable profit, percent of the cost. */
  profitMarginPct: number;
}

export interface RentResult {
  inputs: RentInputs;
  depreciationPerYearVnd: number;
  costPerYearVnd: number;
  costPerShareVnd: number;
  rentPerYearVnd: number;
  rentPerMonthVnd: number;
  formula: { vi: string; en: string };
}

/**
 * Default assumptions per asset kind. Investment: a 30–45 m ground tower with foundation, shelter
 * and power ≈ 1.2 billion VND; an 8.5 m concrete pole installed ≈ 8 million VND; a duct bank with
 * its manholes ≈ 1.5 million VND per metre. Life: towers 15 years, poles 20, ducts 25
 * (Hatang's defaults: no depreciation rule was read for this project). O&M a share of the
 * investment per year.
 * Profit 10 % of the cost.
 */
export const RENT_DEFAULTS: Record<
  ColocationAssetKind,
  { investmentVnd: number; lifeYears: number; omPct: number; profitMarginPct: number }
> = {
  tower: { investmentVnd: 1_200_000_000, lifeYears: 15, omPct: 4, profitMarginPct: 10 },
  /** Per pole. */
  pole: { investmentVnd: 8_000_000, lifeYears: 20, omPct: 3, profitMarginPct: 10 },
  /** Per metre of duct. */
  duct: { investmentVnd: 1_500_000, lifeYears: 25, omPct: 2, profitMarginPct: 10 },
};

const RENT_METHOD = cite('jc-210-2013-ttlt-btc-bxd-btttt');

export const RENT_FORMULA = {
  vi: `Giá thuê/năm = (Vốn đầu tư ÷ Số năm khấu hao + Chi phí vận hành, bảo dưỡng/năm) ÷ Tổng số phần sử dụng × Số phần thuê × (1 + Tỷ suất lợi nhuận %) — công thức theo chi phí của Hatang; phương pháp chính thức: ${RENT_METHOD.vi} (chưa đối chiếu)`,
  en: `Rent per year = (Investment ÷ Life in years + Operation & maintenance per year) ÷ Shares in total × Shares taken × (1 + Profit margin %) — Hatang's cost-based formula; the official method: ${RENT_METHOD.en} (not checked against it)`,
};

/** The cost-based yearly and monthly rent (VND, rounded to whole dong) with its steps. */
export function costBasedRent(inputs: RentInputs): RentResult {
  if (!(inputs.lifeYears > 0)) throw new RangeError('lifeYears must be greater than 0');
  if (!(inputs.tenants >= 1)) throw new RangeError('tenants must be at least 1');
  const depreciation = inputs.investmentVnd / inputs.lifeYears;
  const cost = depreciation + inputs.omPerYearVnd;
  const perShare = cost / inputs.tenants;
  const rent = perShare * inputs.shares * (1 + inputs.profitMarginPct / 100);
  return {
    inputs,
    depreciationPerYearVnd: Math.round(depreciation),
    costPerYearVnd: Math.round(cost),
    costPerShareVnd: Math.round(perShare),
    rentPerYearVnd: Math.round(rent),
    rentPerMonthVnd: Math.round(rent / 12),
    formula: RENT_FORMULA,
  };
}
