-- Permit applications take CAD drawings as attachments: DXF (image/vnd.dxf) and DWG
-- (image/vnd.dwg), recognised by their first bytes like the other types; still at most 10 MiB.
ALTER TABLE attachments DROP CONSTRAINT attachments_media_type_check;
ALTER TABLE attachments ADD CONSTRAINT attachments_media_type_check
  CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png', 'image/vnd.dxf', 'image/vnd.dwg'));
