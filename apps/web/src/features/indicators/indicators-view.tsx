/**
 * Indicators against the 2030 targets for one plan version (target, register, planned, by year;
 * city-wide or one commune), optionally beside a second version. (Scaffold: the indicators work
 * fills it in; the plan panel shows it.)
 */
export function IndicatorsView(_props: { versionId: string; compareVersionId?: string | null }) {
  return null;
}
