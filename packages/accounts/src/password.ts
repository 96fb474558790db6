/**
 * Password hashing with scrypt (memory-hard, in node:crypto). A hash is stored as the
 * self-describing string `scrypt$N$r$p$salt$hash` (salt and hash base64url), so the cost can be
 * raised later without invalidating existing hashes. Neither passwords nor hashes are ever logged.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** 2^15 with r = 8 uses 32 MiB per hash and takes ~50–100 ms: the OWASP-recommended minimum. */
export const DEFAULT_SCRYPT_N = 2 ** 15;
const R = 8;
const P = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 32;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; Node's default maxmem (32 MiB) is exactly the limit at N = 2^15.
  const maxmem = 256 * n * r;
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, { N: n, r, p, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** Hashes a password with a fresh random salt; `n` (a power of two) is lowered only in tests. */
export async function hashPassword(password: string, n = DEFAULT_SCRYPT_N): Promise<string> {
  if (!Number.isInteger(Math.log2(n)) || n < 2) throw new Error('scrypt N must be a power of two');
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, n, R, P);
  return `scrypt$${n}$${R}$${P}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

const ENCODED = /^scrypt\$(\d{1,8})\$(\d{1,3})\$(\d{1,3})\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/;

/** True when `password` matches the stored hash; false for a wrong password or an unreadable hash. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const match = ENCODED.exec(encoded);
  if (!match) return false;
  const [n, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Bounds keep a corrupted row from asking for gigabytes of memory.
  if (n < 2 || n > 2 ** 20 || r < 1 || r > 32 || p < 1 || p > 16) return false;
  const salt = Buffer.from(match[4] ?? '', 'base64url');
  const expected = Buffer.from(match[5] ?? '', 'base64url');
  if (expected.length !== KEY_BYTES) return false;
  const actual = await derive(password, salt, n, r, p);
  return timingSafeEqual(actual, expected);
}

const dummyHashes = new Map<number, Promise<string>>();

/**
 * A hash of a random password at cost `n`, made once: verifying against it for an unknown
 * e-mail spends the same time as for a real account, so timing does not reveal who has one.
 */
export function dummyHash(n = DEFAULT_SCRYPT_N): Promise<string> {
  let hash = dummyHashes.get(n);
  if (!hash) {
    hash = hashPassword(randomBytes(18).toString('base64url'), n);
    dummyHashes.set(n, hash);
  }
  return hash;
}
