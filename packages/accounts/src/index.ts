export { insertUser, type NewUser } from './insert-user.js';
export { DEFAULT_SCRYPT_N, dummyHash, hashPassword, verifyPassword } from './password.js';
