import { strFromU8, unzipSync } from 'fflate';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * The text of a DOCX's body (word/document.xml) as a reader's search sees it: one line per
 * paragraph, the runs of a paragraph joined, tags stripped and XML entities decoded.
 */
export function docxText(bytes: Uint8Array): string {
  const xml = strFromU8(
    unzipSync(bytes, { filter: (f) => f.name === 'word/document.xml' })['word/document.xml'] ??
      new Uint8Array(),
  );
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ENTITIES[name] ?? '');
}
