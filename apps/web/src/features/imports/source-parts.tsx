import { type FormEvent, useState } from 'react';
import { formatNumber } from '../../lib/format';
import type { ImportView } from './imports-api';
import { useImportText } from './imports-i18n';

/** What reading the file again changes: the sheet and coordinate columns (.xlsx) or the layers (DXF). */
export interface PartsChoice {
  sheet?: string;
  columns?: { x: string; y: string };
  crs?: string;
  layers?: string[];
}

/**
 * The parts of a workbook or drawing the server found, to choose among before mapping: an .xlsx's
 * sheets (with their data rows) and coordinate columns (degrees — decimal or degrees-minutes-
 * seconds — or VN-2000 X/Y metres, as the server guessed them); a DXF's layers (what they hold
 * and how many), ticked when they are read into this import's target layer. Choosing reads the
 * same file again.
 */
export function SourceParts({
  view,
  busy,
  onReread,
}: {
  view: ImportView;
  busy: boolean;
  onReread: (choice: PartsChoice) => void;
}) {
  if (view.parts.length === 0) return null;
  return view.format === 'dxf' ? (
    <DxfLayers view={view} busy={busy} onReread={onReread} />
  ) : (
    <SheetChoice view={view} busy={busy} onReread={onReread} />
  );
}

function SheetChoice({ view, busy, onReread }: Parameters<typeof SourceParts>[0]) {
  const { t, lang } = useImportText();
  const current = view.parts.find((p) => p.chosen)?.name ?? view.parts[0]?.name ?? '';
  const [sheet, setSheet] = useState(current);
  const [degrees, setDegrees] = useState(view.crs === 'EPSG:4326');
  const [columns, setColumns] = useState({ x: '', y: '' });
  const sameSheet = sheet === current;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const chosen = sameSheet && columns.x && columns.y ? columns : undefined;
    onReread({
      sheet,
      ...(chosen ? { columns: chosen } : {}),
      crs: degrees ? 'EPSG:4326' : view.crs && view.crs !== 'EPSG:4326' ? view.crs : 'EPSG:9210',
    });
  };
  return (
    <form className="import-parts" data-testid="import-sheets" onSubmit={submit}>
      <label className="import-field">
        <span>{t('sheet')}</span>
        <select
          data-testid="import-sheet"
          value={sheet}
          disabled={busy}
          onChange={(e) => setSheet(e.target.value)}
        >
          {view.parts.map((p) => (
            <option key={p.name} value={p.name}>
              {t('sheetOption', { name: p.name, rows: formatNumber(lang, p.rows) })}
            </option>
          ))}
        </select>
      </label>
      <label className="import-field">
        <span>{t('coordinateKind')}</span>
        <select
          data-testid="import-coordinate-kind"
          value={degrees ? 'degrees' : 'vn2000'}
          disabled={busy}
          onChange={(e) => setDegrees(e.target.value === 'degrees')}
        >
          <option value="degrees">{t('coordinateDegrees')}</option>
          <option value="vn2000">{t('coordinateVn2000')}</option>
        </select>
      </label>
      {sameSheet ? (
        <div className="import-columns">
          {(['x', 'y'] as const).map((axis) => (
            <label key={axis} className="import-field">
              <span>{t(axis === 'x' ? 'csvX' : 'csvY')}</span>
              <select
                data-testid={`import-sheet-${axis}`}
                value={columns[axis]}
                disabled={busy}
                onChange={(e) => setColumns((c) => ({ ...c, [axis]: e.target.value }))}
              >
                <option value="">{t('csvAuto')}</option>
                {view.fields.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </div>
      ) : null}
      <button type="submit" data-testid="import-reread" disabled={busy}>
        {t('readAgain')}
      </button>
    </form>
  );
}

function DxfLayers({ view, busy, onReread }: Parameters<typeof SourceParts>[0]) {
  const { t, lang } = useImportText();
  const [chosen, setChosen] = useState(() => new Set(view.parts.filter((p) => p.chosen).map((p) => p.name)));
  const toggle = (name: string, on: boolean) =>
    setChosen((before) => {
      const next = new Set(before);
      if (on) next.add(name);
      else next.delete(name);
      return next;
    });
  const geometry = { point: t('layerPoints'), line: t('layerLines'), mixed: t('layerMixed') };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onReread({ layers: view.parts.filter((p) => chosen.has(p.name)).map((p) => p.name) });
  };
  return (
    <form className="import-parts" data-testid="import-layers" onSubmit={submit}>
      <p className="import-hint">{t('layersHint')}</p>
      <table className="import-layer-table">
        <thead>
          <tr>
            <th scope="col">{t('dxfLayer')}</th>
            <th scope="col">{t('layerHolds')}</th>
            <th scope="col">{t('layerImport')}</th>
          </tr>
        </thead>
        <tbody>
          {view.parts.map((p) => (
            <tr key={p.name} data-testid="import-layer-row">
              <td>
                <code>{p.name}</code>
              </td>
              <td>
                {formatNumber(lang, p.rows)} {p.geometry ? geometry[p.geometry] : ''}
              </td>
              <td>
                <input
                  type="checkbox"
                  aria-label={t('layerImportInto', { layer: p.name })}
                  checked={chosen.has(p.name)}
                  disabled={busy}
                  onChange={(e) => toggle(p.name, e.target.checked)}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="submit" data-testid="import-reread" disabled={busy || chosen.size === 0}>
        {t('readLayers')}
      </button>
    </form>
  );
}
