import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface ServerChild {
  baseUrl: string;
  pid: number;
  /** Everything the server printed so far. */
  output: () => string;
  /** Sends `signal` to the server's process group and waits until all of it has exited. */
  kill: (signal: NodeJS.Signals) => Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts the real server (`apps/api/src/server.ts`) on the embedded database in `dataDir` on a
 * free loopback port, with `env` on top of ours (DATABASE_URL removed), and waits until
 * `/api/health` answers. The data directory is the caller's: it survives the server.
 */
export async function startServerChild(
  dataDir: string,
  env: Record<string, string> = {},
  timeoutMs = 300_000,
): Promise<ServerChild> {
  const port = await freePort();
  const base = { ...process.env };
  delete base.DATABASE_URL;
  let log = '';
  // node + tsx's CLI (not npx), in its own process group so kill() reaches all of it.
  const child: ChildProcess = spawn(
    process.execPath,
    [join(root, 'node_modules/tsx/dist/cli.mjs'), 'apps/api/src/server.ts'],
    {
      cwd: root,
      env: { ...base, PORT: String(port), HOST: '127.0.0.1', HATANG_DATA_DIR: dataDir, ...env },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const append = (chunk: Buffer) => {
    log += chunk.toString();
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  let exited = false;
  const gone = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const pid = child.pid ?? 0;
  const kill = async (signal: NodeJS.Signals) => {
    if (!exited) {
      try {
        process.kill(-pid, signal);
      } catch {
        // Already gone.
      }
    }
    await gone;
    // tsx's CLI runs the server as its own child: wait until the whole group is gone (a killed
    // server still holds its data directory's lock until then).
    for (let i = 0; i < 200; i++) {
      try {
        process.kill(-pid, 0);
      } catch {
        return;
      }
      await sleep(50);
    }
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`the server exited before it was healthy:\n${log}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok && log.includes('Hatang is ready'))
        return { baseUrl, pid, output: () => log, kill };
    } catch {
      // Not listening yet.
    }
    await sleep(300);
  }
  await kill('SIGKILL');
  throw new Error(`the server was not healthy after ${timeoutMs / 1000} s:\n${log}`);
}

/**
 * Runs `apps/api/src/cli/<name>` as npm would, with `env` on top of ours (DATABASE_URL removed).
 * Asynchronously: a test blocked in spawnSync for longer than the server's keep-alive timeout
 * (5 s, easily reached on a loaded machine) has not seen the server close its idle connection,
 * and its next POST on that connection fails with "other side closed".
 */
export function runScript(
  name: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ status: number | null; output: string }> {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  const child = spawn(
    process.execPath,
    [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'apps/api/src/cli', name), ...args],
    { cwd: root, env: { ...base, ...env }, timeout: 300_000 },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, output: `${stdout}${stderr}` }));
  });
}

/** Signs in over HTTP; returns the headers for later requests (cookie and CSRF token). */
export async function signInOver(baseUrl: string, email: string, password: string) {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const body = (await response.json()) as { csrfToken?: string };
  return { status: response.status, headers: { cookie, 'x-csrf-token': body.csrfToken ?? '' } };
}
