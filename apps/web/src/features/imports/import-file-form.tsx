import { assetResources } from '@hatang/contracts';
import { type FormEvent, useState } from 'react';
import { type CsvHeader, readCsvHeader } from './csv-header';
import { type ImportTextKey, useImportText } from './imports-i18n';

/** What the first step sends: the file, its target layer, the CRS and (CSV) the coordinate columns. */
export interface UploadChoice {
  file: File;
  resource: string;
  crs: string | undefined;
  columns: { x: string; y: string } | undefined;
  /** .xlsx: the sheet; DXF: the layers (chosen after a first read, see source-parts.tsx). */
  sheet?: string | undefined;
  layers?: string[] | undefined;
}

/** The CRSs the API reads (packages/geo): VN-2000 TM-3 zones, UTM 48N, WGS 84. */
const CRS_CHOICES: readonly { code: string; label: ImportTextKey }[] = [
  { code: '', label: 'crsAuto' },
  { code: 'EPSG:9210', label: 'crs9210' },
  { code: 'EPSG:9209', label: 'crs9209' },
  { code: 'EPSG:3405', label: 'crs3405' },
  { code: 'EPSG:32648', label: 'crs32648' },
  { code: 'EPSG:4326', label: 'crs4326' },
];

const ACCEPT = '.geojson,.json,.zip,.kml,.kmz,.csv,.txt,.gpkg,.xlsx,.dxf';
const isCsv = (file: File | null) => file !== null && /\.(csv|txt)$/i.test(file.name);

/** The hint under the file picker: what the chosen kind of file needs. */
function hintOf(file: File | null): ImportTextKey {
  if (file && /\.xlsx$/i.test(file.name)) return 'xlsxHint';
  if (file && /\.dxf$/i.test(file.name)) return 'dxfHint';
  return 'fileHint';
}

/** Step 1: the file, the target layer, the CRS (and the CSV's coordinate columns). */
export function ImportFileForm({
  busy,
  onUpload,
}: {
  busy: boolean;
  onUpload: (choice: UploadChoice) => void;
}) {
  const { t, lang } = useImportText();
  const [file, setFile] = useState<File | null>(null);
  const [resource, setResource] = useState<string>(assetResources[0].path);
  const [crs, setCrs] = useState('');
  const [header, setHeader] = useState<CsvHeader | null>(null);
  const [columns, setColumns] = useState<{ x: string; y: string }>({ x: '', y: '' });
  const [missingFile, setMissingFile] = useState(false);

  const chooseFile = async (next: File | null) => {
    setFile(next);
    setMissingFile(false);
    setHeader(null);
    setColumns({ x: '', y: '' });
    if (next && isCsv(next)) {
      const read = await readCsvHeader(next);
      setHeader(read);
      if (read.guess) {
        setColumns({ x: read.guess.x, y: read.guess.y });
        if (read.guess.kind === 'lnglat') setCrs((c) => c || 'EPSG:4326');
      }
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setMissingFile(true);
      return;
    }
    onUpload({
      file,
      resource,
      crs: crs || undefined,
      columns: header && columns.x && columns.y ? columns : undefined,
    });
  };

  const metres = header !== null && crs === '' && header.guess?.kind !== 'lnglat';
  return (
    <form className="analysis-form import-file-form" onSubmit={submit} data-testid="import-file-form">
      <div className="import-field">
        <span id="import-file-label">{t('file')}</span>
        {/* The native input is hidden (its button speaks the browser's language); this label opens it. */}
        <label className="import-file-picker" data-disabled={busy || undefined}>
          <input
            type="file"
            name="file"
            className="import-file-input"
            accept={ACCEPT}
            data-testid="import-file"
            aria-labelledby="import-file-label"
            disabled={busy}
            onChange={(e) => void chooseFile(e.target.files?.[0] ?? null)}
          />
          <span className="import-file-button">{t('chooseFileButton')}</span>
          <span className="import-file-name" data-testid="import-file-name">
            {file?.name ?? t('noFileChosen')}
          </span>
        </label>
        <small className="import-hint">{t(hintOf(file))}</small>
      </div>
      <label className="import-field">
        <span>{t('layer')}</span>
        <select
          name="resource"
          data-testid="import-layer"
          value={resource}
          disabled={busy}
          onChange={(e) => setResource(e.target.value)}
        >
          {assetResources.map((r) => (
            <option key={r.path} value={r.path}>
              {r.labels[lang]}
            </option>
          ))}
        </select>
      </label>
      <label className="import-field">
        <span>{t('crs')}</span>
        <select
          name="crs"
          data-testid="import-crs"
          value={crs}
          disabled={busy}
          onChange={(e) => setCrs(e.target.value)}
        >
          {CRS_CHOICES.map((c) => (
            <option key={c.code} value={c.code}>
              {t(c.label)}
            </option>
          ))}
        </select>
      </label>
      {header ? (
        <fieldset className="import-columns" data-testid="import-csv-columns">
          <legend>{t('csvColumns')}</legend>
          {(['x', 'y'] as const).map((axis) => (
            <label key={axis} className="import-field">
              <span>{t(axis === 'x' ? 'csvX' : 'csvY')}</span>
              <select
                data-testid={`import-csv-${axis}`}
                value={columns[axis]}
                disabled={busy}
                onChange={(e) => setColumns((c) => ({ ...c, [axis]: e.target.value }))}
              >
                <option value="">{t('csvAuto')}</option>
                {header.columns.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
          ))}
          {metres ? <p className="import-hint">{t('csvXyNeedsZone')}</p> : null}
        </fieldset>
      ) : null}
      {missingFile ? (
        <p className="import-warning" role="alert">
          {t('chooseFile')}
        </p>
      ) : null}
      <button type="submit" className="primary" data-testid="import-upload" disabled={busy}>
        {t('upload')}
      </button>
    </form>
  );
}
