/** The file types an attachment may have, recognised by their first bytes (never by name alone). */
export const ATTACHMENT_TYPES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/vnd.dxf',
  'image/vnd.dwg',
] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** What every record kind takes: documents and photos. */
export const DOCUMENT_TYPES: readonly AttachmentType[] = ['application/pdf', 'image/jpeg', 'image/png'];
/** Permit applications also take CAD drawings (DXF, DWG). */
export const DRAWING_TYPES: readonly AttachmentType[] = [...DOCUMENT_TYPES, 'image/vnd.dxf', 'image/vnd.dwg'];

/** The names users know the types by, for messages. */
export const TYPE_NAMES: Record<AttachmentType, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/vnd.dxf': 'DXF',
  'image/vnd.dwg': 'DWG',
};

/** At most 10 MiB per file: a phone photo, a scanned drawing or a site's CAD drawing fits; a video does not. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** How many first bytes the check reads (an ASCII DXF may open with a few 999 comment lines). */
export const SNIFF_BYTES = 4096;

const SIGNATURES: readonly [AttachmentType, readonly number[]][] = [
  ['application/pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  // "AutoCAD Binary DXF" CR LF SUB NUL
  ['image/vnd.dxf', [...new TextEncoder().encode('AutoCAD Binary DXF\r\n'), 0x1a, 0x00]],
];

/** A DWG opens with its version: "AC10" and two digits (AC1012 = R13 … AC1032 = 2018+). */
const DWG = /^AC10\d\d/;
/**
 * An ASCII DXF is group-code/value line pairs: optional 999 comments, then `0 SECTION` and
 * `2 <section name>`; group codes may be padded with spaces.
 */
const ASCII_DXF =
  /^(?:\uFEFF)?(?:[ \t]*999[ \t]*\r?\n[^\r\n]*\r?\n)*[ \t]*0[ \t]*\r?\nSECTION[ \t]*\r?\n[ \t]*2[ \t]*\r?\n(?:HEADER|CLASSES|TABLES|BLOCKS|ENTITIES|OBJECTS)\b/;

/** The type the bytes really are, or `undefined` when they are none of the known ones. */
export function sniffAttachmentType(bytes: Uint8Array): AttachmentType | undefined {
  for (const [type, signature] of SIGNATURES) {
    if (signature.every((b, i) => bytes[i] === b)) return type;
  }
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, SNIFF_BYTES));
  if (DWG.test(head)) return 'image/vnd.dwg';
  if (ASCII_DXF.test(head)) return 'image/vnd.dxf';
  return undefined;
}
