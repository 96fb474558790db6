import type { SessionUser } from '@hatang/contracts';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { ApiRequestError } from '../../lib/api-client';
import { type Lang, useI18n } from '../../lib/i18n';
import type { AssetFeature, Organisation } from '../../lib/types';
import type { DrawnGeometry } from '../../map/draw-controller';
import { AttributeForm } from './attribute-form';
import { CoordinateInput } from './coordinate-input';
import type { EditableResource } from './editable-resources';
import { type FieldErrors, type FormValues, fieldErrorsFrom, validateForm, valuesFrom } from './form-fields';
import type { Edits } from './use-edits';

/** One editing session: a new asset (feature null) or an existing one. */
export interface EditSession {
  resource: EditableResource;
  feature: AssetFeature | null;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function initialValues(
  session: EditSession,
  user: SessionUser,
  owners: readonly Organisation[],
  lang: Lang,
): FormValues {
  const { resource, feature } = session;
  if (feature) return valuesFrom(resource.fields, feature.properties ?? {}, lang);
  const values = valuesFrom(resource.fields, {});
  values.status = 'existing';
  values.ownerOrgId = owners.some((o) => o.id === user.orgId) ? user.orgId : (owners[0]?.id ?? '');
  return values;
}

/**
 * The editor in the side panel: where to draw, typed coordinates (points), the attribute form
 * validated live with the contract, and Save / Cancel. Server 400 details land at their fields.
 */
export function EditPanel({
  session,
  geometry,
  user,
  owners,
  operators,
  edits,
  onMove,
  onClose,
  manholesAtEnds,
  poleAt,
}: {
  session: EditSession;
  geometry: DrawnGeometry | null;
  user: SessionUser;
  owners: readonly Organisation[];
  /** The operators a list of served operators chooses from. */
  operators: readonly Organisation[];
  edits: Edits;
  onMove: (lngLat: [number, number]) => void;
  onClose: (saved: AssetFeature | null) => void;
  /** The manholes a line starts and ends on (ducts run between manholes), if any. */
  manholesAtEnds?: (line: DrawnGeometry) => [string | null, string | null];
  /** The pole drawn at a point (within the snap radius), if any: a device placed there hangs on it. */
  poleAt?: (point: [number, number]) => Promise<{ id: string; coordinates: [number, number] } | null>;
}) {
  const { t, lang } = useI18n();
  const { resource, feature } = session;
  const [values, setValues] = useState<FormValues>(() => initialValues(session, user, owners, lang));
  const [original] = useState(values);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [generalError, setGeneralError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  // Fields the server did not send this user (confidential): shown as hidden, never written.
  const hidden = useMemo(
    () =>
      new Set(
        feature ? resource.fields.map((f) => f.key).filter((k) => !(k in (feature.properties ?? {}))) : [],
      ),
    [feature, resource],
  );
  const changedKeys = resource.fields
    .map((f) => f.key)
    .filter((k) => !hidden.has(k) && !same(values[k], original[k]));
  const validation = validateForm(resource.definition, resource.fields, values, {
    partialKeys: feature && hidden.size > 0 ? changedKeys : undefined,
  });
  const shownErrors: FieldErrors = {};
  for (const [key, message] of Object.entries(validation.errors)) {
    if (submitted || touched.has(key)) shownErrors[key] = message;
  }
  for (const [key, message] of Object.entries(serverErrors)) shownErrors[key] ??= message;

  // A duct drawn from manhole to manhole (vertices snapped onto them) records both ends.
  const isDuct = resource.id === 'ducts';
  useEffect(() => {
    if (!isDuct || !geometry || geometry.type !== 'LineString' || !manholesAtEnds) return;
    const [from, to] = manholesAtEnds(geometry);
    setValues((v) => ({ ...v, fromManholeId: from ?? '', toManholeId: to ?? '' }));
  }, [isDuct, geometry, manholesAtEnds]);

  // A device placed on a pole hangs on it: it records the pole and stands exactly where the pole does.
  const isDevice = resource.id === 'street-devices';
  useEffect(() => {
    if (!isDevice || !geometry || geometry.type !== 'Point' || !poleAt) return;
    const [lng, lat] = geometry.coordinates;
    if (lng === undefined || lat === undefined) return;
    let current = true;
    void poleAt([lng, lat]).then((pole) => {
      if (!current) return;
      setValues((v) => ({ ...v, poleId: pole?.id ?? '' }));
      if (pole && (pole.coordinates[0] !== lng || pole.coordinates[1] !== lat)) onMove(pole.coordinates);
    });
    return () => {
      current = false;
    };
  }, [isDevice, geometry, poleAt, onMove]);

  const change = (key: string, value: string | string[]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setTouched((s) => new Set([...s, key]));
    setServerErrors(({ [key]: _dropped, ...rest }) => rest);
  };

  const geometryChanged = feature !== null && geometry !== null && !same(geometry, feature.geometry);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setGeneralError(null);
    if (!geometry) {
      setGeneralError(resource.kind === 'Point' ? t('placePointFirst') : t('drawLineFirst'));
      return;
    }
    if (Object.keys(validation.errors).length > 0) return;
    setSaving(true);
    try {
      if (!feature) {
        onClose(await edits.create(resource.id, geometry, validation.properties));
        return;
      }
      const properties = Object.fromEntries(changedKeys.map((k) => [k, validation.properties[k]]));
      if (changedKeys.length === 0 && !geometryChanged) {
        onClose(null);
        return;
      }
      const saved = await edits.update(resource.id, feature, {
        ...(changedKeys.length > 0 ? { properties } : {}),
        ...(geometryChanged ? { geometry } : {}),
      });
      // null: someone else saved first; the stale-edit dialog takes over.
      onClose(saved);
    } catch (caught) {
      if (caught instanceof ApiRequestError && caught.details.length > 0) {
        const { errors, other } = fieldErrorsFrom(caught.details);
        setServerErrors(errors);
        setGeneralError(other.length > 0 ? other.join('; ') : null);
      } else {
        setGeneralError(caught instanceof Error ? caught.message : String(caught));
      }
    } finally {
      setSaving(false);
    }
  };

  const point = geometry?.type === 'Point' ? geometry.coordinates : null;
  return (
    <aside className="side-panel edit-panel" data-testid="edit-panel" aria-label={t('editing')}>
      <header>
        <div>
          <p className="kicker">{t(resource.id)}</p>
          <h2>
            {feature ? t('editAsset', { code: String(feature.properties?.code ?? '') }) : t('newAsset')}
          </h2>
        </div>
        <button type="button" className="icon-button" onClick={() => onClose(null)} aria-label={t('close')}>
          ×
        </button>
      </header>
      <p className="hint-box" data-testid="draw-hint">
        {geometry
          ? resource.kind === 'Point'
            ? t('hintMovePoint')
            : t('hintReshapeLine')
          : resource.kind === 'Point'
            ? t('hintPlacePoint')
            : t('hintDrawLine')}
      </p>
      {resource.kind === 'Point' ? (
        <CoordinateInput
          lngLat={point && point.length >= 2 ? [point[0] ?? 0, point[1] ?? 0] : null}
          onApply={onMove}
        />
      ) : null}
      <form onSubmit={save} noValidate>
        <AttributeForm
          fields={resource.fields}
          values={values}
          errors={shownErrors}
          owners={owners}
          operators={operators}
          hidden={hidden}
          onChange={change}
        />
        {generalError ? (
          <p className="form-error" role="alert" data-testid="edit-error">
            {generalError}
          </p>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={saving} data-testid="save-button">
            {saving ? t('saving') : t('save')}
          </button>
          <button type="button" onClick={() => onClose(null)}>
            {t('cancel')}
          </button>
        </div>
      </form>
    </aside>
  );
}
