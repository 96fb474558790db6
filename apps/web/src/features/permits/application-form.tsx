import { type PermitKind, permitKind } from '@hatang/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useMemo, useState } from 'react';
import { ApiRequestError } from '../../lib/api-client';
import type { Organisation } from '../../lib/types';
import { DrawController, type DrawnGeometry } from '../../map/draw-controller';
import { permitsKey } from './application-list';
import {
  buildCreate,
  detailFields,
  detailsOf,
  emptyValues,
  type FormValues,
  fieldErrors,
  geometryOf,
  isPointKind,
  setItems,
  valuesOf,
} from './permit-form';
import { createApplication, getApplication, type LngLat, patchApplication } from './permits-api';
import { usePermitsText } from './permits-i18n';
import { APPLICATION_LAYERS, APPLICATION_SOURCE, useGeoJsonLayers, usePickOnMap } from './permits-layers';
import { type FeatureCollection, formatLngLat } from './permits-model';

/** A new application (`id` null) or the edit of a draft / an application sent back for more information. */
export function ApplicationForm({
  map,
  id,
  organisations,
  onDone,
}: {
  map: MapLibreMap | null;
  id: string | null;
  /** The register's organisations: the operators an in-building system may serve are offered from them. */
  organisations: readonly Organisation[] | undefined;
  onDone: (id?: string) => void;
}) {
  const { t, lang } = usePermitsText();
  const existing = useQuery({
    queryKey: [...permitsKey, 'one', id],
    queryFn: ({ signal }) => getApplication(id ?? '', signal),
    enabled: id !== null,
  });
  if (id !== null && !existing.data) {
    return (
      <p className="permits-muted">
        {existing.error ? t('failed', { message: existing.error.message }) : t('loading')}
      </p>
    );
  }
  return (
    <FormBody
      map={map}
      organisations={organisations}
      initial={existing.data ? valuesOf(existing.data, lang) : emptyValues('tower')}
      existing={existing.data ?? null}
      onDone={onDone}
    />
  );
}

function FormBody({
  map,
  organisations,
  initial,
  existing,
  onDone,
}: {
  map: MapLibreMap | null;
  organisations: readonly Organisation[] | undefined;
  initial: FormValues;
  existing: Awaited<ReturnType<typeof getApplication>> | null;
  onDone: (id?: string) => void;
}) {
  const { t, tx } = usePermitsText();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<FormValues>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [picking, setPicking] = useState<'point' | 'line' | null>(null);
  const fields = useMemo(() => detailFields(values.kind), [values.kind]);
  const set = (patch: Partial<FormValues>) => setValues((v) => ({ ...v, ...patch }));
  const setDetail = (key: string, value: string) =>
    setValues((v) => ({ ...v, details: { ...v.details, [key]: value } }));
  /** Adds `item` to the set held (comma-separated) in `key`, or removes it. */
  const toggleInSet = (key: string, item: string, on: boolean) =>
    setValues((v) => {
      const rest = setItems(v.details[key]).filter((x) => x !== item);
      return { ...v, details: { ...v.details, [key]: (on ? [...rest, item] : rest).join(',') } };
    });
  const operators = useMemo(
    () =>
      (organisations ?? [])
        .filter((o) => o.kind === 'operator')
        .sort((a, b) => a.name.localeCompare(b.name, 'vi')),
    [organisations],
  );
  const point = isPointKind(values.kind);

  // Drawing a line: terra-draw with its own prefixed layers; a point: the next click.
  const controller = useMemo(
    () =>
      map
        ? new DrawController(
            map,
            (g: DrawnGeometry) => {
              if (g.type === 'LineString')
                set({ where: (g.coordinates as LngLat[]).map(formatLngLat).join('\n') });
            },
            { prefixId: 'permit-td' },
          )
        : null,
    [map],
  );
  useEffect(() => () => controller?.stop(), [controller]);
  usePickOnMap(map, picking !== null, (p) => {
    if (picking === 'point') {
      set({ where: formatLngLat(p) });
      setPicking(null);
    }
  });
  const stopPicking = () => {
    controller?.stop();
    setPicking(null);
  };

  // The works as typed or drawn, on the map (not while terra-draw shows them itself).
  const geometry = geometryOf(values.kind, values.where);
  const preview = useMemo<FeatureCollection | null>(
    () =>
      geometry && picking !== 'line'
        ? { type: 'FeatureCollection', features: [{ type: 'Feature', geometry, properties: {} }] }
        : null,
    [JSON.stringify(geometry), picking],
  );
  useGeoJsonLayers(map, `${APPLICATION_SOURCE}-draft`, preview, DRAFT_LAYERS);

  const save = useMutation({
    mutationFn: async () => {
      if (existing) {
        const geometry = geometryOf(existing.kind, values.where);
        return patchApplication(existing, {
          title: values.title,
          justification: values.justification.trim() === '' ? null : values.justification.trim(),
          details: detailsOf(existing.kind, values.details),
          ...(geometry ? { geometry } : {}),
        });
      }
      const built = buildCreate(values);
      if (!built.ok) {
        setErrors(built.errors);
        throw new Error('invalid');
      }
      return createApplication(built.body);
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: permitsKey });
      stopPicking();
      onDone(saved.id);
    },
    onError: (error) => {
      if (error instanceof ApiRequestError && error.details.length > 0) setErrors(fieldErrors(error.details));
    },
  });

  const err = (key: string) =>
    errors[key] ? (
      <span className="permits-field-error" data-testid={`permit-error-${key}`}>
        {key === 'where' ? t(point ? 'badLocation' : 'badRoute') : errors[key]}
      </span>
    ) : null;

  return (
    <form
      className={picking ? 'permits-form picking' : 'permits-form'}
      data-testid="permit-form"
      onSubmit={(e) => {
        e.preventDefault();
        setErrors({});
        save.mutate();
      }}
    >
      <button
        type="button"
        className="permits-link"
        onClick={() => {
          stopPicking();
          onDone(existing?.id);
        }}
      >
        {t('back')}
      </button>
      <label>
        {t('kind')}
        <select
          name="kind"
          value={values.kind}
          disabled={existing !== null}
          onChange={(e) => {
            stopPicking();
            const kind = e.target.value as PermitKind;
            setValues({ ...emptyValues(kind), title: values.title, justification: values.justification });
          }}
        >
          {permitKind.options.map((k) => (
            <option key={k} value={k}>
              {tx(`kind_${k}`, k)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('titleLabel')}
        <input name="title" value={values.title} onChange={(e) => set({ title: e.target.value })} />
        {err('title')}
      </label>
      <fieldset className="permits-details">
        {fields.map((f) =>
          f.key === 'buildingHeightM' && values.details.mounting !== 'rooftop' ? null : (
            <div key={f.key} className="permits-field">
              {f.kind === 'enumSet' || f.kind === 'organisations' ? null : (
                <label htmlFor={`permit-field-${f.key}`}>{tx(`field_${f.key}`, f.key)}</label>
              )}
              {f.kind === 'enumSet' || f.kind === 'organisations' ? (
                <fieldset
                  id={`permit-field-${f.key}`}
                  className="permits-choices"
                  data-testid={`permit-field-${f.key}`}
                >
                  <legend>{tx(`field_${f.key}`, f.key)}</legend>
                  {(f.kind === 'enumSet'
                    ? f.options.map((o) => ({ value: o, label: tx(`opt_${o}`, o) }))
                    : operators.map((o) => ({ value: o.id, label: o.name }))
                  ).map((o) => (
                    <label key={o.value} className="permits-check">
                      <input
                        type="checkbox"
                        name={f.key}
                        value={o.value}
                        checked={setItems(values.details[f.key]).includes(o.value)}
                        onChange={(e) => toggleInSet(f.key, o.value, e.target.checked)}
                      />
                      {o.label}
                    </label>
                  ))}
                </fieldset>
              ) : f.kind === 'enum' ? (
                <select
                  id={`permit-field-${f.key}`}
                  name={f.key}
                  value={values.details[f.key] ?? ''}
                  onChange={(e) => setDetail(f.key, e.target.value)}
                >
                  {f.options.map((o) => (
                    <option key={o} value={o}>
                      {tx(`opt_${o}`, o)}
                    </option>
                  ))}
                </select>
              ) : f.kind === 'boolean' ? (
                <select
                  id={`permit-field-${f.key}`}
                  name={f.key}
                  value={values.details[f.key] ?? 'false'}
                  onChange={(e) => setDetail(f.key, e.target.value)}
                >
                  <option value="false">{t('no')}</option>
                  <option value="true">{t('yes')}</option>
                </select>
              ) : (
                <input
                  id={`permit-field-${f.key}`}
                  name={f.key}
                  type={f.kind === 'date' ? 'date' : 'text'}
                  inputMode={f.kind === 'number' ? 'decimal' : undefined}
                  value={values.details[f.key] ?? ''}
                  onChange={(e) => setDetail(f.key, e.target.value)}
                />
              )}
              {err(`details.${f.key}`)}
            </div>
          ),
        )}
      </fieldset>
      <div className="permits-field">
        <label htmlFor="permit-where">
          {values.kind === 'in_building' ? t('buildingLocation') : point ? t('location') : t('route')}
        </label>
        {point ? (
          <input
            id="permit-where"
            name="where"
            value={values.where}
            onChange={(e) => set({ where: e.target.value })}
          />
        ) : (
          <textarea
            id="permit-where"
            name="where"
            rows={3}
            value={values.where}
            onChange={(e) => set({ where: e.target.value })}
          />
        )}
        {err('where')}
      </div>
      <div className="permits-actions">
        {picking ? (
          <>
            <span className="permits-muted">{picking === 'point' ? t('pickingHint') : t('drawingHint')}</span>
            <button type="button" onClick={stopPicking}>
              {t('stopDrawing')}
            </button>
          </>
        ) : (
          <button
            type="button"
            data-testid="permit-pick"
            onClick={() => {
              if (point) setPicking('point');
              else {
                setPicking('line');
                controller?.startDrawing('LineString');
              }
            }}
          >
            {point ? t('pickPoint') : t('drawLine')}
          </button>
        )}
      </div>
      <label>
        {t('justification')}
        <textarea
          name="justification"
          rows={2}
          value={values.justification}
          onChange={(e) => set({ justification: e.target.value })}
        />
      </label>
      {save.error &&
      !(save.error instanceof ApiRequestError && save.error.details.length > 0) &&
      save.error.message !== 'invalid' ? (
        <p className="permits-error">{t('failed', { message: save.error.message })}</p>
      ) : null}
      <div className="permits-actions">
        <button type="submit" className="permits-primary" data-testid="permit-save" disabled={save.isPending}>
          {save.isPending ? t('saving') : t('saveDraft')}
        </button>
      </div>
    </form>
  );
}

const DRAFT_LAYERS = APPLICATION_LAYERS.map((l) => ({ ...l, id: `${l.id}-draft` }));
