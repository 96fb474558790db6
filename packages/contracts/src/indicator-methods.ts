/**
 * How Hatang computes each DII value it derives from the register, and why that value may differ
 * from the one the city reports (issue #17, item 5): a reader comparing "key sites with fibre
 * 87.5 % reported" with "25.08 % computed" must see that the two measure different things.
 */
import type { DiiComputedFrom } from './indicators.js';

export interface Bilingual {
  vi: string;
  en: string;
}

export interface IndicatorMethod {
  /** What the number counts, from which layers, with which thresholds. */
  method: Bilingual;
  /** Why a reported figure may differ (what the register does not hold, what the model assumes). */
  differs: Bilingual;
}

const COVERAGE_DIFFERS: Bilingual = {
  vi: 'Mô hình bán kính theo độ cao ăng-ten và môi trường, không phải đo sóng thực tế; số doanh nghiệp báo cáo dựa trên đo kiểm hoặc mô phỏng của họ, và chỉ tính các trạm đã có trong cơ sở dữ liệu.',
  en: "A radius model by antenna height and environment, not a drive test; operators' reported figures come from their own measurements or planning tools, and only towers in the register count here.",
};
const KEY_SITES_DIFFERS: Bilingual = {
  vi: 'Chỉ tính các điểm trọng yếu có trong danh mục của Hatang và tuyến cống bể, cáp trong cơ sở dữ liệu; số báo cáo thường dựa trên khai báo của doanh nghiệp (kể cả cáp thuê bao không có trong cơ sở dữ liệu) và danh mục điểm khác.',
  en: "Counts only the key sites in Hatang's register and the ducts and cables in the register; reported figures usually rest on operators' declarations (including drop cables the register does not hold) and on a different list of sites.",
};

/** The method of every indicator a DII criterion may be computed from. */
export const INDICATOR_METHODS: Record<DiiComputedFrom, IndicatorMethod> = {
  population5gPercent: {
    method: {
      vi: 'Dân số trong vùng phủ 5G ÷ tổng dân số (lưới dân số WorldPop 1 km), vùng phủ theo bán kính phục vụ của từng trạm có thuê bao 5G hoặc vùng phủ doanh nghiệp tải lên.',
      en: "People inside 5G coverage ÷ all people (WorldPop 1 km grid); coverage from each 5G tenancy's serving radius, or the operator's uploaded coverage polygons.",
    },
    differs: COVERAGE_DIFFERS,
  },
  population4gPercent: {
    method: {
      vi: 'Như chỉ tiêu 5G, với các thuê bao 4G.',
      en: 'As for 5G, with the 4G tenancies.',
    },
    differs: COVERAGE_DIFFERS,
  },
  sharedTowerPercent: {
    method: {
      vi: 'Số cột có từ 2 doanh nghiệp thuê trở lên ÷ tổng số cột ăng-ten trong cơ sở dữ liệu.',
      en: 'Towers with two or more tenants ÷ all antenna towers in the register.',
    },
    differs: {
      vi: 'Chỉ tính các hợp đồng thuê đã ghi vào cơ sở dữ liệu; cột trên mái nhà và cột của doanh nghiệp chưa nhập dữ liệu không được tính.',
      en: 'Only tenancies entered in the register count; rooftop poles and towers of operators that have not loaded their data are missing.',
    },
  },
  tenantsPerTower: {
    method: {
      vi: 'Tổng số doanh nghiệp thuê trên các cột ÷ số cột ăng-ten.',
      en: 'Tenancies on all towers ÷ number of antenna towers.',
    },
    differs: {
      vi: 'Như tỷ lệ cột dùng chung: chỉ tính dữ liệu đã có.',
      en: 'As for shared towers: only the data entered counts.',
    },
  },
  ductKm: {
    method: {
      vi: 'Tổng chiều dài tuyến cống bể trong cơ sở dữ liệu, km (tính trên elipxoit WGS 84).',
      en: 'Total length of the duct routes in the register, km (on the WGS 84 ellipsoid).',
    },
    differs: {
      vi: 'Số báo cáo có thể tính theo ống (một tuyến nhiều ống) hoặc gồm tuyến chưa số hóa.',
      en: 'Reported figures may count per conduit (one route holds several) or include routes not yet digitised.',
    },
  },
  undergroundCableSharePercent: {
    method: {
      vi: 'Chiều dài cáp ngầm ÷ tổng chiều dài cáp (ngầm và treo) trong cơ sở dữ liệu.',
      en: 'Underground cable length ÷ all cable length (underground and aerial) in the register.',
    },
    differs: {
      vi: 'Cáp thuê bao và cáp chưa số hóa không có trong cơ sở dữ liệu; số báo cáo thường tính theo tuyến phố đã ngầm hóa.',
      en: 'Drop cables and undigitised cables are not in the register; reports often count streets put underground instead.',
    },
  },
  landingStations: {
    method: { vi: 'Số trạm cập bờ trong cơ sở dữ liệu.', en: 'Landing stations in the register.' },
    differs: {
      vi: 'Khác khi trạm mới chưa được nhập.',
      en: 'Differs when a new station has not been entered.',
    },
  },
  wifiPoints: {
    method: {
      vi: 'Số điểm WiFi công cộng trong cơ sở dữ liệu.',
      en: 'Public WiFi points in the register.',
    },
    differs: {
      vi: 'Số báo cáo có thể đếm theo thiết bị phát (một điểm nhiều thiết bị) hoặc gồm điểm của doanh nghiệp chưa nhập dữ liệu.',
      en: 'Reports may count access points (several per site) or include sites of operators that have not loaded their data.',
    },
  },
  keySitesFiberPercent: {
    method: {
      vi: 'Điểm trọng yếu (cảng, khu công nghiệp, cơ quan nhà nước, trường học kể cả trường cao đẳng, đại học, bệnh viện, thương mại, du lịch kể cả di tích, danh lam thắng cảnh…) cách tuyến cống bể hoặc cáp quang không quá 200 m ÷ tổng số các điểm này.',
      en: 'Key sites (ports, industrial parks, state agencies, schools including colleges and universities, hospitals, commerce, tourism including heritage sites and scenic spots…) within 200 m of a duct or fibre route ÷ all of these sites.',
    },
    differs: KEY_SITES_DIFFERS,
  },
  keySites5gPercent: {
    method: {
      vi: 'Điểm trọng yếu trong vùng phủ 5G (như chỉ tiêu dân số) ÷ tổng số điểm trọng yếu: các điểm của chỉ tiêu băng rộng cùng đầu mối giao thông, khách sạn, tuyến đường bộ và tuyến đường sắt. Điểm và vùng được tính khi có phần nằm trong vùng phủ; tuyến đường được tính khi phần chiều dài nằm trong vùng phủ đạt ngưỡng (mặc định 95 %, có thể điều chỉnh; đo trên các đoạn dài không quá 25 m), ngưỡng ghi trong phần chi tiết theo loại.',
      en: "Key sites inside 5G coverage (as for population) ÷ all key sites: the broadband indicator's sites plus transport hubs, hotels, road and rail corridors. Points and areas count when any part is covered; a corridor counts when the covered share of its length reaches the threshold (default 95 %, configurable; measured on pieces of at most 25 m), given in the per-category breakdown.",
    },
    differs: {
      vi: `${KEY_SITES_DIFFERS.vi} ${COVERAGE_DIFFERS.vi}`,
      en: `${KEY_SITES_DIFFERS.en} ${COVERAGE_DIFFERS.en}`,
    },
  },
  communeWifiPercent: {
    method: {
      vi: 'Nhà văn hóa thôn, khu dân cư và trung tâm xã, phường, đặc khu có điểm WiFi công cộng trong bán kính 100 m ÷ tổng số các điểm này trong danh mục.',
      en: 'Village cultural houses and commune centres with a public WiFi point within 100 m ÷ all of them in the register.',
    },
    differs: {
      vi: 'Danh mục nhà văn hóa của Hatang có thể chưa đủ; số báo cáo thường tổng hợp từ xã, phường.',
      en: "Hatang's list of cultural houses may be incomplete; reported figures are usually compiled from the communes.",
    },
  },
};
