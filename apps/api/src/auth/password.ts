// Password hashing moved to @hatang/accounts (the demo seed hashes with it too). This re-export
// stays only for routes/auth.ts and routes/users.ts until they import @hatang/accounts themselves.
export { DEFAULT_SCRYPT_N, dummyHash, hashPassword, verifyPassword } from '@hatang/accounts';
