/**
 * In-building telecom works (issue #17 item 2): cabling and indoor mobile systems in apartment
 * buildings and public works, which legal: plan-317-2025-kh-ubnd V.1 asks the city to regulate
 * ("Quy định về việc lắp đặt mạng cáp viễn thông, hệ thống thu phát sóng di động trong nhà chung
 * cư, công trình công cộng"). That regulation is not in the registry yet: nothing here cites an
 * article of it. Shared by the permit details (permits.ts) and the checks' configuration
 * (permit-check-config.ts), which both import this file.
 */
import { z } from 'zod';

/** What kind of building the works are in. */
export const permitBuildingType = z.enum([
  'apartment',
  'office',
  'commercial',
  'hotel',
  'hospital',
  'school',
  'public_building',
  'other',
]);
export type PermitBuildingType = z.infer<typeof permitBuildingType>;

/** The works an in-building application asks for (a set: each at most once). */
export const permitInBuildingWork = z.enum([
  'shared_indoor_mobile_system',
  'fibre_riser',
  'cabling',
  'rooftop_equipment_room',
]);
export type PermitInBuildingWork = z.infer<typeof permitInBuildingWork>;

type Labels<K extends string> = Readonly<Record<K, { vi: string; en: string }>>;

export const PERMIT_BUILDING_TYPE_LABELS: Labels<PermitBuildingType> = {
  apartment: { vi: 'Nhà chung cư', en: 'Apartment building' },
  office: { vi: 'Tòa nhà văn phòng', en: 'Office building' },
  commercial: { vi: 'Trung tâm thương mại', en: 'Commercial centre' },
  hotel: { vi: 'Khách sạn', en: 'Hotel' },
  hospital: { vi: 'Bệnh viện', en: 'Hospital' },
  school: { vi: 'Trường học', en: 'School' },
  public_building: { vi: 'Công trình công cộng khác', en: 'Other public building' },
  other: { vi: 'Loại khác', en: 'Other' },
};

export const PERMIT_IN_BUILDING_WORK_LABELS: Labels<PermitInBuildingWork> = {
  shared_indoor_mobile_system: {
    vi: 'Hệ thống thu phát sóng di động trong tòa nhà',
    en: 'Indoor mobile system (IBS)',
  },
  fibre_riser: { vi: 'Trục cáp quang đứng', en: 'Fibre riser' },
  cabling: { vi: 'Mạng cáp viễn thông trong tòa nhà', en: 'Telecom cabling in the building' },
  rooftop_equipment_room: { vi: 'Phòng thiết bị trên mái', en: 'Rooftop equipment room' },
};
