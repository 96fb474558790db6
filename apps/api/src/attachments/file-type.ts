/** The file types an attachment may have, recognised by their first bytes (never by name alone). */
export const ATTACHMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** At most 10 MiB per file: a phone photo or a scanned drawing fits; a video does not. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

const SIGNATURES: readonly [AttachmentType, readonly number[]][] = [
  ['application/pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
];

/** The type the bytes really are, or `undefined` when they are none of the allowed ones. */
export function sniffAttachmentType(bytes: Uint8Array): AttachmentType | undefined {
  for (const [type, signature] of SIGNATURES) {
    if (signature.every((b, i) => bytes[i] === b)) return type;
  }
  return undefined;
}
