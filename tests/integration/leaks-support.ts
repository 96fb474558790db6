/**
 * Helpers for the cross-operator leak tests (issue 15, item 4): two rival operators and city
 * staff in fresh organisations, a private patch of the map for each test file, and an assertion
 * that an answer's text carries none of the rival's identifying strings.
 */
import type { Role } from '@hatang/contracts';
import { expect } from 'vitest';
import { type App, createApp } from '../../apps/api/src/app.js';
import { createOrganisation } from '../support/fixtures.js';
import { type Session, sessionFor, TEST_SCRYPT_N } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';

export interface Rivals {
  app: App;
  /** Operator A's editor: the one asking. */
  a: Session;
  aViewer: Session;
  /** Operator B's editor: the rival whose data must not reach A. */
  b: Session;
  aOrg: string;
  bOrg: string;
  staff: Record<'admin' | 'planner' | 'reviewer', Session>;
}

/** The app, two rival operator organisations (editors, and a viewer for A) and city staff. */
export async function rivals(): Promise<Rivals> {
  const db = await testDatabase();
  const app = createApp({ db, auth: { scryptN: TEST_SCRYPT_N } });
  const aOrg = await createOrganisation(db, 'operator');
  const bOrg = await createOrganisation(db, 'operator');
  const city = await createOrganisation(db, 'city_department');
  const construction = await createOrganisation(db, 'construction_department');
  const as = (org: string, roles: Role[]) => sessionFor(app, db, org, roles);
  return {
    app,
    a: await as(aOrg, ['operator_editor']),
    aViewer: await as(aOrg, ['operator_viewer']),
    b: await as(bOrg, ['operator_editor']),
    aOrg,
    bOrg,
    staff: {
      admin: await as(city, ['admin']),
      planner: await as(city, ['planner']),
      reviewer: await as(construction, ['reviewer']),
    },
  };
}

const round = (n: number) => Number(n.toFixed(6));

/**
 * A random patch of open sea in the Gulf of Guinea (lng 2–4, lat −4…−2), far from the demo data
 * and from the other tests' fixed places, so runs in one shared database never meet.
 */
export function privatePatch(): (dx: number, dy?: number) => [number, number] {
  const x = 2 + Math.random() * 2;
  const y = -4 + Math.random() * 2;
  return (dx, dy = 0) => [round(x + dx), round(y + dy)];
}

/**
 * A position `[lng, lat]` as it appears in JSON (the API writes 7 decimals; fixtures use 6). The
 * pair, not each number alone: a single latitude's digits also turn up among the vertices of the
 * applicant's own circles and buffers nearby.
 */
export const positionText = ([lng, lat]: readonly [number, number]) => `${round(lng)},${round(lat)}`;

/** Fails naming the first needle found in the answer's text (JSON, CSV, …). */
export function expectNone(answer: unknown, needles: readonly string[], where = 'the answer'): void {
  const text = typeof answer === 'string' ? answer : JSON.stringify(answer);
  for (const needle of needles) {
    if (!needle) continue;
    expect(text.includes(needle), `${where} carries "${needle}"`).toBe(false);
  }
}

/** Passes when every needle is in the answer's text (staff still see it). */
export function expectAll(answer: unknown, needles: readonly string[], where = 'the answer'): void {
  const text = typeof answer === 'string' ? answer : JSON.stringify(answer);
  for (const needle of needles) expect(text.includes(needle), `${where} lacks "${needle}"`).toBe(true);
}
