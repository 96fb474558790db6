/**
 * A Vietnamese administrative document as DOCX (Office Open XML), in the same layout as the PDF
 * (admin-document.ts; legal: decree-30-2020-nd-cp, Appendix I as summarised; the appendix was not
 * read): the issuing body top left with the number, the national motto top right with the place
 * and date, the title, the body, then the recipients and the signer's block. A4 portrait, margins
 * 30 mm left, 15 mm right, 20 mm top and bottom; Times New Roman, 13–14 pt for the text, as
 * administrative documents are typed, so the receiving office can edit and sign it.
 */
import {
  AlignmentType,
  BorderStyle,
  convertMillimetersToTwip,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { type AdminDocumentContent, PAGE, placeAndDate, TEXT_W } from './admin-document.js';

const twip = convertMillimetersToTwip;
/** docx sizes are in half-points. */
const half = (pt: number) => Math.round(pt * 2);
/** The PDF's Noto Sans sizes (10–12 pt) as Times New Roman sizes (12–14 pt). */
const bodySize = (pdfPt = 12) => (pdfPt >= 12 ? 14 : pdfPt >= 10.5 ? 13 : 12);

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const NO_BORDERS = {
  top: NONE,
  bottom: NONE,
  left: NONE,
  right: NONE,
  insideHorizontal: NONE,
  insideVertical: NONE,
};

interface Line {
  text: string;
  size: number;
  bold?: boolean;
  italics?: boolean;
  align?: 'center' | 'left';
  after?: number;
}

const line = ({ text, size, bold, italics, align = 'center', after = 0 }: Line) =>
  new Paragraph({
    alignment: align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT,
    spacing: { before: 0, after: after * 20 },
    children: [new TextRun({ text, size: half(size), bold, italics })],
  });
/** The short rule under the issuer and the motto. */
const rule = (chars: number) => line({ text: '─'.repeat(chars), size: 8, after: 2 });

/** Two borderless columns (widths in mm), e.g. issuer | motto, recipients | signer. */
function columns(left: { w: number; lines: Paragraph[] }, right: { w: number; lines: Paragraph[] }) {
  const cell = (c: { w: number; lines: Paragraph[] }) =>
    new TableCell({
      width: { size: twip(c.w), type: WidthType.DXA },
      borders: NO_BORDERS,
      children: c.lines,
    });
  return new Table({
    width: { size: twip(left.w + right.w), type: WidthType.DXA },
    columnWidths: [twip(left.w), twip(right.w)],
    borders: NO_BORDERS,
    rows: [new TableRow({ children: [cell(left), cell(right)] })],
  });
}

/** The document as DOCX bytes. */
export async function adminDocumentDocx(content: AdminDocumentContent): Promise<Uint8Array> {
  const { header } = content;
  const header_ = columns(
    {
      w: 70,
      lines: [
        line({ text: header.parent, size: 13 }),
        line({ text: header.issuer, size: 13, bold: true }),
        rule(10),
        line({ text: `Số: ${header.number}`, size: 13 }),
      ],
    },
    {
      w: TEXT_W - 70,
      lines: [
        line({ text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', size: 13, bold: true }),
        line({ text: 'Độc lập - Tự do - Hạnh phúc', size: 14, bold: true }),
        rule(20),
        line({ text: placeAndDate(header.issuedAt), size: 14, italics: true }),
      ],
    },
  );
  const heading = content.heading.map((h, i) =>
    line({
      text: h.text,
      size: Math.max(14, h.size),
      bold: true,
      after: i === content.heading.length - 1 ? 12 : 0,
    }),
  );
  const body: Paragraph[] = [];
  let keepNext = false;
  for (const block of content.body) {
    if ('keepTogether' in block) {
      keepNext = true;
      continue;
    }
    body.push(
      new Paragraph({
        alignment: AlignmentType.JUSTIFIED,
        indent: { left: twip(block.indent ?? 0) },
        spacing: { before: 0, after: Math.round((block.gap ?? 0.15) * 240), line: 276 },
        keepNext: keepNext || block.bold === true,
        children: [new TextRun({ text: block.text, size: half(bodySize(block.size)), bold: block.bold })],
      }),
    );
    keepNext = false;
  }
  const closing = columns(
    {
      w: 75,
      lines: [
        line({ text: 'Nơi nhận:', size: 12, bold: true, italics: true, align: 'left' }),
        ...content.recipients.map((r) => line({ text: r, size: 11, align: 'left' })),
      ],
    },
    {
      w: TEXT_W - 75,
      lines: [
        ...content.signer.map((s) => line({ text: s, size: 14, bold: true })),
        line({ text: '(Ký, ghi rõ họ tên, đóng dấu)', size: 13, italics: true, after: 60 }),
        line({ text: '……………………………', size: 14 }),
      ],
    },
  );
  const doc = new Document({
    title: header.title,
    subject: header.subject,
    styles: { default: { document: { run: { font: 'Times New Roman', size: half(14) } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: twip(PAGE.w), height: twip(PAGE.h) },
            margin: {
              top: twip(PAGE.top),
              bottom: twip(PAGE.bottom),
              left: twip(PAGE.left),
              right: twip(PAGE.right),
            },
          },
        },
        children: [
          header_,
          line({ text: '', size: 13, after: 6 }),
          ...heading,
          ...body,
          line({ text: '', size: 13 }),
          closing,
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
