/**
 * Texts of the FTTH panel (fibre to the home) in Vietnamese and English, and the API's row
 * problems said in the UI language.
 */
import { useMemo } from 'react';
import { type Lang, useI18n } from '../../lib/i18n';

const vi = {
  kicker: 'Kế hoạch 317 · Cáp quang đến hộ gia đình',
  title: 'Cáp quang FTTH',
  close: 'Đóng',
  uploadTitle: 'Gửi số liệu của doanh nghiệp',
  uploadHint:
    'Tệp CSV với các cột adminUnitCode (mã xã 5 chữ số), homesPassed (số hộ có cáp quang đi qua), homes1Gbps (số hộ dùng được 1 Gbps), subscriptions (số thuê bao, có thể để trống), asOf (ngày số liệu, YYYY-MM-DD). Tất cả các dòng được lưu, hoặc không dòng nào nếu có dòng sai.',
  file: 'Chọn tệp CSV',
  send: 'Gửi',
  sending: 'Đang gửi…',
  sent: 'Đã lưu {created} dòng mới, cập nhật {replaced} dòng.',
  rejected: 'Không lưu dòng nào: {n} lỗi.',
  row: 'Dòng',
  field: 'Cột',
  problem: 'Lỗi',
  ownRows: 'Số liệu đã gửi',
  allRows: 'Số liệu các doanh nghiệp',
  noRows: 'Chưa có số liệu.',
  operator: 'Doanh nghiệp',
  commune: 'Xã, phường',
  asOf: 'Ngày số liệu',
  homesPassed: 'Hộ có cáp đi qua',
  homes1Gbps: 'Hộ dùng được 1 Gbps',
  passedShort: 'Có cáp đi qua',
  gbpsShort: '1 Gbps',
  operatorsIn: '{n} doanh nghiệp',
  subscriptions: 'Thuê bao',
  summaryTitle: 'Theo xã, phường: số báo cáo và ước tính',
  summaryHint:
    'Số báo cáo: số lớn nhất giữa các doanh nghiệp ở mỗi xã (thận trọng, không tính trùng hộ hai doanh nghiệp cùng kéo cáp); số hộ thực tế nằm giữa số này và tổng các doanh nghiệp (không quá số hộ).',
  proxyHint:
    'Ước tính gián tiếp: hộ trong các ô lưới dân số cách tuyến cáp quang hiện hữu không quá {reach} m, với {size} người mỗi hộ. Cả hai là giả định, có thể cấu hình; không phải số liệu báo cáo.',
  householdSize: 'Người mỗi hộ (giả định)',
  reachM: 'Khoảng cách tiếp cận, m (giả định)',
  households: 'Số hộ',
  reported: 'Báo cáo',
  upper: 'tối đa',
  operators: 'Số DN',
  proxy: 'Ước tính gián tiếp',
  loading: 'Đang tải…',
  computing: 'Đang tính ước tính…',
  failed: 'Không tải được: {message}',
  cityRow: 'Toàn thành phố',
  filter: 'Lọc xã, phường',
  shown: 'Hiển thị {shown}/{total} xã, phường',
  // Row problems the API reports.
  issue_unknownCommune: 'không có xã, phường nào mang mã {code}',
  issue_gbpsOverPassed: 'số hộ 1 Gbps lớn hơn số hộ có cáp đi qua',
  issue_subsOverPassed: 'số thuê bao lớn hơn số hộ có cáp đi qua',
  issue_future: 'ngày số liệu ở tương lai',
  issue_tooEarly: 'ngày số liệu trước năm 2020',
  issue_duplicate: 'trùng xã và ngày với dòng {row}',
  issue_wholeNumber: 'phải là số nguyên không âm',
  issue_code: 'phải là mã xã 5 chữ số',
  issue_date: 'phải là ngày dạng YYYY-MM-DD',
  issue_missingColumn: 'thiếu cột {column}',
  issue_unknownColumn: 'cột không được hỗ trợ: {column}',
  issue_other: 'giá trị không hợp lệ',
};
type Key = keyof typeof vi;

const en: Record<Key, string> = {
  kicker: 'Plan 317 · Fibre to the home',
  title: 'FTTH fibre',
  close: 'Close',
  uploadTitle: "Send your organisation's figures",
  uploadHint:
    'A CSV file with the columns adminUnitCode (5-digit commune code), homesPassed, homes1Gbps (homes where 1 Gbps is available), subscriptions (may be empty), asOf (date of the figures, YYYY-MM-DD). All rows are stored, or none when a row is wrong.',
  file: 'Choose a CSV file',
  send: 'Send',
  sending: 'Sending…',
  sent: '{created} new rows stored, {replaced} updated.',
  rejected: 'Nothing stored: {n} problems.',
  row: 'Row',
  field: 'Column',
  problem: 'Problem',
  ownRows: 'Figures sent',
  allRows: "Operators' figures",
  noRows: 'No figures yet.',
  operator: 'Operator',
  commune: 'Commune',
  asOf: 'As of',
  homesPassed: 'Homes passed',
  homes1Gbps: 'Homes with 1 Gbps',
  passedShort: 'Passed',
  gbpsShort: '1 Gbps',
  operatorsIn: '{n} operators',
  subscriptions: 'Subscriptions',
  summaryTitle: 'By commune: reported and estimated',
  summaryHint:
    "Reported: the largest operator's figure in each commune (conservative: a home two operators pass counts once); the true figure lies between it and the operators' sum (at most the households).",
  proxyHint:
    'Estimate (proxy): households in population grid cells within {reach} m of an existing fibre route, at {size} people per household. Both are assumptions, configurable; not reported figures.',
  householdSize: 'People per household (assumption)',
  reachM: 'Reach, m (assumption)',
  households: 'Households',
  reported: 'Reported',
  upper: 'at most',
  operators: 'Operators',
  proxy: 'Estimate (proxy)',
  loading: 'Loading…',
  computing: 'Computing the estimate…',
  failed: 'Could not load: {message}',
  cityRow: 'Whole city',
  filter: 'Filter communes',
  shown: 'Showing {shown} of {total} communes',
  issue_unknownCommune: 'no commune has the code {code}',
  issue_gbpsOverPassed: 'homes with 1 Gbps exceed homes passed',
  issue_subsOverPassed: 'subscriptions exceed homes passed',
  issue_future: 'the date is in the future',
  issue_tooEarly: 'the date is before 2020',
  issue_duplicate: 'the same commune and date as row {row}',
  issue_wholeNumber: 'must be a whole number, not negative',
  issue_code: 'must be a 5-digit commune code',
  issue_date: 'must be a date YYYY-MM-DD',
  issue_missingColumn: 'the column {column} is missing',
  issue_unknownColumn: 'unknown column {column}',
  issue_other: 'not a valid value',
};

/** Every text of this feature, by language (scanned by lib/dictionaries.test.ts). */
export const DICTIONARIES: Record<Lang, Record<Key, string>> = { vi, en };

export function translateFtth(lang: Lang, key: Key, params?: Record<string, string | number>): string {
  const text = DICTIONARIES[lang][key];
  return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => String(params[name] ?? m)) : text;
}

/** An API row problem (ftth-service.ts, ftth-csv.ts, the row schema) in the UI language. */
/** Patterns of the API's row problems and the UI text each becomes (the first group is `{value}`). */
const ISSUES: [RegExp, Key, string][] = [
  [/^no commune has the code (\S+)/, 'issue_unknownCommune', 'code'],
  [/^homes with 1 Gbps exceed/, 'issue_gbpsOverPassed', ''],
  [/^subscriptions exceed/, 'issue_subsOverPassed', ''],
  [/^is in the future/, 'issue_future', ''],
  [/^is before/, 'issue_tooEarly', ''],
  [/^the same commune and date as row (\d+)/, 'issue_duplicate', 'row'],
  [/^the column (\S+) is missing/, 'issue_missingColumn', 'column'],
  [/^unknown column (.+)$/, 'issue_unknownColumn', 'column'],
  [/5-digit/, 'issue_code', ''],
  [/YYYY-MM-DD/, 'issue_date', ''],
  [/whole number|expected number|Too (big|small)|>=|<=/, 'issue_wholeNumber', ''],
];

/** An API row problem (ftth-service.ts, ftth-csv.ts, the row schema) in the UI language. */
export function issueText(lang: Lang, message: string): string {
  for (const [pattern, key, param] of ISSUES) {
    const m = message.match(pattern);
    if (m) return translateFtth(lang, key, param ? { [param]: m[1] ?? '' } : undefined);
  }
  return lang === 'en' ? message : translateFtth(lang, 'issue_other');
}

export function useFtthText() {
  const { lang } = useI18n();
  return useMemo(
    () => ({
      lang,
      t: (key: Key, params?: Record<string, string | number>) => translateFtth(lang, key, params),
      issue: (message: string) => issueText(lang, message),
    }),
    [lang],
  );
}
