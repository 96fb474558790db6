import { useQuery } from '@tanstack/react-query';
import { fetchAsset } from '../../lib/assets-api';
import { useI18n } from '../../lib/i18n';
import type { AssetResource } from '../../lib/types';

/** The asset kind each reference field names (a device's pole, a duct's end manholes, a cable's station). */
const REF_RESOURCES: Record<string, AssetResource> = {
  poleId: 'poles',
  fromManholeId: 'manholes',
  toManholeId: 'manholes',
  landingStationId: 'landing-stations',
};

/**
 * A reference to another asset, as people know it: its code (read through the asset cache), never
 * the id. It is set by placing the asset on the map (a device snaps to a pole, a duct's ends to
 * manholes), so the form only shows it and lets the user unlink it.
 */
export function RefField({
  id,
  fieldKey,
  value,
  onClear,
}: {
  id: string;
  fieldKey: string;
  value: string;
  onClear: () => void;
}) {
  const { t } = useI18n();
  const resource = REF_RESOURCES[fieldKey];
  const target = useQuery({
    queryKey: ['asset', resource, value],
    queryFn: ({ signal }) => fetchAsset(resource ?? 'poles', value, signal),
    enabled: resource !== undefined && value !== '',
    retry: false,
    staleTime: 60_000,
  });
  if (value === '')
    return (
      <span className="muted ref-field" id={id} data-ref="">
        {t('refNone')}
      </span>
    );
  const code = target.data?.properties.code;
  return (
    <span className="ref-field" id={id} data-ref={value}>
      <strong>{typeof code === 'string' ? code : target.isError ? t('refUnknown') : '…'}</strong>{' '}
      <button type="button" className="link-button" onClick={onClear}>
        {t('refClear')}
      </button>
    </span>
  );
}
