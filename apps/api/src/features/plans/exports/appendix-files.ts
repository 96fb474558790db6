/**
 * Writes a plan appendix as an XLSX workbook (one sheet per group, Vietnamese headers with the
 * English ones in a second header row, a title block above) and as CSV (UTF-8 with a BOM so
 * Excel reads the Vietnamese right; one header row "Tiếng Việt / English").
 */
import { csvLine } from '@hatang/geo/formats';
import ExcelJS from 'exceljs';
import type { AppendixGroup, AppendixRow } from './appendix-rows.js';
import { APPENDIX_COLUMNS, type Bilingual, TEXT } from './export-labels.js';

export interface AppendixHeading {
  planName: string;
  versionName: string;
  versionKind: Bilingual;
  /** The commune's name, or undefined for every commune. */
  commune?: { code: string; name: string };
  date: string;
  approvedAt: string | null;
}

const NUMBER_FORMATS: Partial<Record<keyof AppendixRow, string>> = {
  lengthM: '#,##0.0',
  areaM2: '#,##0',
  startX: '0.00',
  startY: '0.00',
  endX: '0.00',
  endY: '0.00',
};

/** Rows of the title block above the table on every sheet. */
function headingLines(
  h: AppendixHeading,
  group: AppendixGroup,
): { text: string; bold?: boolean; grey?: boolean }[] {
  const commune = h.commune
    ? `${h.commune.name} (${h.commune.code})`
    : `${TEXT.wholeCity.vi} (${TEXT.wholeCity.en})`;
  const approved = h.approvedAt ? ` — ${TEXT.approvedOn.vi} / ${TEXT.approvedOn.en} ${h.approvedAt}` : '';
  return [
    { text: `${TEXT.appendixTitle.vi}: ${group.title.vi.toUpperCase()}`, bold: true },
    { text: `${TEXT.appendixTitle.en}: ${group.title.en}`, grey: true },
    { text: `${TEXT.plan.vi} / ${TEXT.plan.en}: ${h.planName}` },
    {
      text: `${TEXT.version.vi} / ${TEXT.version.en}: ${h.versionName} — ${h.versionKind.vi} (${h.versionKind.en})`,
    },
    { text: `${TEXT.commune.vi} / ${TEXT.commune.en}: ${commune}` },
    { text: `${TEXT.date.vi} / ${TEXT.date.en}: ${h.date}${approved}` },
    { text: `${TEXT.coordinatesNote.vi} ${TEXT.lengthNote.vi}`, grey: true },
    { text: `${TEXT.coordinatesNote.en} ${TEXT.lengthNote.en}`, grey: true },
  ];
}

export async function appendixXlsx(
  heading: AppendixHeading,
  groups: readonly AppendixGroup[],
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Hatang';
  workbook.title = `${TEXT.appendixTitle.vi} — ${heading.planName}`;
  const border = { style: 'thin' as const, color: { argb: 'FF808080' } };
  const borders = { top: border, left: border, bottom: border, right: border };
  for (const group of groups) {
    const sheet = workbook.addWorksheet(group.sheet, {
      pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    sheet.columns = APPENDIX_COLUMNS.map((c) => ({ key: c.key, width: c.width }));
    const lines = headingLines(heading, group);
    lines.forEach((line, i) => {
      const row = sheet.getRow(i + 1);
      row.getCell(1).value = line.text;
      row.getCell(1).font = {
        bold: line.bold,
        size: line.bold ? 13 : 10,
        italic: line.grey,
        color: line.grey ? { argb: 'FF595959' } : undefined,
      };
      sheet.mergeCells(i + 1, 1, i + 1, APPENDIX_COLUMNS.length);
    });
    const headerVi = lines.length + 2;
    sheet.getRow(headerVi).values = APPENDIX_COLUMNS.map((c) => c.vi);
    sheet.getRow(headerVi + 1).values = APPENDIX_COLUMNS.map((c) => c.en);
    for (const [r, italic] of [
      [headerVi, false],
      [headerVi + 1, true],
    ] as const) {
      const row = sheet.getRow(r);
      row.eachCell((cell) => {
        cell.font = { bold: !italic, italic, size: italic ? 9 : 10 };
        cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
        cell.fill = {
          type: 'pattern',
          pattern: 'solid',
          fgColor: { argb: italic ? 'FFF2F2F2' : 'FFD9E1F2' },
        };
        cell.border = borders;
      });
    }
    sheet.views = [{ state: 'frozen', ySplit: headerVi + 1 }];
    if (group.rows.length === 0) {
      const row = sheet.getRow(headerVi + 2);
      row.getCell(1).value = `${TEXT.noItems.vi} / ${TEXT.noItems.en}`;
      sheet.mergeCells(headerVi + 2, 1, headerVi + 2, APPENDIX_COLUMNS.length);
      row.getCell(1).alignment = { horizontal: 'center' };
    }
    group.rows.forEach((data, i) => {
      const row = sheet.getRow(headerVi + 2 + i);
      APPENDIX_COLUMNS.forEach((column, j) => {
        const cell = row.getCell(j + 1);
        cell.value = data[column.key] ?? null;
        cell.border = borders;
        cell.alignment = { vertical: 'top', wrapText: true };
        const format = NUMBER_FORMATS[column.key];
        if (format) cell.numFmt = format;
      });
    });
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** CSV of every group's rows, the group as the first column. */
export function appendixCsv(groups: readonly AppendixGroup[]): string {
  let out = `\uFEFF${csvLine(['Nhóm / Group', ...APPENDIX_COLUMNS.map((c) => `${c.vi} / ${c.en}`)])}`;
  for (const group of groups) {
    for (const row of group.rows) {
      out += csvLine([group.title.vi, ...APPENDIX_COLUMNS.map((c) => row[c.key])]);
    }
  }
  return out;
}
