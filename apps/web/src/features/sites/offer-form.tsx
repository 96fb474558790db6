import type { SiteGeometry } from '@hatang/contracts';
import { fromVn2000, fromVn2000Label } from '@hatang/geo/crs';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ApiRequestError } from '../../lib/api-client';
import type { Organisation } from '../../lib/types';
import { DrawController } from '../../map/draw-controller';
import { publishOffer } from './sites-api';
import { useSitesText } from './sites-i18n';

const FIELDS = [
  ['name', 'text'],
  ['areaM2', 'number'],
  ['maxStructureHeightM', 'number'],
  ['buildingHeightM', 'number'],
  ['contactName', 'text'],
  ['contactPhone', 'tel'],
  ['contactEmail', 'email'],
  ['availableFrom', 'date'],
  ['availableUntil', 'date'],
] as const;
type FieldName = (typeof FIELDS)[number][0];

/**
 * The form a commune inspector (or a planner for any commune) publishes a site offer with: the
 * location drawn on the map (its own DrawController while the form is open) or typed in WGS 84
 * or VN-2000, and the offer's terms.
 */
export function OfferForm(props: {
  map: MapLibreMap;
  /** Communes a planner may publish for; empty for an inspector (their own commune). */
  communes: readonly Organisation[];
  onDone: () => void;
  onCancel: () => void;
}) {
  const { map, communes, onDone, onCancel } = props;
  const { t } = useSitesText();
  const [geometry, setGeometry] = useState<SiteGeometry | null>(null);
  const [values, setValues] = useState<Record<FieldName, string>>({
    name: '',
    areaM2: '',
    maxStructureHeightM: '',
    buildingHeightM: '',
    contactName: '',
    contactPhone: '',
    contactEmail: '',
    availableFrom: '',
    availableUntil: '',
  });
  const [offerKind, setOfferKind] = useState<'land_plot' | 'building_roof'>('land_plot');
  const [purpose, setPurpose] = useState<'tower' | 'cabinet' | 'both'>('tower');
  const [conditions, setConditions] = useState('');
  const [orgId, setOrgId] = useState(communes[0]?.id ?? '');
  const [crs, setCrs] = useState<'wgs84' | 'vn2000'>('wgs84');
  const [typed, setTyped] = useState({ a: '', b: '' });
  const [errors, setErrors] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const draw = useRef<DrawController | null>(null);

  useEffect(() => {
    const controller = new DrawController(
      map,
      (g) => {
        if (g.type === 'Point' || g.type === 'Polygon') setGeometry(g as SiteGeometry);
      },
      { prefixId: 'site-offer-draw' },
    );
    draw.current = controller;
    return () => {
      controller.stop();
      draw.current = null;
    };
  }, [map]);

  const placeTyped = () => {
    const a = Number(typed.a);
    const b = Number(typed.b);
    if (!Number.isFinite(a) || !Number.isFinite(b) || typed.a === '' || typed.b === '') return;
    // VN-2000 survey labels: X is the northing, Y the easting.
    const [lng, lat] = crs === 'wgs84' ? [a, b] : fromVn2000(fromVn2000Label({ X: a, Y: b }));
    const point: SiteGeometry = {
      type: 'Point',
      coordinates: [Math.round(lng * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7],
    };
    setGeometry(point);
    draw.current?.setGeometry({ type: 'Point', coordinates: [...point.coordinates] });
    map.easeTo({ center: point.coordinates, zoom: Math.max(map.getZoom(), 15) });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!geometry) {
      setErrors([t('noGeometry')]);
      return;
    }
    const num = (v: string) => (v.trim() === '' ? null : Number(v));
    const text = (v: string) => (v.trim() === '' ? null : v.trim());
    const properties: Record<string, unknown> = {
      name: values.name.trim(),
      offerKind,
      purpose,
      areaM2: num(values.areaM2),
      maxStructureHeightM: num(values.maxStructureHeightM),
      buildingHeightM: num(values.buildingHeightM),
      conditions: text(conditions),
      contactName: values.contactName.trim(),
      contactPhone: text(values.contactPhone),
      contactEmail: text(values.contactEmail),
      availableFrom: text(values.availableFrom),
      availableUntil: text(values.availableUntil),
      ...(communes.length > 0 && orgId ? { offeringOrgId: orgId } : {}),
    };
    setSaving(true);
    setErrors([]);
    try {
      await publishOffer({ geometry, properties });
      onDone();
    } catch (error) {
      if (error instanceof ApiRequestError && error.details.length > 0) {
        setErrors(error.details.map((d) => `${d.path.slice(1).join('.') || d.path.join('.')}: ${d.message}`));
      } else setErrors([(error as Error).message]);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="sites-form" data-testid="site-offer-form" onSubmit={submit}>
      <h3>{t('publishTitle')}</h3>
      <fieldset>
        <legend>{t('where')}</legend>
        <div className="sites-row">
          <button
            type="button"
            data-testid="site-offer-draw-point"
            onClick={() => draw.current?.startDrawing('Point')}
          >
            {t('drawPoint')}
          </button>
          <button
            type="button"
            data-testid="site-offer-draw-polygon"
            onClick={() => draw.current?.startDrawing('Polygon')}
          >
            {t('drawPolygon')}
          </button>
        </div>
        <p className="sites-hint">{t('drawHint')}</p>
        <label>
          {t('crs')}
          <select
            value={crs}
            onChange={(e) => setCrs(e.target.value as 'wgs84' | 'vn2000')}
            data-testid="site-offer-crs"
          >
            <option value="wgs84">{t('wgs84')}</option>
            <option value="vn2000">{t('vn2000')}</option>
          </select>
        </label>
        <div className="sites-row">
          <input
            aria-label={crs === 'wgs84' ? t('lng') : t('x')}
            placeholder={crs === 'wgs84' ? t('lng') : t('x')}
            value={typed.a}
            data-testid="site-offer-coord-a"
            onChange={(e) => setTyped({ ...typed, a: e.target.value })}
          />
          <input
            aria-label={crs === 'wgs84' ? t('lat') : t('y')}
            placeholder={crs === 'wgs84' ? t('lat') : t('y')}
            value={typed.b}
            data-testid="site-offer-coord-b"
            onChange={(e) => setTyped({ ...typed, b: e.target.value })}
          />
          <button type="button" data-testid="site-offer-place" onClick={placeTyped}>
            {t('place')}
          </button>
        </div>
        <p className="sites-hint" data-testid="site-offer-geometry">
          {geometry ? t('geometryReady', { type: geometry.type }) : t('noGeometry')}
        </p>
      </fieldset>
      {communes.length > 0 ? (
        <label>
          {t('offeringOrg')}
          <select value={orgId} onChange={(e) => setOrgId(e.target.value)}>
            {communes.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label>
        {t('offerKind')}
        <select
          value={offerKind}
          onChange={(e) => setOfferKind(e.target.value as typeof offerKind)}
          name="offerKind"
        >
          <option value="land_plot">{t('land_plot')}</option>
          <option value="building_roof">{t('building_roof')}</option>
        </select>
      </label>
      <label>
        {t('purpose')}
        <select value={purpose} onChange={(e) => setPurpose(e.target.value as typeof purpose)} name="purpose">
          <option value="tower">{t('tower')}</option>
          <option value="cabinet">{t('cabinet')}</option>
          <option value="both">{t('both')}</option>
        </select>
      </label>
      {FIELDS.filter(([name]) => name !== 'buildingHeightM' || offerKind === 'building_roof').map(
        ([name, type]) => (
          <label key={name}>
            {t(name)}
            <input
              name={name}
              type={type}
              step={type === 'number' ? 'any' : undefined}
              value={values[name]}
              onChange={(e) => setValues({ ...values, [name]: e.target.value })}
            />
          </label>
        ),
      )}
      <label>
        {t('conditions')}
        <textarea
          name="conditions"
          rows={2}
          value={conditions}
          onChange={(e) => setConditions(e.target.value)}
        />
      </label>
      {errors.length > 0 ? (
        <ul className="sites-errors" role="alert">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
      <div className="sites-row">
        <button type="submit" disabled={saving} data-testid="site-offer-save">
          {saving ? t('saving') : t('save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
