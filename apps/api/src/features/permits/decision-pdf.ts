/**
 * The decision document, an administrative document (documents/admin-document.ts):
 *
 * - approved / approved_with_conditions → GIẤY PHÉP XÂY DỰNG (number …/GPXD-SXD), with conditions;
 * - rejected → THÔNG BÁO về việc không cấp giấy phép xây dựng (…/TB-SXD), with the reasons;
 * - exempt → THÔNG BÁO miễn giấy phép xây dựng (…/TB-SXD).
 */
import {
  cite,
  PERMIT_BUILDING_TYPE_LABELS,
  PERMIT_IN_BUILDING_WORK_LABELS,
  type PermitKind,
  permitBuildingType,
  permitInBuildingWork,
} from '@hatang/contracts';
import { lineLengthM, toVn2000 } from '@hatang/geo';
import { mm, openAdminDocument, PAGE, TEXT_W } from '../../documents/admin-document.js';
import { EXCERPT_MM } from './decision-map.js';
import { isPermit } from './permit-decision.js';

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
  kind: PermitKind;
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
  /** In-building works: the names of the operators the system is to serve, in the application's order. */
  servedOperatorNames: string[];
}

export const KIND_VI: Record<DecisionDocumentInput['kind'], string> = {
  tower: 'Trạm thu phát sóng thông tin di động (cột ăng-ten)',
  pole_line: 'Tuyến cột treo cáp viễn thông',
  duct_works: 'Công trình cống bể, hào cáp viễn thông',
  in_building: 'Lắp đặt hạ tầng viễn thông trong tòa nhà',
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
  'in-building-sharing': 'Dùng chung hệ thống trong tòa nhà',
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

const fmtNumber = (v: number) => (Math.round(v * 10) / 10).toString();
const isoToVn = (d: unknown) => (typeof d === 'string' ? d.split('-').reverse().join('/') : '—');

/** The building and what goes into it (an in-building application's details as stored). */
function inBuildingLines(input: DecisionDocumentInput): string[] {
  const d = input.details;
  const type = permitBuildingType.safeParse(d.buildingType);
  const works = (Array.isArray(d.works) ? d.works : []).map((w) => {
    const work = permitInBuildingWork.safeParse(w);
    return work.success ? PERMIT_IN_BUILDING_WORK_LABELS[work.data].vi.toLowerCase() : String(w);
  });
  const served = input.servedOperatorNames;
  return [
    `- Tòa nhà: ${String(d.buildingName ?? '—')} (${type.success ? PERMIT_BUILDING_TYPE_LABELS[type.data].vi.toLowerCase() : String(d.buildingType)}), ${Number(d.floors)} tầng.`,
    `- Hạng mục: ${works.join('; ')}.`,
    d.isShared === true
      ? `- Hệ thống dùng chung cho ${served.length} doanh nghiệp viễn thông${served.length ? `: ${served.join(', ')}` : ''}.`
      : `- Hệ thống không dùng chung${served.length ? `; doanh nghiệp được phục vụ: ${served.join(', ')}` : ''}.`,
    ...(typeof d.inBuildingSystemId === 'string'
      ? [`- Hệ thống trong tòa nhà liên quan: mã ${d.inBuildingSystemId}.`]
      : []),
  ];
}

function worksLines(input: DecisionDocumentInput): string[] {
  const d = input.details;
  const lines = [`- Loại công trình: ${KIND_VI[input.kind]}.`];
  if (input.kind === 'in_building') {
    lines.push(...inBuildingLines(input));
  } else if (input.kind === 'tower') {
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
  const { doc, centred, para, keepTogether, finish } = openAdminDocument({
    title: `${permit ? 'Giấy phép xây dựng' : 'Thông báo'} số ${input.number}`,
    subject: input.title,
    parent: 'UBND THÀNH PHỐ HẢI PHÒNG',
    issuer: 'SỞ XÂY DỰNG',
    number: input.number,
    issuedAt: input.decidedAt,
  });

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

  para(`${permit ? 'Cấp cho' : 'Gửi'}: ${input.applicantName}`, { bold: true });
  para(`Hồ sơ: ${input.title} (mã hồ sơ ${input.applicationId}).`, { size: 10.5 });
  para(permit ? '1. Được phép xây dựng công trình:' : '1. Công trình đề nghị:', { bold: true, gap: 0.1 });
  for (const line of worksLines(input)) para(line, { indent: 4 });
  para('2. Vị trí xây dựng:', { bold: true, gap: 0.1 });
  for (const line of locationLines(input)) para(line, { indent: 4 });

  // Map excerpt.
  const mapH = EXCERPT_MM.h;
  keepTogether(mapH + 8);
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
      '5. Chủ đầu tư phải khởi công công trình trong thời hạn 12 tháng kể từ ngày được cấp giấy phép; quá thời hạn này phải đề nghị gia hạn giấy phép xây dựng.' +
        // In-building works create no asset in the register (permit-decision.ts).
        (input.kind === 'in_building'
          ? ''
          : ' Công trình được ghi vào cơ sở dữ liệu hạ tầng với trạng thái "đang xây dựng"' +
            (input.assetCodes.length ? ` (mã ${input.assetCodes.join(', ')}).` : '.')),
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

  return finish(
    [
      `- ${input.applicantName};`,
      ...(input.commune ? [`- UBND ${input.commune.name};`] : []),
      '- Lưu: VT, QLXD.',
    ],
    ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'],
  );
}
