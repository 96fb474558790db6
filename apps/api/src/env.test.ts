import { describe, expect, it } from 'vitest';
import { describeListen, listenHost, readEnv } from './env.js';

describe('where the server listens', () => {
  it('binds a demo to this machine only unless HOST is set, and says so', () => {
    const demo = readEnv({});
    expect(listenHost(demo)).toEqual({ host: '127.0.0.1', isLoopbackOnly: true });
    expect(describeListen(demo, 8080)).toMatch(
      /127\.0\.0\.1:8080, this machine only \(demo mode.*HOST=0\.0\.0\.0/,
    );
    const shared = readEnv({ HOST: '0.0.0.0' });
    expect(listenHost(shared).host).toBe('0.0.0.0');
    expect(describeListen(shared, 8080)).toMatch(/other machines can reach/);
  });

  it('listens on every interface for a real install without HOST', () => {
    expect(listenHost(readEnv({ HATANG_DEMO: '0' })).host).toBe('0.0.0.0');
  });
});

describe('the co-location response period', () => {
  it('is 15 working days unless HATANG_COLOCATION_RESPONSE_DAYS says otherwise', () => {
    expect(readEnv({}).HATANG_COLOCATION_RESPONSE_DAYS).toBe(15);
    expect(readEnv({ HATANG_COLOCATION_RESPONSE_DAYS: '5' }).HATANG_COLOCATION_RESPONSE_DAYS).toBe(5);
  });

  it('refuses a period that is not a positive whole number of days', () => {
    for (const bad of ['0', '-3', '2.5', 'two'])
      expect(() => readEnv({ HATANG_COLOCATION_RESPONSE_DAYS: bad })).toThrow(
        /HATANG_COLOCATION_RESPONSE_DAYS/,
      );
  });
});
