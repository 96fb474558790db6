/**
 * How Hatang computes each DII value it derives from the register, and why that value may differ
 * from the one the city reports (issue #17, item 5): a reader comparing "key sites with fibre
 * 87.5 % reported" with "25.08 % computed" must see that the two measure different things.
 */
import type { FtthIndicatorKey } from './ftth.js';
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

const FTTH_REPORTED_DIFFERS: Bilingual = {
  vi: 'Số liệu do doanh nghiệp tự báo cáo, chưa được kiểm chứng. Hai doanh nghiệp có thể cùng kéo cáp qua một hộ: số hộ được phục vụ ít nhất bằng số lớn nhất của một doanh nghiệp (số báo cáo, thận trọng) và nhiều nhất bằng tổng các doanh nghiệp nhưng không quá số hộ. Số hộ = dân số ÷ số người mỗi hộ (giả định, có thể cấu hình).',
  en: "Operators' own figures, not verified. Two operators may pass the same home: homes passed by any operator are at least the largest operator's figure (the conservative figure reported) and at most the operators' sum, capped at households. Households = population ÷ people per household (an assumption, configurable).",
};

/** The method of every indicator a DII criterion may be computed from, and of the FTTH lines. */
export const INDICATOR_METHODS: Record<DiiComputedFrom | FtthIndicatorKey, IndicatorMethod> = {
  fiberHomesPassedPercent: {
    method: {
      vi: 'Số hộ có cáp quang FTTH đi qua do doanh nghiệp báo cáo (số mới nhất của mỗi doanh nghiệp ở mỗi xã, lấy số lớn nhất giữa các doanh nghiệp) ÷ số hộ của xã (dân số theo lưới dân số ÷ số người mỗi hộ), tối đa 100%; toàn thành phố là tổng các xã.',
      en: "Homes passed by FTTH as operators report them (each operator's latest figure per commune, the largest across operators) ÷ the commune's households (grid population ÷ people per household), at most 100 %; the city sums its communes.",
    },
    differs: FTTH_REPORTED_DIFFERS,
  },
  fiber1GbpsHomesPercent: {
    method: {
      vi: 'Như chỉ tiêu hộ có cáp quang đi qua, với số hộ có thể dùng dịch vụ 1 Gbps trở lên do doanh nghiệp báo cáo. Mục tiêu: Kế hoạch 317, mục II.2.',
      en: 'As for homes passed, with the homes where operators report 1 Gbps or more available. Target: Plan 317, section II.2.',
    },
    differs: FTTH_REPORTED_DIFFERS,
  },
  fiberHouseholdsInReachProxyPercent: {
    method: {
      vi: 'Ước tính gián tiếp, không phải số báo cáo: dân số trong các ô lưới dân số 100 m có tâm cách tuyến cáp quang hiện hữu trong cơ sở dữ liệu không quá khoảng cách tiếp cận (giả định, mặc định 300 m, có thể cấu hình) ÷ dân số; số hộ = dân số ÷ số người mỗi hộ (giả định, mặc định 3,5, có thể cấu hình), tỷ lệ không phụ thuộc số người mỗi hộ.',
      en: 'An estimate (proxy), not a reported figure: people in 100 m population grid cells whose centre lies within the reach distance (an assumption, default 300 m, configurable) of an existing fibre route in the register ÷ all people; households = people ÷ people per household (an assumption, default 3.5, configurable), which the percentage does not depend on.',
    },
    differs: {
      vi: 'Cáp gần nhà không có nghĩa là hộ đã được kéo cáp; cơ sở dữ liệu không có cáp thuê bao và cáp của doanh nghiệp chưa nhập dữ liệu; lưới dân số là ước tính WorldPop phân bổ lại.',
      en: "Fibre near a home does not mean the home is connected; the register holds no drop cables, nor the routes of operators that have not loaded their data; the population grid is WorldPop's estimate redistributed.",
    },
  },
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
  greenDataCentres: {
    method: {
      vi: 'Số trung tâm dữ liệu đang hoạt động trong cơ sở dữ liệu có chứng nhận xanh (LEED, LOTUS, EDGE, ISO 50001 hoặc khác); với phương án quy hoạch: cộng các trung tâm dữ liệu xanh của phương án đến mốc năm.',
      en: 'Data centres in service in the register with a green certificate (LEED, LOTUS, EDGE, ISO 50001 or other); with a plan version: plus its green data-centre items by each milestone.',
    },
    differs: {
      vi: 'Kế hoạch đếm trung tâm "mới" đạt tiêu chuẩn xanh; Hatang đếm mọi trung tâm đang hoạt động có chứng nhận, kể cả trung tâm có trước năm 2026, và chỉ những trung tâm đã nhập vào cơ sở dữ liệu.',
      en: 'The plan counts "new" green data centres; Hatang counts every certified centre in service, including those older than 2026, and only those entered in the register.',
    },
  },
  mainStreetCameraPercent: {
    method: {
      vi: 'Chiều dài đường chính và đường cấp hai nằm trong tầm quan sát (bán kính khai báo) của camera giám sát đang hoạt động ÷ tổng chiều dài các đường này, tính trên elipxoit WGS 84.',
      en: 'Length of primary and secondary streets within the declared view range of an existing surveillance camera ÷ their total length, on the WGS 84 ellipsoid.',
    },
    differs: {
      vi: 'Tầm quan sát là một hình tròn, không tính hướng camera và vật cản; chỉ tính camera đã nhập vào cơ sở dữ liệu; số báo cáo thường đếm số camera kết nối Trung tâm điều hành thông minh (IOC).',
      en: 'The view is a disc, ignoring the camera’s direction and obstacles; only cameras entered in the register count; reports usually count the cameras connected to the IOC.',
    },
  },
};
