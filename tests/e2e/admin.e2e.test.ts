import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, DEMO_PASSWORD, startE2e } from './browser';
import type { RunningServer } from './server-process';

const ADMIN_EMAIL = 'admin@hatang.demo';
const NEW_EMAIL = 'kiem.thu@hatang.demo';
const NEW_PASSWORD = 'mot-cum-tu-du-dai-2026';
const KEY_NAME = 'IOC Hải Phòng (e2e)';
const OFFICE_NAME = 'UBND phường Thử nghiệm (e2e)';
const INSPECTOR_EMAIL = 'can.bo.xa@hatang.demo';
/** The commune the e2e office is given (the picker's first), as the picker names it. */
let communeName = '';

let server: RunningServer;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];

/** A sign-in from outside the browser, as another client would try it. */
const loginStatus = async (email: string, password: string): Promise<number> =>
  (
    await fetch(`${server.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    })
  ).status;

const withKey = async (key: string): Promise<number> =>
  (await fetch(`${server.baseUrl}/api/v1/users`, { headers: { authorization: `Bearer ${key}` } })).status;

const userRow = (email: string) => page.locator(`tr[data-testid="user-row"][data-email="${email}"]`);

describe('user administration in Chromium', () => {
  beforeAll(async () => {
    ({ server, browser } = await startE2e());
    page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'vi-VN' });
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => {
      consoleErrors.push(error.message);
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (consoleErrors.length) console.log('browser console errors:', consoleErrors);
  });

  it('signs in as the demo admin through the header and opens the admin page from its link', async () => {
    await page.goto(server.baseUrl);
    await page.getByTestId('sign-in-button').click();
    const signIn = page.getByTestId('sign-in-form');
    await signIn.locator('input[name="email"]').fill(ADMIN_EMAIL);
    await signIn.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await signIn.locator('button[type="submit"]').click();
    await page.getByTestId('admin-link').click();
    await page.getByTestId('admin-page').waitFor({ timeout: 60_000 });
    expect(await page.evaluate(() => window.location.hash)).toBe('#/admin');
    await page.getByTestId('users-table').waitFor();
    await expect.poll(() => userRow(ADMIN_EMAIL).count()).toBe(1);
    expect(await userRow(ADMIN_EMAIL).textContent()).toContain('Quản trị viên');
  });

  it('shows a field error for a short password, then creates the user once it is fixed', async () => {
    await page.getByRole('button', { name: 'Thêm người dùng', exact: true }).click();
    const form = page.locator('form[aria-labelledby="new-user-title"]');
    await form.getByLabel('E-mail').fill(NEW_EMAIL);
    await form.getByLabel('Họ tên').fill('Nguyễn Thị Kiểm Thử');
    const organisation = form.getByLabel('Tổ chức');
    const firstOrg = await organisation.locator('option').nth(1).getAttribute('value');
    await organisation.selectOption(firstOrg ?? '');
    await form.getByLabel('Người xem doanh nghiệp').check();
    await form.getByLabel('Mật khẩu').fill('ngan-qua');
    await form.getByRole('button', { name: 'Tạo' }).click();

    const passwordError = page.getByTestId('error-new-user-password');
    await passwordError.waitFor();
    expect(await passwordError.textContent()).toBe('phải có ít nhất 10 ký tự');
    expect(await form.getByLabel('Mật khẩu').getAttribute('aria-invalid')).toBe('true');
    expect(await loginStatus(NEW_EMAIL, 'ngan-qua')).toBe(401);
    await page.screenshot({ path: join(ARTIFACTS, 'admin-form-error.png'), fullPage: true });

    await form.getByLabel('Mật khẩu').fill(NEW_PASSWORD);
    await form.getByRole('button', { name: 'Tạo' }).click();
    await userRow(NEW_EMAIL).waitFor();
    expect(await page.getByTestId('toast-success').last().textContent()).toContain(NEW_EMAIL);
    expect(await userRow(NEW_EMAIL).textContent()).toContain('Đang hoạt động');
    expect(await loginStatus(NEW_EMAIL, NEW_PASSWORD)).toBe(200);
  });

  it("shows the server's duplicate e-mail refusal on the e-mail field", async () => {
    await page.getByRole('button', { name: 'Thêm người dùng', exact: true }).click();
    const form = page.locator('form[aria-labelledby="new-user-title"]');
    await form.getByLabel('E-mail').fill(NEW_EMAIL.toUpperCase());
    await form.getByLabel('Họ tên').fill('Bản sao');
    const organisation = form.getByLabel('Tổ chức');
    await organisation.selectOption(
      (await organisation.locator('option').nth(1).getAttribute('value')) ?? '',
    );
    await form.getByLabel('Người xem', { exact: true }).check();
    await form.getByLabel('Mật khẩu').fill(NEW_PASSWORD);
    await form.getByRole('button', { name: 'Tạo' }).click();
    const emailError = page.getByTestId('error-new-user-email');
    await emailError.waitFor();
    expect(await emailError.textContent()).toBe('e-mail này đã có người dùng');
    await form.getByRole('button', { name: 'Hủy' }).click();
  });

  it('filters the table by any word of a row', async () => {
    const filter = page.getByLabel('Lọc người dùng');
    await filter.fill('kiểm thử');
    await expect.poll(() => page.getByTestId('user-row').count()).toBe(1);
    await filter.fill('người xem doanh');
    expect(await userRow(NEW_EMAIL).count()).toBe(1);
    await filter.fill('');
    await expect.poll(() => page.getByTestId('user-row').count()).toBeGreaterThan(1);
  });

  it('disables the user after a confirmation, and they can no longer sign in', async () => {
    await userRow(NEW_EMAIL).getByRole('button', { name: 'Vô hiệu hóa' }).click();
    await page.getByTestId('confirm').click();
    await expect.poll(() => userRow(NEW_EMAIL).textContent()).toContain('Đã vô hiệu hóa');
    expect(await loginStatus(NEW_EMAIL, NEW_PASSWORD)).toBe(403);
    await page.screenshot({ path: join(ARTIFACTS, 'admin-users.png'), fullPage: true });
  });

  it('issues an API key, shows its secret once, and the key works', async () => {
    await page.getByRole('tab', { name: 'Khóa API' }).click();
    await page.getByTestId('api-keys-table').waitFor();
    await page.getByRole('button', { name: 'Tạo khóa' }).click();
    const form = page.locator('form[aria-labelledby="new-key-title"]');
    await form.getByLabel('Tên khóa').fill(KEY_NAME);
    await form.getByRole('button', { name: 'Tạo khóa' }).click();

    const box = page.getByTestId('api-key-secret');
    await box.waitFor();
    expect(await box.textContent()).toContain('sẽ không được hiển thị lại');
    const secret = await box.getByLabel('Khóa bí mật').inputValue();
    expect(secret).toMatch(/^hk_/);
    expect(await withKey(secret)).toBe(200);
    await page.screenshot({ path: join(ARTIFACTS, 'admin.png'), fullPage: true });

    await box.getByRole('button', { name: 'Tôi đã lưu khóa' }).click();
    await box.waitFor({ state: 'detached' });
    expect(await page.content()).not.toContain(secret);
    const row = page.locator(`tr[data-testid="api-key-row"][data-name="${KEY_NAME}"]`);
    expect(await row.textContent()).toContain(secret.slice(0, 10));

    // Revoking: confirm, then the same secret is refused.
    await row.getByRole('button', { name: 'Thu hồi' }).click();
    await page.getByTestId('confirm').click();
    await expect.poll(() => row.getByTestId('api-key-status').textContent()).toMatch(/^Thu hồi /);
    expect(await withKey(secret)).toBe(401);
  });

  // Fields are found by their label's start: a select's accessible name goes on with its chosen
  // option ("UBND xã/phường/đặc khu" as a kind would also answer to "Xã/phường/đặc khu").
  it('creates a commune office with its commune, after saying that it needs one', async () => {
    await page.getByRole('tab', { name: 'Tổ chức' }).click();
    await page.getByTestId('organisations-table').waitFor();
    await page.getByRole('button', { name: 'Thêm tổ chức', exact: true }).click();
    const form = page.locator('form[aria-labelledby="new-org-title"]');
    await form.locator('input[name="code"]').fill('ubnd-e2e');
    await form.getByLabel(/^Tên tổ chức/).fill(OFFICE_NAME);
    await form.getByLabel(/^Loại tổ chức/).selectOption('commune');
    await form.getByRole('button', { name: 'Tạo' }).click();
    const communeError = page.getByTestId('error-new-org-adminUnitCode');
    await communeError.waitFor();
    expect(await communeError.textContent()).toBe('UBND xã/phường phải có địa bàn');

    const commune = form.getByLabel(/^Xã\/phường\/đặc khu/);
    const option = commune.locator('option').nth(1);
    communeName = ((await option.textContent()) ?? '').replace(/ \(\d{5}\)$/, '');
    await commune.selectOption((await option.getAttribute('value')) ?? '');
    await form.getByRole('button', { name: 'Tạo' }).click();
    const row = page.locator('tr[data-testid="organisation-row"][data-code="UBND-E2E"]');
    await row.waitFor();
    expect(await row.textContent()).toContain(communeName);
    expect(await row.textContent()).toContain('UBND xã/phường/đặc khu');
    await page.screenshot({ path: join(ARTIFACTS, 'admin-organisations.png'), fullPage: true });
  });

  it('creates an inspector in the new office, whose commune is the office’s', async () => {
    await page.getByRole('tab', { name: 'Người dùng' }).click();
    await page.getByRole('button', { name: 'Thêm người dùng', exact: true }).click();
    const form = page.locator('form[aria-labelledby="new-user-title"]');
    await form.getByLabel('E-mail').fill(INSPECTOR_EMAIL);
    await form.getByLabel('Họ tên').fill('Trần Văn Kiểm Tra');
    const organisation = form.getByLabel(/^Tổ chức/);
    const office = organisation.locator('option', { hasText: OFFICE_NAME });
    await organisation.selectOption((await office.getAttribute('value')) ?? '');
    await form.getByLabel('Cán bộ kiểm tra (xã/phường)').check();
    await form.getByLabel('Mật khẩu').fill(NEW_PASSWORD);
    await form.getByRole('button', { name: 'Tạo' }).click();
    await userRow(INSPECTOR_EMAIL).waitFor();
    expect(await userRow(INSPECTOR_EMAIL).textContent()).toContain(`Địa bàn: ${communeName}`);
    expect(await loginStatus(INSPECTOR_EMAIL, NEW_PASSWORD)).toBe(200);
  });

  it('finds both in the audit log, filtered by who and what, and downloads them as CSV', async () => {
    await page.getByRole('tab', { name: 'Nhật ký' }).click();
    await page.getByTestId('audit-table').waitFor();
    const filters = page.locator('form[aria-label="Lọc nhật ký"]');
    const who = filters.getByLabel(/^Người thực hiện/);
    await who.selectOption(
      (await who.locator('option', { hasText: ADMIN_EMAIL }).getAttribute('value')) ?? '',
    );
    await filters.getByLabel(/^Đối tượng/).selectOption('organisations');
    await filters.getByLabel(/^Hành động/).selectOption('create');
    await filters.getByRole('button', { name: 'Lọc', exact: true }).click();
    const rows = page.getByTestId('audit-row');
    await expect.poll(() => rows.count()).toBe(1);
    const officeRow = await rows.first().textContent();
    expect(officeRow).toContain('Tạo mới');
    expect(officeRow).toContain('Tổ chức');
    expect(officeRow).toContain(ADMIN_EMAIL);
    expect(officeRow).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    await rows.first().getByText('Xem trước/sau').click();
    expect(await rows.first().textContent()).toContain('UBND-E2E');

    await filters.getByLabel(/^Đối tượng/).selectOption('users');
    await filters.getByRole('button', { name: 'Lọc', exact: true }).click();
    await expect.poll(async () => (await rows.allTextContents()).join('\n')).toContain(INSPECTOR_EMAIL);
    await page.screenshot({ path: join(ARTIFACTS, 'admin-audit.png'), fullPage: true });

    const href = await page.getByTestId('audit-csv').getAttribute('href');
    expect(href).toContain('resource=users');
    expect(href).toContain('action=create');
    const csv = await page.evaluate(async (url) => {
      const response = await fetch(url ?? '');
      return { type: response.headers.get('content-type'), text: await response.text() };
    }, href);
    expect(csv.type).toMatch(/^text\/csv/);
    expect(csv.text).toContain(INSPECTOR_EMAIL);
    expect(csv.text).not.toMatch(/scrypt|password_hash|passwordHash/);

    // A phone's width: filters and table stay usable (the table scrolls sideways).
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(ARTIFACTS, 'admin-audit-phone.png'), fullPage: true });
    await page.getByRole('tab', { name: 'Tổ chức' }).click();
    await page.getByTestId('organisations-table').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'admin-organisations-phone.png'), fullPage: true });
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.getByRole('tab', { name: 'Người dùng' }).click();
  });

  it('speaks English after the language switch', async () => {
    await page.evaluate(() => localStorage.setItem('hatang.lang', 'en'));
    await page.reload();
    await page.getByRole('tab', { name: 'Users' }).waitFor();
    await page.getByRole('tab', { name: 'Audit log' }).click();
    await page.getByRole('link', { name: 'Download CSV' }).waitFor();
    await page.getByRole('tab', { name: 'Organisations' }).click();
    await page.getByTestId('organisations-table').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'admin-organisations-en.png'), fullPage: true });
    await page.getByRole('tab', { name: 'API keys' }).click();
    await page.getByRole('button', { name: 'Create key' }).waitFor();
    await page.getByRole('tab', { name: 'Users' }).click();
    await expect.poll(() => userRow(NEW_EMAIL).textContent()).toContain('Disabled');
    expect(await userRow(NEW_EMAIL).textContent()).toContain('Operator viewer');
    await page.screenshot({ path: join(ARTIFACTS, 'admin-en.png') });
  });
});
