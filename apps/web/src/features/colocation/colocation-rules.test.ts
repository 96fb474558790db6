import type { ColocationStatus, Role } from '@hatang/contracts';
import { describe, expect, it } from 'vitest';
import { rentQuery } from './colocation-api';
import { allowedActions, tabsFor } from './colocation-model';

const request = (status: ColocationStatus) => ({ status, ownerOrgId: 'B', requesterOrgId: 'A' });
const user = (orgId: string, ...roles: Role[]) => ({ orgId, roles });

describe('the answer buttons a user gets', () => {
  it('gives the owner’s editor the four answers on a submitted request, and only reject while info is asked', () => {
    expect(allowedActions(user('B', 'operator_editor'), request('submitted'))).toEqual([
      'request-info',
      'accept',
      'accept-with-conditions',
      'reject',
    ]);
    expect(allowedActions(user('B', 'operator_editor'), request('info_requested'))).toEqual(['reject']);
  });

  it('gives the requester’s editor withdraw, and respond once information is asked', () => {
    expect(allowedActions(user('A', 'operator_editor'), request('submitted'))).toEqual(['withdraw']);
    expect(allowedActions(user('A', 'operator_editor'), request('info_requested'))).toEqual([
      'withdraw',
      'respond',
    ]);
  });

  it('gives viewers, planners, third parties and closed requests nothing', () => {
    expect(allowedActions(user('B', 'operator_viewer'), request('submitted'))).toEqual([]);
    expect(allowedActions(user('CITY', 'planner'), request('submitted'))).toEqual([]);
    expect(allowedActions(user('C', 'operator_editor'), request('submitted'))).toEqual([]);
    expect(allowedActions(user('B', 'operator_editor'), request('accepted'))).toEqual([]);
    expect(allowedActions(null, request('submitted'))).toEqual([]);
  });

  it('lets an admin take either side’s step', () => {
    expect(allowedActions(user('CITY', 'admin'), request('info_requested'))).toEqual([
      'reject',
      'withdraw',
      'respond',
    ]);
  });
});

describe('the panel’s tabs', () => {
  it('shows operators their boxes, editors the new request form, planners all requests and oversight', () => {
    expect(tabsFor({ roles: ['operator_editor'] })).toEqual(['outgoing', 'inbox', 'new']);
    expect(tabsFor({ roles: ['operator_viewer'] })).toEqual(['outgoing', 'inbox']);
    expect(tabsFor({ roles: ['planner'] })).toEqual(['all', 'oversight']);
    expect(tabsFor({ roles: ['viewer'] })).toEqual([]);
    expect(tabsFor(null)).toEqual([]);
  });
});

describe('rent parameters → query', () => {
  it('sends only what was typed, with decimal commas and spaces read as numbers', () => {
    expect(rentQuery({ investmentVnd: ' 1 200 000 000 ', lifeYears: '', profitMarginPct: '7,5' })).toBe(
      'investmentVnd=1200000000&profitMarginPct=7.5',
    );
    expect(rentQuery({})).toBe('');
  });
});
