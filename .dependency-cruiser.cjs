/**
 * Import boundaries between the workspaces (issue 16, "Enforced boundaries"), checked by
 * `npm run lint` and proven by tests/integration/boundaries.test.ts.
 *
 * A workspace is a folder: apps/api, apps/web, packages/<name>, seeds. It imports another
 * workspace only by package name (`@hatang/db`), only in the directions below, and never by a
 * relative path that leaves its folder. Tests (`*.test.ts(x)`, and everything in tests/) may
 * import across for fixtures; nothing else imports tests/.
 */

/**
 * Which workspaces each workspace may import (itself always); folder names are used as regexes,
 * and a file's path allows that one module only.
 */
const ALLOWED = {
  // The web speaks to the API through contracts. From geo it takes only three browser-safe modules
  // it must run on the device: VN-2000 projection (coordinate entry and display work offline, on a
  // phone in the field), the coordinates typed in the search box (read as the user types) and the
  // CSV cell writer of client-side exports (the formula guard).
  'apps/web': [
    'packages/contracts',
    'packages/geo/src/crs\\.ts',
    'packages/geo/src/parse-coordinates\\.ts',
    'packages/geo/src/formats/csv-write\\.ts',
  ],
  'apps/api': [
    'packages/contracts',
    'packages/db',
    'packages/geo',
    'packages/analysis',
    'packages/accounts',
    'seeds',
  ],
  'packages/analysis': ['packages/contracts', 'packages/geo'],
  'packages/geo': [],
  'packages/db': ['packages/contracts'],
  'packages/accounts': ['packages/db', 'packages/contracts'],
  'packages/contracts': [],
  seeds: ['packages/db', 'packages/contracts', 'packages/accounts'],
};

/** Every workspace folder, and the files in them that are tests. */
const WORKSPACE = '^(apps/[^/]+|packages/[^/]+|seeds)/';
const TEST_FILE = '\\.test\\.tsx?$';

/** One rule per workspace: it imports no workspace outside its allowed list. */
const directions = Object.entries(ALLOWED).map(([from, allowed]) => ({
  name: `workspace-direction:${from}`,
  comment: `${from} may import only ${allowed.length ? allowed.join(', ') : 'no other workspace'} (.dependency-cruiser.cjs ALLOWED)`,
  severity: 'error',
  from: { path: `^${from}/`, pathNot: TEST_FILE },
  to: {
    path: WORKSPACE,
    pathNot: `^(${[from, ...allowed].join('|')})(/|$)`,
  },
}));

module.exports = {
  forbidden: [
    ...directions,
    {
      name: 'no-relative-import-across-workspaces',
      comment:
        'Another workspace is imported by its package name (@hatang/…), never by a relative path ' +
        'out of this folder (e.g. ../../apps/api/src/… from seeds).',
      severity: 'error',
      from: { path: '^(apps/[^/]+|packages/[^/]+|seeds|scripts)/', pathNot: TEST_FILE },
      // A workspace package resolves as 'local' too; it is 'aliased-workspace' as well.
      to: { dependencyTypes: ['local'], dependencyTypesNot: ['aliased-workspace'], pathNot: '^$1/' },
    },
    {
      name: 'no-import-of-tests',
      comment: "Code in a workspace never imports tests/ (fixtures and helpers are the tests' own).",
      severity: 'error',
      from: { path: '^(apps|packages|seeds|scripts)/', pathNot: TEST_FILE },
      to: { path: '^tests/' },
    },
    {
      name: 'no-circular-between-workspaces',
      comment: 'A cycle of imports that passes through more than one workspace.',
      severity: 'error',
      from: { path: WORKSPACE },
      to: { circular: true, via: { pathNot: '^$1/' } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    // `import type` counts: a type from another workspace is a dependency on it too.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
  },
};
