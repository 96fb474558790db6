import type { Role } from '@hatang/contracts';
import { useMemo } from 'react';
import { type Lang, useI18n } from '../../lib/i18n';

const vi = {
  title: 'Quản trị người dùng',
  back: 'Quay lại bản đồ',
  tabUsers: 'Người dùng',
  tabApiKeys: 'Khóa API',
  loading: 'Đang tải…',
  signInFirst: 'Hãy đăng nhập bằng tài khoản quản trị viên để dùng trang này.',
  notAdmin: 'Chỉ quản trị viên mới dùng được trang này.',
  loadFailed: 'Không tải được dữ liệu: {message}',
  dismiss: 'Đóng thông báo',
  cancel: 'Hủy',
  save: 'Lưu',
  // Users
  filter: 'Lọc người dùng',
  filterPlaceholder: 'E-mail, tên, tổ chức, vai trò…',
  addUser: 'Thêm người dùng',
  email: 'E-mail',
  displayName: 'Họ tên',
  organisation: 'Tổ chức',
  chooseOrganisation: '— Chọn tổ chức —',
  roles: 'Vai trò',
  password: 'Mật khẩu',
  passwordHint: 'Ít nhất 10 ký tự; nên dùng một cụm từ dễ nhớ.',
  newPassword: 'Mật khẩu mới',
  status: 'Trạng thái',
  created: 'Ngày tạo',
  actions: 'Thao tác',
  active: 'Đang hoạt động',
  disabled: 'Đã vô hiệu hóa',
  lockedUntil: 'Bị khóa đến {time}',
  you: '(bạn)',
  noUsers: 'Không có người dùng nào khớp bộ lọc.',
  userCount: '{shown}/{total} người dùng',
  edit: 'Sửa',
  editUser: 'Sửa người dùng {email}',
  disable: 'Vô hiệu hóa',
  enable: 'Kích hoạt lại',
  confirmDisable: 'Vô hiệu hóa {email}? Người này sẽ không đăng nhập được nữa.',
  confirmEnable: 'Kích hoạt lại {email}?',
  resetPassword: 'Đặt lại mật khẩu',
  resetPasswordFor: 'Đặt mật khẩu mới cho {email} (mọi phiên đăng nhập của họ sẽ bị đăng xuất)',
  revokeSessions: 'Đăng xuất mọi nơi',
  confirmRevokeSessions: 'Đăng xuất {email} khỏi mọi thiết bị?',
  yesConfirm: 'Đồng ý',
  create: 'Tạo',
  userCreated: 'Đã tạo người dùng {email}.',
  userUpdated: 'Đã lưu thay đổi của {email}.',
  userDisabled: 'Đã vô hiệu hóa {email}.',
  userEnabled: 'Đã kích hoạt lại {email}.',
  passwordReset: 'Đã đặt mật khẩu mới cho {email}; các phiên đăng nhập của họ đã kết thúc.',
  sessionsRevoked: 'Đã đăng xuất {email} khỏi mọi nơi.',
  // API keys
  createKey: 'Tạo khóa',
  keyName: 'Tên khóa',
  keyUser: 'Khóa hoạt động với quyền của',
  scopes: 'Phạm vi',
  scopeRead: 'Đọc (read)',
  scopeWrite: 'Ghi (write)',
  expires: 'Hết hạn',
  expiresOptional: 'Ngày hết hạn (không bắt buộc)',
  user: 'Người dùng',
  prefix: 'Tiền tố',
  lastUsed: 'Dùng lần cuối',
  revoked: 'Thu hồi',
  never: 'Chưa',
  noExpiry: 'Không',
  notRevoked: 'Còn hiệu lực',
  expired: 'Đã hết hạn',
  revoke: 'Thu hồi',
  confirmRevokeKey: 'Thu hồi khóa “{name}”? Các ứng dụng dùng khóa này sẽ bị từ chối ngay.',
  keyRevoked: 'Đã thu hồi khóa “{name}”.',
  noKeys: 'Chưa có khóa API nào.',
  keyCreated: 'Đã tạo khóa “{name}”.',
  secretTitle: 'Khóa bí mật của “{name}”',
  secretWarning: 'Hãy sao chép và cất giữ khóa này ngay bây giờ: nó sẽ không được hiển thị lại.',
  secretLabel: 'Khóa bí mật',
  copy: 'Sao chép',
  copied: 'Đã sao chép',
  secretDone: 'Tôi đã lưu khóa',
  expiryInPast: 'phải là một ngày trong tương lai',
  // Field errors
  errTooShort: 'phải có ít nhất {min} ký tự',
  errTooLong: 'tối đa {max} ký tự',
  errRequired: 'không được để trống',
  errChooseRole: 'chọn ít nhất một vai trò',
  errChooseScope: 'chọn ít nhất một phạm vi',
  errEmail: 'phải là địa chỉ e-mail',
  errOrganisation: 'chọn một tổ chức',
  errDuplicateEmail: 'e-mail này đã có người dùng',
  errInvalid: 'không hợp lệ',
  errForm: 'Biểu mẫu có lỗi, xem các ô được đánh dấu.',
  errServer: 'Máy chủ báo lỗi: {message}',
  errSessionEnded: 'Phiên đăng nhập đã hết; hãy đăng nhập lại.',
  errForbidden: 'Bạn không có quyền làm việc này.',
};

export type AdminMessageKey = keyof typeof vi;

const en: Record<AdminMessageKey, string> = {
  title: 'User administration',
  back: 'Back to the map',
  tabUsers: 'Users',
  tabApiKeys: 'API keys',
  loading: 'Loading…',
  signInFirst: 'Sign in with an administrator account to use this page.',
  notAdmin: 'Only administrators can use this page.',
  loadFailed: 'Could not load the data: {message}',
  dismiss: 'Dismiss message',
  cancel: 'Cancel',
  save: 'Save',
  filter: 'Filter users',
  filterPlaceholder: 'E-mail, name, organisation, role…',
  addUser: 'Add user',
  email: 'E-mail',
  displayName: 'Name',
  organisation: 'Organisation',
  chooseOrganisation: '— Choose an organisation —',
  roles: 'Roles',
  password: 'Password',
  passwordHint: 'At least 10 characters; a passphrase is better.',
  newPassword: 'New password',
  status: 'Status',
  created: 'Created',
  actions: 'Actions',
  active: 'Active',
  disabled: 'Disabled',
  lockedUntil: 'Locked until {time}',
  you: '(you)',
  noUsers: 'No user matches the filter.',
  userCount: '{shown} of {total} users',
  edit: 'Edit',
  editUser: 'Edit user {email}',
  disable: 'Disable',
  enable: 'Enable',
  confirmDisable: 'Disable {email}? They will no longer be able to sign in.',
  confirmEnable: 'Enable {email} again?',
  resetPassword: 'Reset password',
  resetPasswordFor: 'New password for {email} (all their sessions will be signed out)',
  revokeSessions: 'Sign out everywhere',
  confirmRevokeSessions: 'Sign {email} out on every device?',
  yesConfirm: 'Confirm',
  create: 'Create',
  userCreated: 'User {email} created.',
  userUpdated: 'Changes to {email} saved.',
  userDisabled: '{email} disabled.',
  userEnabled: '{email} enabled again.',
  passwordReset: 'New password set for {email}; their sessions have ended.',
  sessionsRevoked: '{email} signed out everywhere.',
  createKey: 'Create key',
  keyName: 'Key name',
  keyUser: 'Key acts as',
  scopes: 'Scopes',
  scopeRead: 'Read',
  scopeWrite: 'Write',
  expires: 'Expires',
  expiresOptional: 'Expiry date (optional)',
  user: 'User',
  prefix: 'Prefix',
  lastUsed: 'Last used',
  revoked: 'Revoked',
  never: 'Never',
  noExpiry: 'Never',
  notRevoked: 'Active',
  expired: 'Expired',
  revoke: 'Revoke',
  confirmRevokeKey: 'Revoke the key “{name}”? Clients using it are refused at once.',
  keyRevoked: 'Key “{name}” revoked.',
  noKeys: 'No API keys yet.',
  keyCreated: 'Key “{name}” created.',
  secretTitle: 'Secret of “{name}”',
  secretWarning: 'Copy this key and store it safely now: it will not be shown again.',
  secretLabel: 'Secret key',
  copy: 'Copy',
  copied: 'Copied',
  secretDone: 'I have stored the key',
  expiryInPast: 'must be a date in the future',
  errTooShort: 'must be at least {min} characters',
  errTooLong: 'must be at most {max} characters',
  errRequired: 'must not be empty',
  errChooseRole: 'choose at least one role',
  errChooseScope: 'choose at least one scope',
  errEmail: 'must be an e-mail address',
  errOrganisation: 'choose an organisation',
  errDuplicateEmail: 'a user with this e-mail already exists',
  errInvalid: 'is not valid',
  errForm: 'The form has problems; see the marked fields.',
  errServer: 'The server refused: {message}',
  errSessionEnded: 'Your session has ended; sign in again.',
  errForbidden: 'You are not allowed to do this.',
};

const ROLE_LABELS: Record<Lang, Record<Role, string>> = {
  vi: {
    admin: 'Quản trị viên',
    planner: 'Cán bộ quy hoạch',
    operator_editor: 'Biên tập viên doanh nghiệp',
    operator_viewer: 'Người xem doanh nghiệp',
    reviewer: 'Cán bộ thẩm định (Sở Xây dựng)',
    inspector: 'Cán bộ kiểm tra (xã/phường)',
    viewer: 'Người xem',
  },
  en: {
    admin: 'Administrator',
    planner: 'Planner',
    operator_editor: 'Operator editor',
    operator_viewer: 'Operator viewer',
    reviewer: 'Reviewer (Construction Department)',
    inspector: 'Inspector (commune)',
    viewer: 'Viewer',
  },
};

const DICTIONARIES: Record<Lang, Record<AdminMessageKey, string>> = { vi, en };

export type AdminT = (key: AdminMessageKey, params?: Record<string, string | number>) => string;

export interface AdminText {
  lang: Lang;
  t: AdminT;
  roleLabel: (role: Role) => string;
}

/** The admin page's own messages, in the language the rest of the app is shown in (`useI18n().lang`). */
export function useAdminText(): AdminText {
  const { lang } = useI18n();
  return useMemo(() => {
    const dictionary = DICTIONARIES[lang];
    return {
      lang,
      t: (key, params) =>
        params
          ? dictionary[key].replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole))
          : dictionary[key],
      roleLabel: (role) => ROLE_LABELS[lang][role],
    };
  }, [lang]);
}

/** The local calendar day of an ISO timestamp (vi: 26 thg 11, 2026; en: 26 Nov 2026). */
export function formatDay(lang: Lang, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString(lang === 'vi' ? 'vi-VN' : 'en-GB', { dateStyle: 'medium' });
}
