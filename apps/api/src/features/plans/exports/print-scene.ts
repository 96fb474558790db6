/**
 * A print map as a flat list of shapes in page millimetres (origin top left, y down), drawn once
 * and written twice: as SVG (rasterised to PNG by resvg) and as vector PDF (pdfkit). Both writers
 * read the same shapes, so the PNG and the PDF show exactly the same map.
 */
import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';

export type Xy = readonly [number, number];

export interface Style {
  fill?: string;
  fillOpacity?: number;
  stroke?: string;
  /** Line width in millimetres on paper. */
  strokeWidth?: number;
  strokeOpacity?: number;
  /** Dash and gap lengths in millimetres. */
  dash?: readonly number[];
  lineCap?: 'butt' | 'round' | 'square';
}

export type Shape =
  /** Polylines (closed = polygon rings, filled even-odd so holes stay holes). */
  | { type: 'path'; parts: readonly (readonly Xy[])[]; closed: boolean; style: Style }
  | { type: 'circle'; cx: number; cy: number; r: number; style: Style }
  | { type: 'rect'; x: number; y: number; w: number; h: number; style: Style }
  /** `y` is the baseline; `size` the font size in millimetres. */
  | {
      type: 'text';
      x: number;
      y: number;
      text: string;
      size: number;
      bold?: boolean;
      anchor?: 'start' | 'middle' | 'end';
      fill?: string;
      /** A light outline around the letters so labels stay readable over the map. */
      halo?: boolean;
    }
  | { type: 'clip'; x: number; y: number; w: number; h: number; children: readonly Shape[] };

export interface Scene {
  widthMm: number;
  heightMm: number;
  shapes: Shape[];
}

const FONT_DIR = new URL('../../../../../../data/fonts/', import.meta.url);
export const FONT_FILES = {
  regular: new URL('NotoSans-Regular.ttf', FONT_DIR),
  bold: new URL('NotoSans-Bold.ttf', FONT_DIR),
};
export const FONT_FAMILY = 'Noto Sans';

let fontBytes: { regular: Buffer; bold: Buffer } | undefined;
/** The font files, read once on first use (no I/O at import time). */
export function fonts(): { regular: Buffer; bold: Buffer } {
  fontBytes ??= { regular: readFileSync(FONT_FILES.regular), bold: readFileSync(FONT_FILES.bold) };
  return fontBytes;
}

/**
 * OpenType features for pdfkit: without `ccmp` Vietnamese letters stay the font's precomposed
 * glyphs (ụ, ọ, ị …); with it fontkit decomposes some into base + mark, and pdfkit's ToUnicode map
 * then gives them the wrong text (copy, search and accessibility read "thuD" for "thụ").
 * A fresh object each time: pdfkit fills in its defaults in place.
 */
const textOptions = (options: PDFKit.Mixins.TextOptions = {}): PDFKit.Mixins.TextOptions =>
  // fontkit takes features as { tag: on/off }; pdfkit's typings only know the list form.
  Object.assign(options, { features: { ccmp: false } });

let measurer: PDFKit.PDFDocument | undefined;
/** Width in millimetres of `text` at `size` mm in Noto Sans (for layout: wrapping, boxes). */
export function textWidth(text: string, size: number, bold = false): number {
  if (!measurer) {
    measurer = new PDFDocument({ autoFirstPage: false });
    measurer.registerFont('regular', fonts().regular);
    measurer.registerFont('bold', fonts().bold);
  }
  return measurer
    .font(bold ? 'bold' : 'regular')
    .fontSize(size)
    .widthOfString(text);
}

/** Greedy word wrap to `maxWidth` mm; at most `maxLines` lines, the last one cut with an ellipsis. */
export function wrapText(text: string, size: number, maxWidth: number, maxLines = 3, bold = false): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (textWidth(next, size, bold) <= maxWidth || !line) line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = `${kept[maxLines - 1]}…`;
  while (textWidth(last, size, bold) > maxWidth && last.length > 2) last = `${last.slice(0, -2)}…`;
  kept[maxLines - 1] = last;
  return kept;
}

// --- SVG ------------------------------------------------------------------------------------

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const n = (v: number) => (Math.round(v * 100) / 100).toString();

function svgStyle(s: Style): string {
  const a: string[] = [];
  a.push(`fill="${s.fill ?? 'none'}"`);
  if (s.fill && s.fillOpacity !== undefined) a.push(`fill-opacity="${s.fillOpacity}"`);
  if (s.stroke) {
    a.push(`stroke="${s.stroke}" stroke-width="${n(s.strokeWidth ?? 0.2)}" stroke-linejoin="round"`);
    a.push(`stroke-linecap="${s.lineCap ?? 'round'}"`);
    if (s.strokeOpacity !== undefined) a.push(`stroke-opacity="${s.strokeOpacity}"`);
    if (s.dash) a.push(`stroke-dasharray="${s.dash.map(n).join(' ')}"`);
  }
  return a.join(' ');
}

const pathData = (parts: readonly (readonly Xy[])[], closed: boolean) =>
  parts
    .filter((p) => p.length > 1)
    .map((p) => `M${p.map(([x, y]) => `${n(x)} ${n(y)}`).join('L')}${closed ? 'Z' : ''}`)
    .join('');

function svgShape(shape: Shape, defs: string[]): string {
  switch (shape.type) {
    case 'path': {
      const d = pathData(shape.parts, shape.closed);
      return d ? `<path d="${d}" fill-rule="evenodd" ${svgStyle(shape.style)}/>` : '';
    }
    case 'circle':
      return `<circle cx="${n(shape.cx)}" cy="${n(shape.cy)}" r="${n(shape.r)}" ${svgStyle(shape.style)}/>`;
    case 'rect':
      return `<rect x="${n(shape.x)}" y="${n(shape.y)}" width="${n(shape.w)}" height="${n(shape.h)}" ${svgStyle(shape.style)}/>`;
    case 'text': {
      const common = `x="${n(shape.x)}" y="${n(shape.y)}" font-family="${FONT_FAMILY}" font-size="${n(shape.size)}" font-weight="${shape.bold ? 700 : 400}" text-anchor="${shape.anchor ?? 'start'}"`;
      const halo = shape.halo
        ? `<text ${common} fill="#ffffff" stroke="#ffffff" stroke-width="${n(shape.size * 0.25)}" stroke-linejoin="round">${esc(shape.text)}</text>`
        : '';
      return `${halo}<text ${common} fill="${shape.fill ?? '#000000'}">${esc(shape.text)}</text>`;
    }
    case 'clip': {
      const id = `clip${defs.length}`;
      defs.push(
        `<clipPath id="${id}"><rect x="${n(shape.x)}" y="${n(shape.y)}" width="${n(shape.w)}" height="${n(shape.h)}"/></clipPath>`,
      );
      return `<g clip-path="url(#${id})">${shape.children.map((c) => svgShape(c, defs)).join('')}</g>`;
    }
  }
}

/** The scene as an SVG document in millimetres (`width`/`height` carry the mm unit). */
export function sceneToSvg(scene: Scene): string {
  const defs: string[] = [];
  const body = scene.shapes.map((s) => svgShape(s, defs)).join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${scene.widthMm}mm" height="${scene.heightMm}mm" viewBox="0 0 ${scene.widthMm} ${scene.heightMm}"><defs>${defs.join('')}</defs>\n${body}\n</svg>`;
}

// --- PDF ------------------------------------------------------------------------------------

const PT_PER_MM = 72 / 25.4;

function applyStyle(doc: PDFKit.PDFDocument, s: Style): 'fill' | 'stroke' | 'both' | undefined {
  if (s.fill) doc.fillColor(s.fill, s.fillOpacity ?? 1);
  if (s.stroke) {
    doc
      .strokeColor(s.stroke, s.strokeOpacity ?? 1)
      .lineWidth(s.strokeWidth ?? 0.2)
      .lineJoin('round')
      .lineCap(s.lineCap ?? 'round');
    if (s.dash?.length) doc.dash(s.dash[0] ?? 1, { space: s.dash[1] ?? s.dash[0] ?? 1 });
    else doc.undash();
  }
  if (s.fill && s.stroke) return 'both';
  return s.fill ? 'fill' : s.stroke ? 'stroke' : undefined;
}

function paint(doc: PDFKit.PDFDocument, mode: ReturnType<typeof applyStyle>): void {
  if (mode === 'both') doc.fillAndStroke('evenodd');
  else if (mode === 'fill') doc.fill('evenodd');
  else if (mode === 'stroke') doc.stroke();
}

function pdfShape(doc: PDFKit.PDFDocument, shape: Shape): void {
  switch (shape.type) {
    case 'path': {
      const parts = shape.parts.filter((p) => p.length > 1);
      if (parts.length === 0) return;
      doc.save();
      const mode = applyStyle(doc, shape.style);
      for (const part of parts) {
        part.forEach(([x, y], i) => {
          if (i === 0) doc.moveTo(x, y);
          else doc.lineTo(x, y);
        });
        if (shape.closed) doc.closePath();
      }
      paint(doc, mode);
      doc.restore();
      return;
    }
    case 'circle':
      doc.save();
      doc.circle(shape.cx, shape.cy, shape.r);
      paint(doc, applyStyle(doc, shape.style));
      doc.restore();
      return;
    case 'rect':
      doc.save();
      doc.rect(shape.x, shape.y, shape.w, shape.h);
      paint(doc, applyStyle(doc, shape.style));
      doc.restore();
      return;
    case 'text': {
      doc.save();
      doc.font(shape.bold ? 'bold' : 'regular').fontSize(shape.size);
      const width = doc.widthOfString(shape.text, textOptions());
      const x =
        shape.anchor === 'middle' ? shape.x - width / 2 : shape.anchor === 'end' ? shape.x - width : shape.x;
      const options = () => textOptions({ lineBreak: false, baseline: 'alphabetic' });
      if (shape.halo) {
        doc
          .lineWidth(shape.size * 0.25)
          .lineJoin('round')
          .strokeColor('#ffffff')
          .fillColor('#ffffff')
          .text(shape.text, x, shape.y, { ...options(), stroke: true, fill: true });
      }
      doc.fillColor(shape.fill ?? '#000000').text(shape.text, x, shape.y, options());
      doc.restore();
      return;
    }
    case 'clip':
      doc.save();
      doc.rect(shape.x, shape.y, shape.w, shape.h).clip();
      for (const child of shape.children) pdfShape(doc, child);
      doc.restore();
      return;
  }
}

/**
 * A Vietnamese PDF document with the app's fonts registered ('regular', 'bold'; embedded as
 * subsets) and made by Hatang; `done` resolves to its bytes once `doc.end()` is called.
 */
export function openPdf(options: PDFKit.PDFDocumentOptions & { info: PDFKit.DocumentInfo }): {
  doc: PDFKit.PDFDocument;
  done: Promise<Uint8Array>;
} {
  const doc = new PDFDocument({
    ...options,
    info: { ...options.info, Creator: 'Hatang', Producer: 'Hatang (pdfkit)' },
    lang: 'vi',
  });
  doc.registerFont('regular', fonts().regular);
  doc.registerFont('bold', fonts().bold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  return { doc, done };
}

/** The scene as a one-page vector PDF with the fonts embedded (subset), `info` as its metadata. */
export function sceneToPdf(scene: Scene, info: { title: string; subject?: string }): Promise<Uint8Array> {
  const { doc, done } = openPdf({
    size: [scene.widthMm * PT_PER_MM, scene.heightMm * PT_PER_MM],
    margin: 0,
    info: { Title: info.title, Subject: info.subject },
  });
  doc.scale(PT_PER_MM);
  for (const shape of scene.shapes) pdfShape(doc, shape);
  doc.end();
  return done;
}
