/** Texts of the violations panel in Vietnamese and English (codes' labels come from VIOLATION_LABELS). */
import { VIOLATION_LABELS } from '@hatang/contracts';
import { useMemo } from 'react';
import { type Lang, useI18n } from '../../lib/i18n';

const vi = {
  kicker: 'Kiểm tra của xã / phường',
  title: 'Vi phạm hạ tầng viễn thông',
  close: 'Đóng',
  commune: 'Xã / phường',
  allCommunes: 'Tất cả xã / phường',
  yourCommune: 'Xã / phường của bạn: {name}',
  noCommune: 'Tài khoản của bạn chưa gắn với xã / phường nào: hãy nhờ quản trị viên cập nhật.',
  operatorScope: 'Các vi phạm liên quan đến tài sản của đơn vị bạn (đơn vị được thông báo).',
  status: 'Trạng thái',
  allStatuses: 'Mọi trạng thái',
  record: 'Ghi nhận vi phạm',
  list: 'Danh sách',
  loading: 'Đang tải…',
  empty: 'Chưa có vi phạm nào.',
  count: '{n} vi phạm',
  kind: 'Loại vi phạm',
  description: 'Mô tả',
  place: 'Vị trí (kinh độ, vĩ độ)',
  pickPlace: 'Bấm lên bản đồ để chọn vị trí (bấm vào tài sản để liên kết)',
  picking: 'Đang chọn… bấm lên bản đồ trong xã / phường của bạn',
  stopPicking: 'Dừng chọn',
  pickAgain: 'Chọn lại trên bản đồ',
  noPlace: 'Chưa chọn vị trí',
  pointCount: '{count} điểm',
  asset: 'Tài sản liên quan',
  noAsset: 'Không liên kết',
  unlink: 'Bỏ liên kết',
  permitId: 'Mã hồ sơ cấp phép (nếu có)',
  photos: 'Ảnh hiện trường',
  photoHint: 'JPEG hoặc PNG, tối đa 10 MB mỗi ảnh',
  badType: '“{name}” không phải ảnh JPEG/PNG ({type})',
  tooBig: '“{name}” quá lớn ({size}; tối đa 10 MB)',
  save: 'Lưu',
  saving: 'Đang lưu…',
  cancel: 'Huỷ',
  needPlace: 'Hãy chọn vị trí trên bản đồ',
  needDescription: 'Hãy mô tả vi phạm',
  back: '← Danh sách',
  reportedAt: 'Ghi nhận lúc',
  responsible: 'Đơn vị chịu trách nhiệm',
  unknown: 'Chưa rõ',
  lastNote: 'Ghi chú gần nhất',
  note: 'Ghi chú kèm thao tác',
  history: 'Lịch sử',
  noPhotos: 'Chưa có ảnh.',
  addPhotos: 'Thêm ảnh',
  upload: 'Tải lên',
  actionsNone: 'Không còn thao tác nào (đã khắc phục).',
  readOnly: 'Bạn chỉ xem được vi phạm này.',
  conflict: 'Vi phạm vừa được người khác cập nhật; đã tải lại.',
  created: 'tạo mới',
  updated: 'cập nhật',
  by: 'bởi',
  legend: 'Chú giải',
  version: 'phiên bản',
  openViolation: 'Mở vi phạm',
  partial: 'Đã lưu vi phạm, nhưng có ảnh chưa tải lên được: {msg}',
};
type Key = keyof typeof vi;

const en: Record<Key, string> = {
  kicker: 'Commune inspections',
  title: 'Telecom infrastructure violations',
  close: 'Close',
  commune: 'Commune',
  allCommunes: 'All communes',
  yourCommune: 'Your commune: {name}',
  noCommune: 'Your account belongs to no commune: ask an administrator to set it.',
  operatorScope: 'Violations linked to your organisation’s assets (you are the one notified).',
  status: 'Status',
  allStatuses: 'All statuses',
  record: 'Record a violation',
  list: 'List',
  loading: 'Loading…',
  empty: 'No violations yet.',
  count: '{n} violations',
  kind: 'Kind',
  description: 'Description',
  place: 'Place (longitude, latitude)',
  pickPlace: 'Click the map to choose the place (click an asset to link it)',
  picking: 'Choosing… click the map inside your commune',
  stopPicking: 'Stop choosing',
  pickAgain: 'Choose again on the map',
  noPlace: 'No place chosen yet',
  pointCount: '{count} points',
  asset: 'Linked asset',
  noAsset: 'Not linked',
  unlink: 'Unlink',
  permitId: 'Permit application id (if any)',
  photos: 'Photos',
  photoHint: 'JPEG or PNG, at most 10 MB each',
  badType: '“{name}” is not a JPEG/PNG image ({type})',
  tooBig: '“{name}” is too large ({size}; at most 10 MB)',
  save: 'Save',
  saving: 'Saving…',
  cancel: 'Cancel',
  needPlace: 'Choose the place on the map',
  needDescription: 'Describe the violation',
  back: '← List',
  reportedAt: 'Reported',
  responsible: 'Responsible organisation',
  unknown: 'Unknown',
  lastNote: 'Last note',
  note: 'Note with the action',
  history: 'History',
  noPhotos: 'No photos yet.',
  addPhotos: 'Add photos',
  upload: 'Upload',
  actionsNone: 'No further action (resolved).',
  readOnly: 'You may only read this violation.',
  conflict: 'Someone else just changed this violation; reloaded.',
  created: 'created',
  updated: 'updated',
  by: 'by',
  legend: 'Legend',
  version: 'version',
  openViolation: 'Open violation',
  partial: 'The violation was saved, but a photo was not uploaded: {msg}',
};

/** Every text of this feature, by language (scanned by lib/dictionaries.test.ts). */
export const DICTIONARIES: Record<Lang, Record<Key, string>> = { vi, en };
export type ViolationsKey = Key;

type LabelGroup = keyof typeof VIOLATION_LABELS;

/** The panel's texts and the shared code labels in the UI language. */
export function useViolationsText() {
  const { lang } = useI18n();
  return useMemo(
    () => ({
      lang,
      t: (key: Key, params?: Record<string, string | number>) => {
        const text = DICTIONARIES[lang][key];
        return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => String(params[name] ?? m)) : text;
      },
      label: (group: LabelGroup, code: string) => {
        const labels = VIOLATION_LABELS[group] as Record<string, { vi: string; en: string }>;
        return labels[code]?.[lang] ?? code;
      },
    }),
    [lang],
  );
}
