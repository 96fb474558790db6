import { useState } from 'react';
import type { AdminUnitCollection } from '../../lib/types';
import { exportLinks, type Paper } from './export-links';
import { usePlanText } from './plan-i18n';

/** Download links of the shown version's exports, for one commune or city-wide. */
export function ExportsView({
  versionId,
  adminUnits,
}: {
  versionId: string;
  adminUnits: AdminUnitCollection | undefined;
}) {
  const { t } = usePlanText();
  const [commune, setCommune] = useState<string>('');
  const [paper, setPaper] = useState<Paper>('A3');
  const units = [...(adminUnits?.features ?? [])]
    .map((f) => f.properties)
    .filter((p) => !/^9/.test(p.code))
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  return (
    <section className="plan-exports" data-testid="plan-exports">
      <h3>{t('exports')}</h3>
      <div className="plan-form-row">
        <label>
          {t('commune')}
          <select data-testid="export-commune" value={commune} onChange={(e) => setCommune(e.target.value)}>
            <option value="">{t('cityWide')}</option>
            {units.map((u) => (
              <option key={u.code} value={u.code}>
                {u.name} ({u.code})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('paper')}
          <select
            data-testid="export-paper"
            value={paper}
            onChange={(e) => setPaper(e.target.value as Paper)}
          >
            <option value="A3">A3</option>
            <option value="A4">A4</option>
          </select>
        </label>
      </div>
      <ul className="plan-export-links">
        {exportLinks(versionId, commune || null, paper).map((link) => (
          <li key={link.key}>
            <a href={link.href} download={link.fileName} data-testid={`export-${link.key}`}>
              {t(link.label)}
            </a>
          </li>
        ))}
      </ul>
      <p className="plan-hint">{t('exportsNote')}</p>
    </section>
  );
}
