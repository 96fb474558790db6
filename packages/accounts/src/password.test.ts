import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT_N, hashPassword, verifyPassword } from './password.js';

describe('passwords', () => {
  it('hashes with scrypt N=2^15 by default, salted, and verifies only the right password', async () => {
    const [a, b] = await Promise.all([hashPassword('a passphrase'), hashPassword('a passphrase')]);
    expect(DEFAULT_SCRYPT_N).toBe(32768);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('a passphrase', a)).toBe(true);
    expect(await verifyPassword('a passphrasE', a)).toBe(false);
    expect(await verifyPassword('a passphrase', 'not-a-hash')).toBe(false);
  });
});
