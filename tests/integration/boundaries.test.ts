/**
 * The import boundaries of .dependency-cruiser.cjs (which `npm run lint` checks): the real tree
 * has no violation, and a small monorepo that breaks each rule is reported under that rule's name.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
/** The folders `npm run lint` cruises. */
const CRUISED = ['apps/web/src', 'apps/api/src', 'packages', 'seeds/src', 'scripts'];

async function cruiseTree(baseDir: string, folders: string[]): Promise<ICruiseResult> {
  const options = await extractDepcruiseOptions(join(root, '.dependency-cruiser.cjs'));
  const tsConfig = extractTSConfig(join(root, 'tsconfig.json'));
  const result = await cruise(folders, { ...options, baseDir, validate: true }, {}, { tsConfig });
  if (typeof result.output === 'string') throw new Error('expected a cruise result, not a report');
  return result.output;
}

/** `rule: from → to` for each violation, sorted. */
function violationsOf(result: ICruiseResult): string[] {
  return result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
}

describe('workspace boundaries', () => {
  it('finds no violation in the repository', async () => {
    const result = await cruiseTree(root, CRUISED);
    expect(violationsOf(result)).toEqual([]);
    // The cruise saw the workspaces and resolved their imports of each other.
    const api = result.modules.find((m) => m.source === 'apps/api/src/server.ts');
    expect(api?.dependencies.map((d) => d.resolved)).toContain('seeds/src/index.ts');
  }, 120_000);

  describe('on a monorepo that breaks each rule', () => {
    const fixture = mkdtempSync(join(tmpdir(), 'hatang-boundaries-'));
    afterAll(() => rmSync(fixture, { recursive: true, force: true }));
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(fixture, path)), { recursive: true });
      writeFileSync(join(fixture, path), text);
    };
    const workspace = (name: string, folder: string) => {
      write(`${folder}/package.json`, JSON.stringify({ name, type: 'module', exports: './src/index.ts' }));
      mkdirSync(join(fixture, 'node_modules/@hatang'), { recursive: true });
      symlinkSync(join(fixture, folder), join(fixture, 'node_modules', name));
    };

    it('reports each forbidden import with the name of its rule', async () => {
      workspace('@hatang/db', 'packages/db');
      workspace('@hatang/geo', 'packages/geo');
      // The seed reaching into the API by a relative path (the cycle this issue removed).
      write('apps/api/src/auth/password.ts', 'export const hashPassword = (p: string) => p;\n');
      write(
        'seeds/src/accounts.ts',
        "import { hashPassword } from '../../apps/api/src/auth/password.js';\nexport const h = hashPassword;\n",
      );
      // geo imports nothing of ours, db not geo; the two importing each other is also a cycle
      // (reported once, at the edge where the cruise first closes it).
      write('packages/geo/src/index.ts', "import { db } from '@hatang/db';\nexport const geo = db;\n");
      write(
        'packages/db/src/index.ts',
        "import { geo } from '@hatang/geo';\nexport const db = 1;\nexport const g = () => geo;\n",
      );
      // Package code using a test helper; a test beside it may (fixtures).
      write('tests/support/helper.ts', 'export const helper = 1;\n');
      write(
        'packages/contracts/src/index.ts',
        "import { helper } from '../../../tests/support/helper.js';\nexport const c = helper;\n",
      );
      write(
        'packages/contracts/src/index.test.ts',
        "import { helper } from '../../../tests/support/helper.js';\nimport { db } from '@hatang/db';\nexport const t = [helper, db];\n",
      );

      // The web takes contracts, and from geo only its browser-safe projection module.
      workspace('@hatang/analysis', 'packages/analysis');
      write('packages/analysis/src/index.ts', 'export const analysis = 1;\n');
      write(
        'packages/geo/package.json',
        JSON.stringify({
          name: '@hatang/geo',
          type: 'module',
          exports: { '.': './src/index.ts', './crs': './src/crs.ts' },
        }),
      );
      write('packages/geo/src/crs.ts', 'export const toVn2000 = 1;\n');
      write(
        'apps/web/src/map.ts',
        "import { analysis } from '@hatang/analysis';\nimport { geo } from '@hatang/geo';\nimport { toVn2000 } from '@hatang/geo/crs';\nexport const m = [analysis, geo, toVn2000];\n",
      );

      const result = await cruiseTree(fixture, ['apps', 'packages', 'seeds']);
      expect(violationsOf(result)).toEqual([
        'no-circular-between-workspaces: packages/db/src/index.ts → packages/geo/src/index.ts',
        'no-import-of-tests: packages/contracts/src/index.ts → tests/support/helper.ts',
        'no-relative-import-across-workspaces: packages/contracts/src/index.ts → tests/support/helper.ts',
        'no-relative-import-across-workspaces: seeds/src/accounts.ts → apps/api/src/auth/password.ts',
        'workspace-direction:apps/web: apps/web/src/map.ts → packages/analysis/src/index.ts',
        'workspace-direction:apps/web: apps/web/src/map.ts → packages/geo/src/index.ts',
        'workspace-direction:packages/db: packages/db/src/index.ts → packages/geo/src/index.ts',
        'workspace-direction:packages/geo: packages/geo/src/index.ts → packages/db/src/index.ts',
        'workspace-direction:seeds: seeds/src/accounts.ts → apps/api/src/auth/password.ts',
      ]);
    }, 120_000);
  });
});
