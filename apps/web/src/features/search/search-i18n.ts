import { useMemo } from 'react';
import { type Lang, useI18n } from '../../lib/i18n';

/** Texts of the search box (features/search), Vietnamese first. */
const vi = {
  label: 'Tìm kiếm',
  placeholder: 'Mã tài sản, xã/phường, đường, số hồ sơ, tọa độ…',
  open: 'Mở ô tìm kiếm',
  close: 'Đóng ô tìm kiếm',
  clear: 'Xóa',
  searching: 'Đang tìm…',
  nothing: 'Không tìm thấy kết quả nào.',
  failed: 'Không tìm được: {message}',
  results: 'Kết quả tìm kiếm',
  coordinates: 'Tọa độ',
  format_decimal: 'WGS 84, độ thập phân',
  format_dms: 'WGS 84, độ phút giây',
  format_vn2000: 'VN-2000 múi 105°45′ (X {X}, Y {Y})',
  flyTo: 'Bay tới vị trí',
  unit_ward: 'Phường',
  unit_commune: 'Xã',
  unit_special_zone: 'Đặc khu',
  version_draft: 'Dự thảo',
  version_approved: 'Đã phê duyệt',
  version_superseded: 'Đã thay thế',
  version_baseline: 'Hiện trạng',
  street: 'Đường phố',
  segments: '{count} đoạn',
  permit: 'Hồ sơ cấp phép',
  request: 'Yêu cầu dùng chung',
};
type Key = keyof typeof vi;

const en: Record<Key, string> = {
  label: 'Search',
  placeholder: 'Asset code, commune, street, permit number, coordinates…',
  open: 'Open the search box',
  close: 'Close the search box',
  clear: 'Clear',
  searching: 'Searching…',
  nothing: 'Nothing found.',
  failed: 'Search failed: {message}',
  results: 'Search results',
  coordinates: 'Coordinates',
  format_decimal: 'WGS 84, decimal degrees',
  format_dms: 'WGS 84, degrees minutes seconds',
  format_vn2000: 'VN-2000 zone 105°45′ (X {X}, Y {Y})',
  flyTo: 'Fly to the position',
  unit_ward: 'Ward',
  unit_commune: 'Commune',
  unit_special_zone: 'Special zone',
  version_draft: 'Draft',
  version_approved: 'Approved',
  version_superseded: 'Superseded',
  version_baseline: 'Baseline',
  street: 'Street',
  segments: '{count} segments',
  permit: 'Permit application',
  request: 'Co-location request',
};

const DICTIONARIES: Record<Lang, Record<Key, string>> = { vi, en };
export type SearchKey = Key;
export type SearchT = (key: Key, params?: Record<string, string | number>) => string;

export function searchText(lang: Lang, key: Key, params?: Record<string, string | number>): string {
  const text = DICTIONARIES[lang][key];
  return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => String(params[name] ?? m)) : text;
}

/** The search box's texts in the UI language. */
export function useSearchText() {
  const { lang } = useI18n();
  return useMemo(() => {
    const t: SearchT = (key, params) => searchText(lang, key, params);
    return { lang, t };
  }, [lang]);
}
