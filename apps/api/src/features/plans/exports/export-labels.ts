/**
 * Vietnamese and English labels of everything a plan export shows a reader: item and zone kinds,
 * phases, statuses, version kinds, the appendix groups and columns, and the map's legend and
 * title block. Vietnamese first (the plan is a Vietnamese administrative document).
 */
import type { PlanItemKind, PlanItemStatus, PlanVersionKind, PlanZoneKind } from '@hatang/contracts';
import { ownValue } from '../../../http/own-key.js';

export interface Bilingual {
  vi: string;
  en: string;
}

export const ITEM_KIND_LABELS: Record<PlanItemKind, Bilingual> = {
  tower_site: { vi: 'Vị trí trạm BTS / cột ăng-ten', en: 'Tower site' },
  tower_area: { vi: 'Khu vực bố trí cột ăng-ten dùng chung', en: 'Shared tower area' },
  pole_line_build: { vi: 'Tuyến cột treo cáp xây mới', en: 'Pole line to build' },
  pole_line_remove: { vi: 'Tuyến cột treo cáp dỡ bỏ', en: 'Pole line to remove' },
  duct_route: { vi: 'Tuyến cống bể cáp', en: 'Duct and manhole route' },
  trench: { vi: 'Hào kỹ thuật', en: 'Technical trench' },
  tunnel: { vi: 'Tuy-nen kỹ thuật', en: 'Technical tunnel' },
  undergrounding: { vi: 'Tuyến cáp treo cần ngầm hóa', en: 'Overhead line to put underground' },
  landing_station: { vi: 'Trạm cập bờ cáp biển', en: 'Cable landing station' },
  submarine_corridor: { vi: 'Hành lang tuyến cáp biển', en: 'Submarine cable corridor' },
  data_centre: { vi: 'Trung tâm dữ liệu', en: 'Data centre' },
  wifi_point: { vi: 'Điểm WiFi công cộng', en: 'Public WiFi point' },
};

export const ZONE_KIND_LABELS: Record<PlanZoneKind, Bilingual> = {
  restricted: { vi: 'Khu vực hạn chế xây dựng trạm', en: 'Restricted zone' },
  camouflage_required: { vi: 'Khu vực yêu cầu ngụy trang', en: 'Camouflage required' },
  underground_only: { vi: 'Khu vực chỉ hạ ngầm', en: 'Underground only' },
  height_limited: { vi: 'Khu vực giới hạn chiều cao', en: 'Height limited' },
  heritage: { vi: 'Khu di tích, di sản', en: 'Heritage' },
  anchorage: { vi: 'Vùng neo đậu tàu', en: 'Anchorage area' },
  shipping_channel: { vi: 'Luồng hàng hải', en: 'Shipping channel' },
  aquaculture: { vi: 'Vùng nuôi trồng thủy sản', en: 'Aquaculture' },
  protected_area: { vi: 'Khu bảo tồn', en: 'Protected area' },
};

export const STATUS_LABELS: Record<PlanItemStatus, Bilingual> = {
  existing: { vi: 'Hiện có', en: 'Existing' },
  planned: { vi: 'Quy hoạch mới', en: 'Planned' },
  under_construction: { vi: 'Đang xây dựng', en: 'Under construction' },
  completed: { vi: 'Đã hoàn thành', en: 'Completed' },
  cancelled: { vi: 'Hủy bỏ', en: 'Cancelled' },
};

export const VERSION_KIND_LABELS: Record<PlanVersionKind, Bilingual> = {
  baseline: { vi: 'Hiện trạng', en: 'Baseline' },
  draft: { vi: 'Dự thảo', en: 'Draft' },
  approved: { vi: 'Đã phê duyệt', en: 'Approved' },
  superseded: { vi: 'Đã thay thế', en: 'Superseded' },
};

export const PHASE_LABELS: Record<string, Bilingual> = {
  '2026-2027': { vi: '2026–2027', en: '2026–2027' },
  '2028-2030': { vi: '2028–2030', en: '2028–2030' },
  '2031-2040': { vi: '2031–2040 (tầm nhìn)', en: '2031–2040 (vision)' },
};

/** Labels of the kind-specific attributes, with their unit where they have one. */
export const ATTRIBUTE_LABELS: Record<string, Bilingual> = {
  towerClass: { vi: 'Loại cột', en: 'Tower class' },
  heightM: { vi: 'Chiều cao (m)', en: 'Height (m)' },
  maxHeightM: { vi: 'Chiều cao tối đa (m)', en: 'Max height (m)' },
  tenantsPlanned: { vi: 'Số DN dùng chung', en: 'Tenants planned' },
  poleCount: { vi: 'Số cột', en: 'Poles' },
  tubesTotal: { vi: 'Số ống', en: 'Tubes' },
  manholeCount: { vi: 'Số bể cáp', en: 'Manholes' },
  widthM: { vi: 'Bề rộng (m)', en: 'Width (m)' },
  cableCount: { vi: 'Số sợi cáp', en: 'Cables' },
  protectionRadiusM: { vi: 'Bán kính bảo vệ (m)', en: 'Protection radius (m)' },
  protectionWidthM: { vi: 'Bề rộng hành lang bảo vệ (m)', en: 'Protection width (m)' },
  fiberPairs: { vi: 'Số đôi sợi', en: 'Fiber pairs' },
  isGreen: { vi: 'Trung tâm dữ liệu xanh', en: 'Green' },
  powerMw: { vi: 'Công suất (MW)', en: 'Power (MW)' },
  siteType: { vi: 'Loại điểm', en: 'Site type' },
};

const SITE_TYPES: Record<string, string> = {
  cultural_house: 'nhà văn hóa thôn',
  commune_centre: 'trung tâm xã/phường',
  public_space: 'nơi công cộng',
};

/** `Loại cột: A2b; Chiều cao tối đa (m): 45` — the attributes as one readable Vietnamese cell. */
export function describeAttributes(attributes: Record<string, unknown>): string {
  return Object.entries(attributes)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => {
      const label = ownValue(ATTRIBUTE_LABELS, k)?.vi ?? k;
      const value =
        typeof v === 'boolean'
          ? v
            ? 'có'
            : 'không'
          : k === 'siteType'
            ? (ownValue(SITE_TYPES, String(v)) ?? String(v))
            : String(v);
      return `${label}: ${value}`;
    })
    .join('; ');
}

/** The appendix's sheets: one per group of item kinds, in the order a plan appendix lists them. */
export const APPENDIX_GROUPS: readonly {
  id: string;
  /** Sheet name (Excel: at most 31 characters, no `:\/?*[]`). */
  sheet: string;
  title: Bilingual;
  kinds: readonly PlanItemKind[];
}[] = [
  {
    id: 'towers',
    sheet: 'Cột ăng-ten',
    title: { vi: 'Trạm BTS, cột ăng-ten và khu vực bố trí cột', en: 'Towers and tower areas' },
    kinds: ['tower_site', 'tower_area'],
  },
  {
    id: 'pole-lines',
    sheet: 'Cột treo cáp',
    title: { vi: 'Tuyến cột treo cáp', en: 'Pole lines' },
    kinds: ['pole_line_build', 'pole_line_remove'],
  },
  {
    id: 'ducts',
    sheet: 'Cống bể, hào, tuy-nen',
    title: { vi: 'Cống bể cáp, hào và tuy-nen kỹ thuật', en: 'Ducts, trenches and tunnels' },
    kinds: ['duct_route', 'trench', 'tunnel'],
  },
  {
    id: 'undergrounding',
    sheet: 'Ngầm hóa',
    title: { vi: 'Ngầm hóa đường dây, cáp treo', en: 'Undergrounding of overhead lines' },
    kinds: ['undergrounding'],
  },
  {
    id: 'submarine',
    sheet: 'Cáp biển',
    title: { vi: 'Tuyến cáp biển và trạm cập bờ', en: 'Submarine corridors and landing stations' },
    kinds: ['submarine_corridor', 'landing_station'],
  },
  {
    id: 'data-wifi',
    sheet: 'TTDL và WiFi',
    title: { vi: 'Trung tâm dữ liệu và điểm WiFi công cộng', en: 'Data centres and public WiFi' },
    kinds: ['data_centre', 'wifi_point'],
  },
];

/** The appendix columns, in order: Vietnamese header, English header, and the key of the row. */
export const APPENDIX_COLUMNS = [
  { key: 'stt', vi: 'STT', en: 'No.', width: 6 },
  { key: 'name', vi: 'Tên công trình', en: 'Name', width: 28 },
  { key: 'kind', vi: 'Loại công trình', en: 'Kind', width: 26 },
  { key: 'communes', vi: 'Xã, phường, đặc khu', en: 'Commune', width: 22 },
  { key: 'phase', vi: 'Giai đoạn', en: 'Phase', width: 14 },
  { key: 'status', vi: 'Hiện trạng / quy hoạch', en: 'Status', width: 16 },
  { key: 'organisation', vi: 'Đơn vị thực hiện', en: 'Responsible organisation', width: 24 },
  { key: 'attributes', vi: 'Thông số chính', en: 'Key attributes', width: 34 },
  { key: 'lengthM', vi: 'Chiều dài (m)', en: 'Length (m)', width: 12 },
  { key: 'areaM2', vi: 'Diện tích (m²)', en: 'Area (m²)', width: 12 },
  { key: 'startX', vi: 'X (điểm, điểm đầu)', en: 'X northing (point, start)', width: 15 },
  { key: 'startY', vi: 'Y (điểm, điểm đầu)', en: 'Y easting (point, start)', width: 15 },
  { key: 'endX', vi: 'X (điểm cuối)', en: 'X northing (end)', width: 15 },
  { key: 'endY', vi: 'Y (điểm cuối)', en: 'Y easting (end)', width: 15 },
  { key: 'notes', vi: 'Ghi chú', en: 'Notes', width: 30 },
] as const;

export const CRS_LABEL = 'VN-2000 / TM-3 Hải Phòng (EPSG:9210)';

export const TEXT = {
  appendixTitle: {
    vi: 'PHỤ LỤC QUY HOẠCH HẠ TẦNG KỸ THUẬT VIỄN THÔNG THỤ ĐỘNG',
    en: 'Passive telecom infrastructure plan: appendix',
  },
  mapTitle: {
    vi: 'BẢN ĐỒ QUY HOẠCH HẠ TẦNG KỸ THUẬT VIỄN THÔNG THỤ ĐỘNG',
    en: 'Passive telecom infrastructure plan map',
  },
  wholeCity: { vi: 'Toàn thành phố Hải Phòng', en: 'Whole city' },
  plan: { vi: 'Quy hoạch', en: 'Plan' },
  version: { vi: 'Phiên bản', en: 'Version' },
  commune: { vi: 'Xã/phường', en: 'Commune' },
  scale: { vi: 'Tỷ lệ', en: 'Scale' },
  crs: { vi: 'Hệ tọa độ', en: 'CRS' },
  date: { vi: 'Ngày', en: 'Date' },
  approvedOn: { vi: 'phê duyệt', en: 'approved' },
  legend: { vi: 'CHÚ GIẢI', en: 'Legend' },
  north: { vi: 'B', en: 'N' },
  land: { vi: 'Đất liền', en: 'Land' },
  sea: { vi: 'Biển', en: 'Sea' },
  communeBoundary: { vi: 'Ranh giới xã, phường', en: 'Commune boundary' },
  selectedCommune: { vi: 'Xã, phường lập bản đồ', en: 'Mapped commune' },
  registerTowers: { vi: 'Cột ăng-ten hiện có (CSDL)', en: 'Register: towers' },
  registerLines: { vi: 'Tuyến cáp, cống bể hiện có (CSDL)', en: 'Register: cables and ducts' },
  protection: { vi: 'Hành lang bảo vệ', en: 'Protection corridor' },
  coordinatesNote: {
    vi: 'Tọa độ VN-2000, kinh tuyến trục 105°45′, múi chiếu 3°: X là tọa độ Bắc, Y là tọa độ Đông (m). Vùng khoanh (khu vực cột): tọa độ tâm.',
    en: 'VN-2000 coordinates, central meridian 105°45′, 3° zone: X = northing, Y = easting (metres). Areas (tower areas): their centroid.',
  },
  lengthNote: {
    vi: 'Chiều dài và diện tích là của cả công trình, tính trên mặt ellipsoid.',
    en: 'Lengths and areas are of the whole item, measured on the ellipsoid.',
  },
  noItems: { vi: 'Không có công trình', en: 'No items' },
  source: { vi: 'Lập bằng Hatang', en: 'Made with Hatang' },
  clipped: {
    vi: 'Phạm vi lớn hơn khổ giấy ở tỷ lệ nhỏ nhất: bản đồ chỉ thể hiện phần trung tâm.',
    en: 'The extent is larger than the page at the smallest scale: the centre is shown.',
  },
} satisfies Record<string, Bilingual>;

/** `dd/mm/yyyy` in Vietnam's time zone (UTC+7), as Vietnamese documents date things. */
export function vietnameseDate(date: Date): string {
  const local = new Date(date.getTime() + 7 * 3600_000);
  const dd = String(local.getUTCDate()).padStart(2, '0');
  const mm = String(local.getUTCMonth() + 1).padStart(2, '0');
  return `${dd}/${mm}/${local.getUTCFullYear()}`;
}

/** ASCII-only slug for file names: `Đồ Sơn` → `do-son`. */
export function asciiSlug(text: string, fallback = 'plan'): string {
  const slug = text
    .replace(/[đĐ]/g, 'd')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || fallback;
}
