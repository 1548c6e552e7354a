// Calls through the real gateway as a test principal, and small helpers the
// write suites share (inputs, error checks).
import { expect } from 'vitest';
import type { Principal } from '../../platform-kit/access/principal.js';
import { graphql, type GraphQLResponse } from '../support/graphql-client.js';
import { authHeaders } from '../support/identities.js';

export type Call = <T = any>(principal: Principal, query: string, variables?: Record<string, unknown>) => Promise<GraphQLResponse<T>>;

export const callerOf = (gatewayUrl: () => string): Call => async (principal, query, variables) =>
  graphql(gatewayUrl(), query, variables, await authHeaders(principal));

/** The data of a call that must succeed. */
export function ok<T = any>(res: GraphQLResponse<T>): T {
  if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
  return res.data as T;
}

/** The one error of a call that must fail, with its code (and field, when given); no data for the failed field. */
export function failed(res: GraphQLResponse, code: string, field?: string) {
  expect(res.errors, JSON.stringify(res)).toBeDefined();
  const [err] = res.errors!;
  expect(err.extensions?.code, JSON.stringify(res.errors)).toBe(code);
  if (field !== undefined) expect(err.extensions?.field, JSON.stringify(res.errors)).toBe(field);
  const data = res.data as Record<string, unknown> | null | undefined;
  if (data) for (const v of Object.values(data)) expect(v).toBeNull();
  return err;
}

export const testProvenance = {
  source: 'synthetic',
  licence: 'CC0-1.0 (synthetic test data, not real facts)',
  recordedAt: '2026-01-01T00:00:00.000Z',
  synthetic: true,
};

export const organisationInput = (countryCode: string | null, name = 'Synthetic test organisation') => ({
  name: { en: name, zh: '合成数据 测试机构' },
  type: 'MINISTRY',
  countryCode,
  provenance: testProvenance,
});

export const documentInput = (title = 'Synthetic test document') => ({
  title: { en: title, zh: '合成数据 测试文件' },
  date: '2020-05-01T00:00:00.000Z',
  language: 'en',
  url: 'https://example.org/synthetic.pdf',
  provenance: testProvenance,
});

export const progressDraftInput = (actionNumber: number, countryCode: string, year: number, status = 'LIMITED') => ({
  actionNumber,
  countryCode,
  year,
  status,
  narrative: { en: `Synthetic assessment of action ${actionNumber}`, zh: '合成数据 评估' },
  provenance: testProvenance,
});

export const projectInput = (overrides: Record<string, unknown> = {}) => ({
  title: { en: 'Synthetic test project', zh: '合成数据 测试项目' },
  description: { en: 'Synthetic project written by a test.', zh: '合成数据 测试' },
  status: 'IMPLEMENTATION',
  sectorCode: '4.2.5',
  participatingCountries: [
    { countryCode: 'TH', percentage: 60 },
    { countryCode: 'LA', percentage: 40 },
  ],
  implementingOrganisationIds: [],
  plannedStart: '2019-03-01T00:00:00.000Z',
  plannedEnd: '2022-03-01T00:00:00.000Z',
  actualStart: '2019-06-01T00:00:00.000Z',
  fundingSource: 'LMC_SPECIAL_FUND',
  flows: [
    { type: 'COMMITMENT', valueDate: '2019-05-01T00:00:00.000Z', currency: 'USD', amount: 2.5e9, usdAmount: 2.5e9 },
    { type: 'DISBURSEMENT', valueDate: '2020-02-01T00:00:00.000Z', currency: 'THB', amount: 3.3e9, usdAmount: 1e8 },
  ],
  actionNumbers: [47],
  locations: [{ name: 'Synthetic site', lat: 17.97, lon: 102.6 }],
  provenance: testProvenance,
  ...overrides,
});

export const PROJECT_FIELDS = `id title { en zh } description { en } status sectorCode startYear revision archived
  participatingCountries { countryCode percentage } flows { type valueDate currency amount usdAmount }
  totals { committedUsd disbursedUsd expendedUsd } actions { number } provenance { source synthetic }`;
