/**
 * The decision document, in the form of Vietnamese administrative documents (legal:
 * decree-30-2020-nd-cp, Appendix I as summarised; the appendix was not read): the issuing body top left with the number, the national motto
 * top right with the place and date, the title, the body, then the recipients and the signer's
 * block. A4 portrait, margins 30 mm left, 15 mm right, 20 mm top and bottom; Noto Sans embedded
 * (subset) so Vietnamese diacritics render and extract as text.
 *
 * - approved / approved_with_conditions → GIẤY PHÉP XÂY DỰNG (number …/GPXD-SXD), with conditions;
 * - rejected → THÔNG BÁO về việc không cấp giấy phép xây dựng (…/TB-SXD), with the reasons;
 * - exempt → THÔNG BÁO miễn giấy phép xây dựng (…/TB-SXD).
 */
import { cite } from '@hatang/contracts';
import { lineLengthM, toVn2000 } from '@hatang/geo';
import { openPdf } from '../plans/exports/print-scene.js';
import { EXCERPT_MM } from './decision-map.js';
import { isPermit } from './permit-decision.js';

const PT = 72 / 25.4;
const mm = (v: number) => v * PT;
const PAGE = { w: 210, h: 297, left: 30, right: 15, top: 20, bottom: 20 };
const TEXT_W = PAGE.w - PAGE.left - PAGE.right;

export interface DecisionCheck {
  check: string;
  result: string;
  reason: { vi: string; en: string };
}

export interface DecisionDocumentInput {
  number: string;
  /** ISO timestamp of the decision. */
  decidedAt: string;
  outcome: 'approved' | 'approved_with_conditions' | 'rejected' | 'exempt';
  applicationId: string;
  kind: 'tower' | 'pole_line' | 'duct_works';
  title: string;
  details: Record<string, unknown>;
  applicantName: string;
  commune: { code: string; name: string } | null;
  geometry: { type: 'Point' | 'LineString'; coordinates: unknown };
  checks: DecisionCheck[] | null;
  checkConfigVersion: number | null;
  conditions: string[];
  reason: string | null;
  /** The map excerpt (PNG), or null when the site cannot be mapped. */
  mapPng: Uint8Array | null;
  /** The asset code an approval created, e.g. GP-2026-0012. */
  assetCodes: string[];
}

export const KIND_VI: Record<DecisionDocumentInput['kind'], string> = {
  tower: 'Trạm thu phát sóng thông tin di động (cột ăng-ten)',
  pole_line: 'Tuyến cột treo cáp viễn thông',
  duct_works: 'Công trình cống bể, hào cáp viễn thông',
};
export const CHECK_VI: Record<string, string> = {
  'plan-conformity': 'Phù hợp quy hoạch',
  'restricted-zones': 'Khu vực hạn chế',
  'sharing-obligation': 'Nghĩa vụ dùng chung hạ tầng',
  'dig-once': 'Phối hợp thi công (đào một lần)',
  'airport-height': 'Độ cao tĩnh không sân bay',
  'aviation-marking': 'Báo hiệu hàng không',
  'permit-exemption': 'Miễn giấy phép xây dựng',
  'emf-safety': 'Khoảng cách an toàn bức xạ',
  duplicate: 'Trùng lặp hồ sơ, công trình',
};
export const RESULT_VI: Record<string, string> = {
  pass: 'Đạt',
  warn: 'Lưu ý',
  fail: 'Không đạt',
  not_applicable: 'Không áp dụng',
  exempt: 'Miễn phép',
};
const STRUCTURE_VI: Record<string, string> = {
  lattice: 'cột tự đứng dạng khung (lattice)',
  monopole: 'cột đơn thân (monopole)',
  guyed: 'cột dây co',
  rooftop_column: 'cột ăng-ten trên mái',
  camouflaged: 'cột ngụy trang',
};
const METHOD_VI: Record<string, string> = {
  trench: 'đào rãnh (hào cáp)',
  duct: 'cống bể cáp',
  micro_trench: 'rãnh vi mô (micro-trench)',
};

/** VN-2000 survey coordinates of a WGS 84 point: X = northing, Y = easting, metres to the cm. */
export function vn2000Text(point: readonly [number, number]): string {
  const { x, y } = toVn2000(point);
  return `X = ${y.toFixed(2)} m; Y = ${x.toFixed(2)} m`;
}

/** `Hải Phòng, ngày 26 tháng 11 năm 2026` in Vietnam's time (UTC+7). */
export function placeAndDate(iso: string): string {
  const local = new Date(new Date(iso).getTime() + 7 * 3600_000);
  const dd = String(local.getUTCDate()).padStart(2, '0');
  const mo = String(local.getUTCMonth() + 1).padStart(2, '0');
  return `Hải Phòng, ngày ${dd} tháng ${mo} năm ${local.getUTCFullYear()}`;
}

const fmtNumber = (v: number) => (Math.round(v * 10) / 10).toString();
const isoToVn = (d: unknown) => (typeof d === 'string' ? d.split('-').reverse().join('/') : '—');

function worksLines(input: DecisionDocumentInput): string[] {
  const d = input.details;
  const lines = [`- Loại công trình: ${KIND_VI[input.kind]}.`];
  if (input.kind === 'tower') {
    const rooftop = d.mounting === 'rooftop';
    lines.push(
      `- Cấp, loại cột: ${String(d.towerClass)}; kết cấu: ${STRUCTURE_VI[String(d.structure)] ?? String(d.structure)}${d.isCamouflaged ? ', có ngụy trang' : ''}.`,
      rooftop
        ? `- Chiều cao cột: ${fmtNumber(Number(d.heightM))} m, lắp đặt trên mái công trình cao ${fmtNumber(Number(d.buildingHeightM))} m (đỉnh cột cao ${fmtNumber(Number(d.heightM) + Number(d.buildingHeightM))} m so với mặt đất).`
        : `- Chiều cao cột: ${fmtNumber(Number(d.heightM))} m tính từ mặt đất.`,
      `- Công suất bức xạ đẳng hướng tương đương (EIRP) khai báo: ${fmtNumber(Number(d.eirpW))} W.`,
    );
  } else {
    const coords = input.geometry.coordinates as [number, number][];
    lines.push(
      `- Chiều dài tuyến: ${fmtNumber(lineLengthM(coords))} m; số điểm đỉnh tuyến: ${coords.length}.`,
    );
    if (input.kind === 'duct_works')
      lines.push(
        `- Phương thức: ${METHOD_VI[String(d.method)] ?? String(d.method ?? 'cống bể cáp')}; thời gian thi công dự kiến từ ${isoToVn(d.startsOn)} đến ${isoToVn(d.endsOn)}.`,
      );
    else if (typeof d.poleCount === 'number') lines.push(`- Số cột khai báo: ${d.poleCount}.`);
  }
  return lines;
}

function locationLines(input: DecisionDocumentInput): string[] {
  const where = input.commune
    ? `${input.commune.name} (mã đơn vị hành chính ${input.commune.code}), thành phố Hải Phòng`
    : 'ngoài địa giới các xã, phường đã có trong hệ thống';
  const lines = [
    `- Địa điểm: ${where}.`,
    '- Tọa độ VN-2000 (EPSG:9210, kinh tuyến trục 105°45′, múi chiếu 3°):',
  ];
  if (input.geometry.type === 'Point') {
    lines.push(`   ${vn2000Text(input.geometry.coordinates as [number, number])}`);
  } else {
    const coords = input.geometry.coordinates as [number, number][];
    const first = coords[0];
    const last = coords[coords.length - 1];
    if (first) lines.push(`   Điểm đầu tuyến: ${vn2000Text(first)}`);
    if (last) lines.push(`   Điểm cuối tuyến: ${vn2000Text(last)}`);
  }
  return lines;
}

/** Renders the document; resolves to the PDF's bytes. */
export function decisionPdf(input: DecisionDocumentInput): Promise<Uint8Array> {
  const permit = isPermit(input.outcome);
  const { doc, done } = openPdf({
    size: 'A4',
    margins: { left: mm(PAGE.left), right: mm(PAGE.right), top: mm(PAGE.top), bottom: mm(PAGE.bottom) },
    info: {
      Title: `${permit ? 'Giấy phép xây dựng' : 'Thông báo'} số ${input.number}`,
      Subject: input.title,
    },
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

  // Header: issuing body (left) and national motto (right) (legal: decree-30-2020-nd-cp).
  const L = { x: PAGE.left - 12, w: 78 };
  const R = { x: PAGE.left + 62, w: PAGE.w - PAGE.right - (PAGE.left + 62) + 8 };
  centred('UBND THÀNH PHỐ HẢI PHÒNG', L.x, L.w, PAGE.top, 11.5);
  centred('SỞ XÂY DỰNG', L.x, L.w, PAGE.top + 5.5, 11.5, true);
  rule(L.x + L.w / 2 - 12, 24, PAGE.top + 12);
  centred(`Số: ${input.number}`, L.x, L.w, PAGE.top + 14, 12);
  centred('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', R.x, R.w, PAGE.top, 11.5, true);
  centred('Độc lập - Tự do - Hạnh phúc', R.x, R.w, PAGE.top + 5.5, 12.5, true);
  rule(R.x + R.w / 2 - 27, 54, PAGE.top + 12);
  centred(placeAndDate(input.decidedAt), R.x, R.w, PAGE.top + 14, 12);

  // Title.
  const [title, subtitle] = permit
    ? ['GIẤY PHÉP XÂY DỰNG', `Số: ${input.number}`]
    : input.outcome === 'rejected'
      ? ['THÔNG BÁO', 'về việc không cấp giấy phép xây dựng']
      : ['THÔNG BÁO', 'miễn giấy phép xây dựng'];
  centred(title, PAGE.left, TEXT_W, PAGE.top + 27, 14, true);
  centred(subtitle, PAGE.left, TEXT_W, PAGE.top + 33.5, 12.5, true);
  centred(`Công trình: ${KIND_VI[input.kind].toLowerCase()}`, PAGE.left, TEXT_W, PAGE.top + 39.5, 12);

  doc.x = mm(PAGE.left);
  doc.y = mm(PAGE.top + 50);
  const para = (text: string, o: { bold?: boolean; size?: number; indent?: number; gap?: number } = {}) => {
    doc.font(o.bold ? 'bold' : 'regular').fontSize(o.size ?? 12);
    doc.text(
      text,
      mm(PAGE.left + (o.indent ?? 0)),
      doc.y,
      opts({ width: mm(TEXT_W - (o.indent ?? 0)), align: 'left' }),
    );
    doc.moveDown(o.gap ?? 0.15);
  };

  para(`${permit ? 'Cấp cho' : 'Gửi'}: ${input.applicantName}`, { bold: true });
  para(`Hồ sơ: ${input.title} (mã hồ sơ ${input.applicationId}).`, { size: 10.5 });
  para(permit ? '1. Được phép xây dựng công trình:' : '1. Công trình đề nghị:', { bold: true, gap: 0.1 });
  for (const line of worksLines(input)) para(line, { indent: 4 });
  para('2. Vị trí xây dựng:', { bold: true, gap: 0.1 });
  for (const line of locationLines(input)) para(line, { indent: 4 });

  // Map excerpt.
  const mapH = EXCERPT_MM.h;
  if (doc.y + mm(mapH + 8) > mm(PAGE.h - PAGE.bottom)) doc.addPage();
  if (input.mapPng) {
    const top = doc.y + mm(1);
    doc.image(Buffer.from(input.mapPng), mm(PAGE.left), top, { width: mm(EXCERPT_MM.w), height: mm(mapH) });
    doc.y = top + mm(mapH + 1);
    para(
      'Trích lục bản đồ vị trí công trình (đỏ: công trình; xám: hạ tầng hiện có; cam: kết quả kiểm tra).',
      {
        size: 9.5,
      },
    );
  } else {
    para('(Không lập được trích lục bản đồ: vị trí nằm ngoài phạm vi hệ tọa độ VN-2000 múi 3°.)', {
      size: 10,
    });
  }

  para(
    `3. Kết quả kiểm tra tự động${input.checkConfigVersion ? ` (bộ tham số phiên bản ${input.checkConfigVersion})` : ''}:`,
    { bold: true, gap: 0.1 },
  );
  if (!input.checks?.length) para('- Chưa có kết quả kiểm tra.', { indent: 4 });
  for (const c of input.checks ?? [])
    para(`- ${CHECK_VI[c.check] ?? c.check}: ${RESULT_VI[c.result] ?? c.result}. ${c.reason.vi}.`, {
      indent: 4,
      size: 11,
    });

  if (permit) {
    para('4. Điều kiện kèm theo giấy phép:', { bold: true, gap: 0.1 });
    if (input.conditions.length === 0) para('- Không có điều kiện bổ sung.', { indent: 4 });
    input.conditions.forEach((condition, i) => {
      para(`${i + 1}) ${condition}`, { indent: 4 });
    });
    if (input.reason) para(`Ghi chú: ${input.reason}`, { indent: 4 });
    para(
      '5. Chủ đầu tư phải khởi công công trình trong thời hạn 12 tháng kể từ ngày được cấp giấy phép; quá thời hạn này phải đề nghị gia hạn giấy phép xây dựng. Công trình được ghi vào cơ sở dữ liệu hạ tầng với trạng thái "đang xây dựng"' +
        (input.assetCodes.length ? ` (mã ${input.assetCodes.join(', ')}).` : '.'),
    );
  } else if (input.outcome === 'rejected') {
    para('4. Lý do không cấp giấy phép:', { bold: true, gap: 0.1 });
    para(input.reason ?? '—', { indent: 4 });
  } else {
    para('4. Căn cứ miễn giấy phép:', { bold: true, gap: 0.1 });
    const exemption = input.checks?.find((c) => c.check === 'permit-exemption');
    para(
      input.reason ??
        exemption?.reason.vi ??
        `Công trình thuộc diện miễn giấy phép xây dựng theo ${cite('jc-15-2016-ttlt-btttt-bxd').vi}.`,
      { indent: 4 },
    );
    para('Chủ đầu tư thông báo thời điểm khởi công cho Ủy ban nhân dân cấp xã nơi xây dựng công trình.', {
      indent: 4,
    });
  }

  // Recipients (left) and the signer's block (right).
  const blockH = 40;
  if (doc.y + mm(blockH + 6) > mm(PAGE.h - PAGE.bottom)) doc.addPage();
  const top = doc.y / PT + 6;
  doc.font('bold').fontSize(11);
  doc.text('Nơi nhận:', mm(PAGE.left), mm(top), opts({ lineBreak: false }));
  doc.font('regular').fontSize(10);
  const recipients = [
    `- ${input.applicantName};`,
    ...(input.commune ? [`- UBND ${input.commune.name};`] : []),
    '- Lưu: VT, QLXD.',
  ];
  recipients.forEach((r, i) => {
    doc.text(r, mm(PAGE.left), mm(top + 5 + i * 4.5), opts({ width: mm(70), lineBreak: false }));
  });
  const S = { x: PAGE.left + 75, w: TEXT_W - 75 };
  centred('KT. GIÁM ĐỐC', S.x, S.w, top, 12, true);
  centred('PHÓ GIÁM ĐỐC', S.x, S.w, top + 5.5, 12, true);
  centred('(Ký, ghi rõ họ tên, đóng dấu)', S.x, S.w, top + 11, 11);
  centred('……………………………', S.x, S.w, top + 34, 12);
  doc.end();
  return done;
}
