import type { SessionUser } from '@hatang/contracts';

/**
 * The digital infrastructure index (DII, Decision 885/QĐ-BTTTT) dashboard: criteria by group,
 * values per year, trend. (Scaffold: the indicators work fills it in; the plan panel shows it.)
 */
export function DiiDashboard(_props: { user: SessionUser | null }) {
  return null;
}
