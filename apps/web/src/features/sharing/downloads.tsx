import { useSharingText } from './sharing-i18n';

/**
 * Download links of a sharing answer (CSV for spreadsheets, GeoJSON for GIS). Same-origin links
 * carry the session cookie; the server sends `Content-Disposition` with the file name.
 */
export function DownloadLinks({
  links,
  testId,
}: {
  links: readonly { format: 'csv' | 'geojson'; href: string }[];
  testId?: string;
}) {
  const { t } = useSharingText();
  return (
    <p className="sharing-downloads" data-testid={testId}>
      <span>{t('download')}:</span>
      {links.map((l) => (
        <a key={l.href} href={l.href} download data-format={l.format}>
          {l.format === 'csv' ? 'CSV' : 'GeoJSON'}
        </a>
      ))}
    </p>
  );
}
