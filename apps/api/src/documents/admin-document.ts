/**
 * A Vietnamese administrative document as PDF, in the common layout of such documents (legal:
 * decree-30-2020-nd-cp, Appendix I as summarised; the appendix was not read): the issuing body
 * top left with the number, the national motto top right with the place and date, the title, the
 * body, then the recipients and the signer's block. A4 portrait, margins 30 mm left, 15 mm right,
 * 20 mm top and bottom; Noto Sans embedded (subset) so Vietnamese diacritics render and extract as
 * text. Used by the permit decision and the plan's progress report.
 */
import { openPdf } from '../features/plans/exports/print-scene.js';

const PT = 72 / 25.4;
/** Millimetres to PDF points. */
export const mm = (v: number) => v * PT;
export const PAGE = { w: 210, h: 297, left: 30, right: 15, top: 20, bottom: 20 } as const;
export const TEXT_W = PAGE.w - PAGE.left - PAGE.right;

/** `Hải Phòng, ngày 26 tháng 11 năm 2026` in Vietnam's time (UTC+7). */
export function placeAndDate(iso: string): string {
  const local = new Date(new Date(iso).getTime() + 7 * 3600_000);
  const dd = String(local.getUTCDate()).padStart(2, '0');
  const mo = String(local.getUTCMonth() + 1).padStart(2, '0');
  return `Hải Phòng, ngày ${dd} tháng ${mo} năm ${local.getUTCFullYear()}`;
}

export interface ParagraphOptions {
  bold?: boolean;
  /** Font size, pt (12 by default). */
  size?: number;
  /** Left indent, mm. */
  indent?: number;
  /** Space after, in lines. */
  gap?: number;
}

export interface AdminDocument {
  doc: PDFKit.PDFDocument;
  /** The PDF's bytes once `finish()` is called. */
  done: Promise<Uint8Array>;
  centred(text: string, x: number, w: number, y: number, size: number, bold?: boolean): void;
  /** A paragraph at the current position, across the text width (less `indent`). */
  para(text: string, options?: ParagraphOptions): void;
  /** Starts a new page when less than `heightMm` is left. */
  keepTogether(heightMm: number): void;
  /** The recipients (left) and the signer's block (right), then ends the document. */
  finish(recipients: readonly string[], signer: readonly string[]): Promise<Uint8Array>;
}

/**
 * Opens the document and draws its header: `parent` and `issuer` (e.g. UBND THÀNH PHỐ HẢI PHÒNG,
 * SỞ XÂY DỰNG), the number, the motto and the date. The body starts at `PAGE.top + 27` mm.
 */
export function openAdminDocument(header: {
  title: string;
  subject: string;
  parent: string;
  issuer: string;
  number: string;
  /** ISO timestamp of the document. */
  issuedAt: string;
}): AdminDocument {
  const { doc, done } = openPdf({
    size: 'A4',
    margins: { left: mm(PAGE.left), right: mm(PAGE.right), top: mm(PAGE.top), bottom: mm(PAGE.bottom) },
    info: { Title: header.title, Subject: header.subject },
  });
  // Without ccmp pdfkit keeps Vietnamese letters precomposed, so they extract as typed (see print-scene.ts).
  const opts = (o: PDFKit.Mixins.TextOptions = {}): PDFKit.Mixins.TextOptions =>
    Object.assign(o, { features: { ccmp: false } });
  const centred = (text: string, x: number, w: number, y: number, size: number, bold = false) => {
    doc.font(bold ? 'bold' : 'regular').fontSize(size);
    doc.text(text, mm(x), mm(y), opts({ width: mm(w), align: 'center', lineBreak: false }));
  };
  const rule = (x: number, w: number, y: number) =>
    doc
      .moveTo(mm(x), mm(y))
      .lineTo(mm(x + w), mm(y))
      .lineWidth(0.6)
      .strokeColor('#000000')
      .stroke();

  const L = { x: PAGE.left - 12, w: 78 };
  const R = { x: PAGE.left + 62, w: PAGE.w - PAGE.right - (PAGE.left + 62) + 8 };
  centred(header.parent, L.x, L.w, PAGE.top, 11.5);
  centred(header.issuer, L.x, L.w, PAGE.top + 5.5, 11.5, true);
  rule(L.x + L.w / 2 - 12, 24, PAGE.top + 12);
  centred(`Số: ${header.number}`, L.x, L.w, PAGE.top + 14, 12);
  centred('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', R.x, R.w, PAGE.top, 11.5, true);
  centred('Độc lập - Tự do - Hạnh phúc', R.x, R.w, PAGE.top + 5.5, 12.5, true);
  rule(R.x + R.w / 2 - 27, 54, PAGE.top + 12);
  centred(placeAndDate(header.issuedAt), R.x, R.w, PAGE.top + 14, 12);

  const para = (text: string, o: ParagraphOptions = {}) => {
    doc.font(o.bold ? 'bold' : 'regular').fontSize(o.size ?? 12);
    doc.text(
      text,
      mm(PAGE.left + (o.indent ?? 0)),
      doc.y,
      opts({ width: mm(TEXT_W - (o.indent ?? 0)), align: 'left' }),
    );
    doc.moveDown(o.gap ?? 0.15);
  };
  const keepTogether = (heightMm: number) => {
    if (doc.y + mm(heightMm) > mm(PAGE.h - PAGE.bottom)) doc.addPage();
  };
  const finish = (recipients: readonly string[], signer: readonly string[]) => {
    keepTogether(46);
    const top = doc.y / PT + 6;
    doc.font('bold').fontSize(11);
    doc.text('Nơi nhận:', mm(PAGE.left), mm(top), opts({ lineBreak: false }));
    doc.font('regular').fontSize(10);
    recipients.forEach((r, i) => {
      doc.text(r, mm(PAGE.left), mm(top + 5 + i * 4.5), opts({ width: mm(70), lineBreak: false }));
    });
    const S = { x: PAGE.left + 75, w: TEXT_W - 75 };
    signer.forEach((line, i) => {
      centred(line, S.x, S.w, top + i * 5.5, 12, true);
    });
    centred('(Ký, ghi rõ họ tên, đóng dấu)', S.x, S.w, top + signer.length * 5.5, 11);
    centred('……………………………', S.x, S.w, top + 34, 12);
    doc.end();
    return done;
  };
  return { doc, done, centred, para, keepTogether, finish };
}

/** The header of an administrative document (see `openAdminDocument`). */
export interface AdminHeader {
  title: string;
  subject: string;
  parent: string;
  issuer: string;
  number: string;
  /** ISO timestamp of the document. */
  issuedAt: string;
}

/** One block of the body: a paragraph, or a hint to keep what follows on one page (mm). */
export type AdminBlock = ({ text: string } & ParagraphOptions) | { keepTogether: number };

/**
 * An administrative document as plain data, rendered as PDF (`adminDocumentPdf`) or DOCX
 * (`adminDocumentDocx` in admin-document-docx.ts) in the same layout.
 */
export interface AdminDocumentContent {
  header: AdminHeader;
  /** The centred, bold title lines under the header (size in pt). */
  heading: readonly { text: string; size: number }[];
  body: readonly AdminBlock[];
  recipients: readonly string[];
  signer: readonly string[];
}

/** The document as PDF bytes. */
export function adminDocumentPdf(content: AdminDocumentContent): Promise<Uint8Array> {
  const { doc, centred, para, keepTogether, finish } = openAdminDocument(content.header);
  let y = PAGE.top + 27;
  for (const line of content.heading) {
    centred(line.text, PAGE.left, TEXT_W, y, line.size, true);
    y += line.size >= 14 ? 6.5 : 5.5;
  }
  doc.y = mm(y + 4);
  for (const block of content.body) {
    if ('keepTogether' in block) keepTogether(block.keepTogether);
    else para(block.text, block);
  }
  return finish(content.recipients, content.signer);
}
