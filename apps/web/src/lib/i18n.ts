import {
  createContext,
  createElement,
  type ReactNode,
  useCallback,
  useContext,
  useMemo,
  useState,
} from 'react';

export type Lang = 'vi' | 'en';

const vi = {
  appTitle: 'Hạ tầng viễn thông thụ động Hải Phòng',
  appSubtitle: 'Hatang · GIS hạ tầng kỹ thuật viễn thông',
  language: 'Ngôn ngữ',
  switchLanguage: 'English',
  layers: 'Lớp bản đồ',
  owners: 'Chủ sở hữu',
  statusLegend: 'Trạng thái',
  zoomInToSee: 'Phóng to (mức ≥ {zoom}) để xem',
  loading: 'Đang tải…',
  loadingMap: 'Đang tải bản đồ…',
  truncated: 'Chỉ hiện {count} đối tượng đầu tiên; phóng to để xem hết',
  featureCount: '{count} đối tượng',
  close: 'Đóng',
  dismiss: 'Bỏ qua',
  retry: 'Thử lại',
  errorPrefix: 'Lỗi tải dữ liệu',
  noSelection: 'Chọn một đối tượng trên bản đồ để xem thuộc tính.',
  cursor: 'Con trỏ',
  zoom: 'Mức thu phóng',
  // Layers
  towers: 'Trạm BTS / cột ăng-ten',
  poles: 'Cột treo cáp',
  manholes: 'Hố ga / bể cáp',
  ducts: 'Cống bể cáp',
  'trenches-tunnels': 'Hào kỹ thuật / tuy-nen kỹ thuật',
  'cable-routes': 'Tuyến cáp',
  'submarine-cables': 'Cáp quang biển',
  'landing-stations': 'Trạm cập bờ',
  'wifi-points': 'Điểm WiFi công cộng',
  'civil-works': 'Công trình ngành khác',
  streets: 'Đường phố',
  adminUnits: 'Xã / phường / đặc khu',
  // Statuses
  existing: 'Hiện trạng',
  planned: 'Quy hoạch',
  under_construction: 'Đang xây dựng',
  decommissioned: 'Đã ngừng sử dụng',
  // Unit types
  ward: 'Phường',
  commune: 'Xã',
  special_zone: 'Đặc khu',
  // Attributes
  code: 'Mã',
  owner: 'Chủ sở hữu',
  status: 'Trạng thái',
  name: 'Tên',
  version: 'Phiên bản',
  createdAt: 'Tạo lúc',
  updatedAt: 'Cập nhật lúc',
  towerClass: 'Loại cột (TT 06/2024)',
  structure: 'Kết cấu',
  placement: 'Vị trí lắp đặt',
  heightM: 'Chiều cao (m)',
  buildingHeightM: 'Chiều cao công trình (m)',
  groundElevationM: 'Cao độ nền (m)',
  antennaSlotsTotal: 'Số vị trí ăng-ten',
  tenantsMax: 'Số doanh nghiệp dùng chung tối đa',
  powerBackupHours: 'Nguồn dự phòng (giờ)',
  adminUnitCode: 'Mã xã/phường/đặc khu',
  tenancies: 'Doanh nghiệp dùng chung',
  technologies: 'Công nghệ',
  antennaCount: 'Số ăng-ten',
  mountHeightM: 'Độ cao treo (m)',
  since: 'Từ ngày',
  material: 'Vật liệu',
  ownerSector: 'Ngành sở hữu',
  attachmentsUsed: 'Số cáp đã treo',
  attachmentsMax: 'Số cáp treo tối đa',
  manholeType: 'Loại hố ga',
  covers: 'Số nắp',
  depthM: 'Độ sâu (m)',
  tubesTotal: 'Tổng số ống',
  tubesUsed: 'Số ống đã dùng',
  diameterMm: 'Đường kính (mm)',
  fromManholeId: 'Từ hố ga',
  toManholeId: 'Đến hố ga',
  kind: 'Loại',
  widthM: 'Chiều rộng (m)',
  sharedWith: 'Dùng chung với ngành',
  cableType: 'Loại cáp',
  coreCount: 'Số sợi',
  fiberPairs: 'Số đôi sợi',
  corridorWidthM: 'Hành lang bảo vệ (m)',
  landingStationId: 'Trạm cập bờ',
  protectionRadiusM: 'Bán kính bảo vệ (m)',
  siteType: 'Loại địa điểm',
  bandwidthMbps: 'Băng thông (Mbps)',
  sector: 'Ngành',
  startsOn: 'Bắt đầu',
  endsOn: 'Kết thúc',
  streetClass: 'Cấp đường',
  unitType: 'Loại đơn vị',
  formerDistrict: 'Quận/huyện cũ',
  areaKm2: 'Diện tích (km²)',
  population: 'Dân số (người)',
  // Values
  ground: 'Trên mặt đất',
  rooftop: 'Trên mái nhà',
  trench: 'Hào kỹ thuật',
  tunnel: 'Tuy-nen kỹ thuật',
  aerial: 'Treo',
  underground: 'Ngầm',
  submarine: 'Dưới biển',
  telecom: 'Viễn thông',
  power: 'Điện lực',
  lighting: 'Chiếu sáng',
  water: 'Cấp nước',
  drainage: 'Thoát nước',
  road: 'Giao thông',
  cultural_house: 'Nhà văn hóa',
  commune_centre: 'Trụ sở xã/phường',
  public_space: 'Không gian công cộng',
  primary: 'Đường chính',
  secondary: 'Đường cấp hai',
  local: 'Đường nội bộ',
  monopole: 'Cột đơn thân',
  lattice: 'Cột tự đứng (khung giàn)',
  guyed: 'Cột dây co',
  rooftop_pole: 'Cột trên mái',
  camouflaged: 'Cột ngụy trang',
  other: 'Khác',
  concrete: 'Bê tông',
  steel: 'Thép',
  wood: 'Gỗ',
  composite: 'Composite',
  manhole: 'Bể cáp',
  handhole: 'Hố ga nhỏ',
  joint_chamber: 'Bể măng xông',
  fiber: 'Cáp quang',
  copper: 'Cáp đồng',
  coaxial: 'Cáp đồng trục',
  yes: 'Có',
  no: 'Không',
  wgs84: 'WGS 84',
  vn2000: 'VN-2000 TM-3 Hải Phòng (EPSG:9210)',
  attributionAssets: 'Tài sản hạ tầng là dữ liệu mô phỏng',
};

export type MessageKey = keyof typeof vi;

const en: Record<MessageKey, string> = {
  appTitle: 'Hai Phong passive telecom infrastructure',
  appSubtitle: 'Hatang · telecom infrastructure GIS',
  language: 'Language',
  switchLanguage: 'Tiếng Việt',
  layers: 'Map layers',
  owners: 'Owners',
  statusLegend: 'Status',
  zoomInToSee: 'Zoom in (level ≥ {zoom}) to see',
  loading: 'Loading…',
  loadingMap: 'Loading the map…',
  truncated: 'Showing the first {count} features only; zoom in to see all',
  featureCount: '{count} features',
  close: 'Close',
  dismiss: 'Dismiss',
  retry: 'Retry',
  errorPrefix: 'Failed to load data',
  noSelection: 'Select a feature on the map to see its attributes.',
  cursor: 'Cursor',
  zoom: 'Zoom',
  towers: 'Antenna towers (BTS)',
  poles: 'Poles',
  manholes: 'Manholes',
  ducts: 'Cable ducts',
  'trenches-tunnels': 'Trenches and tunnels',
  'cable-routes': 'Cable routes',
  'submarine-cables': 'Submarine cables',
  'landing-stations': 'Landing stations',
  'wifi-points': 'Public WiFi points',
  'civil-works': 'Civil works (other sectors)',
  streets: 'Streets',
  adminUnits: 'Communes / wards / special zones',
  existing: 'Existing',
  planned: 'Planned',
  under_construction: 'Under construction',
  decommissioned: 'Decommissioned',
  ward: 'Ward',
  commune: 'Commune',
  special_zone: 'Special zone',
  code: 'Code',
  owner: 'Owner',
  status: 'Status',
  name: 'Name',
  version: 'Version',
  createdAt: 'Created',
  updatedAt: 'Updated',
  towerClass: 'Tower class (Circular 06/2024)',
  structure: 'Structure',
  placement: 'Placement',
  heightM: 'Height (m)',
  buildingHeightM: 'Building height (m)',
  groundElevationM: 'Ground elevation (m)',
  antennaSlotsTotal: 'Antenna slots',
  tenantsMax: 'Max. tenants',
  powerBackupHours: 'Power backup (h)',
  adminUnitCode: 'Commune code',
  tenancies: 'Tenants (co-location)',
  technologies: 'Technologies',
  antennaCount: 'Antennas',
  mountHeightM: 'Mount height (m)',
  since: 'Since',
  material: 'Material',
  ownerSector: 'Owner sector',
  attachmentsUsed: 'Attachments used',
  attachmentsMax: 'Max. attachments',
  manholeType: 'Manhole type',
  covers: 'Covers',
  depthM: 'Depth (m)',
  tubesTotal: 'Tubes total',
  tubesUsed: 'Tubes used',
  diameterMm: 'Diameter (mm)',
  fromManholeId: 'From manhole',
  toManholeId: 'To manhole',
  kind: 'Kind',
  widthM: 'Width (m)',
  sharedWith: 'Shared with',
  cableType: 'Cable type',
  coreCount: 'Core count',
  fiberPairs: 'Fibre pairs',
  corridorWidthM: 'Protection corridor (m)',
  landingStationId: 'Landing station',
  protectionRadiusM: 'Protection radius (m)',
  siteType: 'Site type',
  bandwidthMbps: 'Bandwidth (Mbps)',
  sector: 'Sector',
  startsOn: 'Starts',
  endsOn: 'Ends',
  streetClass: 'Street class',
  unitType: 'Unit type',
  formerDistrict: 'Former district',
  areaKm2: 'Area (km²)',
  population: 'Population',
  ground: 'Ground',
  rooftop: 'Rooftop',
  trench: 'Trench',
  tunnel: 'Tunnel',
  aerial: 'Aerial',
  underground: 'Underground',
  submarine: 'Submarine',
  telecom: 'Telecom',
  power: 'Power',
  lighting: 'Lighting',
  water: 'Water',
  drainage: 'Drainage',
  road: 'Road',
  cultural_house: 'Cultural house',
  commune_centre: 'Commune centre',
  public_space: 'Public space',
  primary: 'Primary',
  secondary: 'Secondary',
  local: 'Local',
  monopole: 'Monopole',
  lattice: 'Lattice',
  guyed: 'Guyed mast',
  rooftop_pole: 'Rooftop pole',
  camouflaged: 'Camouflaged',
  other: 'Other',
  concrete: 'Concrete',
  steel: 'Steel',
  wood: 'Wood',
  composite: 'Composite',
  manhole: 'Manhole',
  handhole: 'Handhole',
  joint_chamber: 'Joint chamber',
  fiber: 'Fibre',
  copper: 'Copper',
  coaxial: 'Coaxial',
  yes: 'Yes',
  no: 'No',
  wgs84: 'WGS 84',
  vn2000: 'VN-2000 TM-3 Hai Phong (EPSG:9210)',
  attributionAssets: 'Infrastructure assets are synthetic demo data',
};

export const messages: Record<Lang, Record<MessageKey, string>> = { vi, en };

export const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(vi, key);

/** Looks a message up and fills `{name}` placeholders. */
export function translate(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  const text = messages[lang][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));
}

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  /** Translates a domain value (status, enum) if the dictionary knows it, else returns it unchanged. */
  tValue: (value: string) => string;
}

const I18nContext = createContext<I18n | null>(null);
const STORAGE_KEY = 'hatang.lang';

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    document.documentElement.lang = next;
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private mode: the choice just isn't remembered.
    }
  }, []);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, params) => translate(lang, key, params),
      tValue: (v) => (isMessageKey(v) ? translate(lang, v) : v),
    }),
    [lang, setLang],
  );
  return createElement(I18nContext.Provider, { value }, children);
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}
