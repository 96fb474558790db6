/**
 * Issue 15, item 4: the permit duplicate check tells an applicant only that another
 * organisation's application exists nearby — never its title, owner, id, place or distance, and
 * nothing at all of another organisation's draft — on every answer path that carries the checks
 * (the application, the queue, the transitions, conflicts, the stored row the decision document
 * is drawn from). City staff (reviewers, planners, admins) still see which application it is.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/http.js';
import { testDatabase } from '../support/test-database.js';
import { expectAll, expectNone, positionText, privatePatch, type Rivals, rivals } from './leaks-support.js';
import { filed, send, towerApplication } from './permits-support.js';

type Check = { check: string; result: string; reason: { vi: string; en: string }; geometry?: unknown };
type Application = { id: string; version: number; checks: Check[] | null };
const duplicateOf = (a: Application) => a.checks?.find((c) => c.check === 'duplicate');

let r: Rivals;
const at = privatePatch();
const tag = crypto.randomUUID().slice(0, 8);

beforeAll(async () => {
  r = await rivals();
});

describe('permit duplicate check across operators', () => {
  it('tells the applicant only that a rival application is near; reviewers see which', async () => {
    const rivalAt = at(0);
    const rivalTitle = `Rival filed ${tag}`;
    const rival = await filed(r.app, r.b.headers, towerApplication(rivalAt, {}, { title: rivalTitle }));
    const mineAt = at(0.0001, 0.00005); // ≈ 12 m away: within the default 20 m
    const draft = await send(r.app, r.a.headers, '/api/v1/permit-applications', {
      method: 'POST',
      json: towerApplication(mineAt, {}, { title: `Mine ${tag}` }),
    });
    const submitted = await call<Application>(
      r.app,
      'POST',
      `/api/v1/permit-applications/${draft.id}/submit`,
      {
        as: r.a,
        headers: { 'if-match': String(draft.version) },
      },
    );
    expect(submitted.status).toBe(200);
    const needles = [rivalTitle, rival.id, r.bOrg, positionText(rivalAt)];

    // Every answer the applicant organisation gets.
    expect(duplicateOf(submitted.body)?.result).toBe('warn');
    expect(duplicateOf(submitted.body)?.reason.en).toContain(
      "another organisation's application within 20 m",
    );
    expect(duplicateOf(submitted.body)?.geometry).toBeUndefined();
    expectNone(submitted.body, needles, 'the submit answer');
    for (const who of [r.a, r.aViewer]) {
      const read = await call<Application>(r.app, 'GET', `/api/v1/permit-applications/${draft.id}`, {
        as: who,
      });
      expect(read.status).toBe(200);
      expectNone(read.body, needles, 'GET of the application');
      const list = await call(r.app, 'GET', '/api/v1/permit-applications?limit=500', { as: who });
      expectNone(list.body, needles, 'the list');
    }
    const rerun = await call<Application>(r.app, 'POST', `/api/v1/permit-applications/${draft.id}/checks`, {
      as: r.a,
    });
    expect(rerun.status).toBe(200);
    expectNone(rerun.body, needles, 'the re-run checks');
    // A stale If-Match answers the current record: still the applicant's view.
    const stale = await call(r.app, 'POST', `/api/v1/permit-applications/${draft.id}/withdraw`, {
      as: r.a,
      headers: { 'if-match': '1' },
    });
    expect(stale.status).toBe(409);
    expectNone(stale.body, needles, 'the 409 conflict');
    // The rival's application itself stays out of reach.
    expect((await call(r.app, 'GET', `/api/v1/permit-applications/${rival.id}`, { as: r.a })).status).toBe(
      404,
    );

    // What is stored for every other reader (audit, decision document) is the applicant's view.
    const db = await testDatabase();
    const rows = await db.query<{ checks: unknown; staff: unknown }>(
      `SELECT checks, staff_checks AS staff FROM permit_applications WHERE id = $1`,
      [draft.id],
    );
    expectNone(rows[0]?.checks, needles, 'the stored checks');
    const audit = await db.query<{ after: unknown }>(
      `SELECT after FROM audit_log WHERE resource = 'permit-applications' AND record_id = $1`,
      [draft.id],
    );
    expectNone(audit, needles, 'the audit rows');

    // City staff see which application it is, with its distance and place.
    for (const who of [r.staff.reviewer, r.staff.planner, r.staff.admin]) {
      const read = await call<Application>(r.app, 'GET', `/api/v1/permit-applications/${draft.id}`, {
        as: who,
      });
      expectAll(duplicateOf(read.body), [rivalTitle], 'the staff view');
      expect(duplicateOf(read.body)?.geometry).toEqual({ type: 'Point', coordinates: rivalAt });
      const queue = await call(r.app, 'GET', '/api/v1/permit-applications?status=submitted&limit=500', {
        as: who,
      });
      expectAll(queue.body, [rivalTitle], 'the staff queue');
    }
  });

  it('the decision document is drawn from the applicant view', async () => {
    const rivalAt = at(0.01);
    const rivalTitle = `Rival decided ${tag}`;
    await filed(r.app, r.b.headers, towerApplication(rivalAt, {}, { title: rivalTitle }));
    const mine = await filed(
      r.app,
      r.a.headers,
      towerApplication(at(0.0101), {}, { title: `Mine decided ${tag}` }),
    );
    const decided = await call<Application>(
      r.app,
      'POST',
      `/api/v1/permit-applications/${mine.id}/decision`,
      {
        as: r.staff.reviewer,
        json: { outcome: 'approved' },
        headers: { 'if-match': String(mine.version) },
      },
    );
    expect(decided.status).toBe(200);
    expectAll(decided.body, [rivalTitle], "the reviewer's answer");
    const pdf = await r.app.request(`/api/v1/permit-applications/${mine.id}/decision.pdf`, {
      headers: r.a.headers,
    });
    expect(pdf.status).toBe(200);
    // Which reviewer decided is for staff: the applicant sees the decision, not who made it.
    const asApplicant = await call<{ decidedBy: unknown; decidedAt: unknown }>(
      r.app,
      'GET',
      `/api/v1/permit-applications/${mine.id}`,
      { as: r.a },
    );
    expect(asApplicant.body.decidedAt).toEqual(expect.any(String));
    expect(asApplicant.body.decidedBy).toBeNull();
    expectNone(asApplicant.body, [r.staff.reviewer.user.id], "the applicant's view of the decision");
    const asStaff = await call<{ decidedBy: unknown }>(
      r.app,
      'GET',
      `/api/v1/permit-applications/${mine.id}`,
      { as: r.staff.planner },
    );
    expect(asStaff.body.decidedBy).toBe(r.staff.reviewer.user.id);
    const db = await testDatabase();
    const rows = await db.query<{ checks: unknown }>('SELECT checks FROM permit_applications WHERE id = $1', [
      mine.id,
    ]);
    expectNone(rows[0]?.checks, [rivalTitle, positionText(rivalAt)], 'the checks the PDF is drawn from');
  });

  it("does not count another organisation's draft at all, for anyone", async () => {
    const draftAt = at(0.02);
    const draftTitle = `Rival draft ${tag}`;
    const rivalDraft = await send(r.app, r.b.headers, '/api/v1/permit-applications', {
      method: 'POST',
      json: towerApplication(draftAt, {}, { title: draftTitle }),
    });
    const mine = await filed(
      r.app,
      r.a.headers,
      towerApplication(at(0.0201), {}, { title: `Mine near draft ${tag}` }),
    );
    for (const who of [r.a, r.staff.reviewer]) {
      const read = await call<Application>(r.app, 'GET', `/api/v1/permit-applications/${mine.id}`, {
        as: who,
      });
      expect(duplicateOf(read.body)?.result).toBe('pass');
      expectNone(read.body, [draftTitle, rivalDraft.id, positionText(draftAt)], 'the checks');
    }
    // The applicant's own draft nearby still counts, named (it is its own).
    const ownDraftTitle = `Own draft ${tag}`;
    await send(r.app, r.a.headers, '/api/v1/permit-applications', {
      method: 'POST',
      json: towerApplication(at(0.02005), {}, { title: ownDraftTitle }),
    });
    const rerun = await call<Application>(r.app, 'POST', `/api/v1/permit-applications/${mine.id}/checks`, {
      as: r.a,
    });
    expect(duplicateOf(rerun.body)?.result).toBe('warn');
    expectAll(duplicateOf(rerun.body), [ownDraftTitle], 'the own-draft warning');
  });

  it("hides who changed the checks' configuration from applicants; staff see it", async () => {
    const current = await call<{ version: number; params: unknown }>(
      r.app,
      'GET',
      '/api/v1/permit-check-config',
      {
        as: r.staff.admin,
      },
    );
    // The current parameters again (no other test sees a difference): a new version by the admin.
    const put = await call(r.app, 'PUT', '/api/v1/permit-check-config', {
      as: r.staff.admin,
      json: { params: current.body.params, note: 'leak test' },
      headers: { 'if-match': String(current.body.version) },
    });
    expect(put.status).toBe(200);
    const path = '/api/v1/permit-check-config/history';
    expectNone((await call(r.app, 'GET', path, { as: r.a })).body, [r.staff.admin.user.id], 'config history');
    expectNone((await call(r.app, 'GET', '/api/v1/permit-check-config', { as: r.a })).body, [
      r.staff.admin.user.id,
    ]);
    expectAll((await call(r.app, 'GET', path, { as: r.staff.reviewer })).body, [r.staff.admin.user.id]);
  });
});
