// Synthetic project rows for import tests, as CSV or NDJSON text.
export const provenanceCells = ['synthetic', 'CC0-1.0 (synthetic test data)', '2026-01-01T00:00:00Z', 'true'];

export const projectCsvHeader = [
  'id', 'title.en', 'title.zh', 'description.en', 'description.zh', 'status', 'sectorCode',
  'participatingCountries[0].countryCode', 'participatingCountries[0].percentage',
  'participatingCountries[1].countryCode', 'participatingCountries[1].percentage',
  'fundingSource', 'plannedStart', 'flows[0].type', 'flows[0].valueDate', 'flows[0].currency', 'flows[0].amount', 'flows[0].usdAmount',
  'actionNumbers', 'provenance.source', 'provenance.licence', 'provenance.recordedAt', 'provenance.synthetic',
].join(',');

const countries = ['TH', 'LA', 'KH', 'MM', 'VN', 'CN'];

/** Cells of a valid synthetic project row number i (deterministic). */
export function projectCells(i: number): string[] {
  const a = countries[i % 6];
  const b = countries[(i + 1) % 6];
  const usd = 1000 * (i + 1);
  return [
    `imp-proj-${String(i).padStart(5, '0')}`, `"Synthetic imported project ${i}, test"`, `合成数据 项目 ${i}`, 'Synthetic row written by an import test.', '合成数据',
    ['PIPELINE', 'IMPLEMENTATION', 'COMPLETED'][i % 3], `4.2.${(i % 10) + 1}`, a, '70', b, '30',
    'LMC_SPECIAL_FUND', `20${18 + (i % 5)}-03-01T00:00:00Z`, 'COMMITMENT', '2019-05-01T00:00:00Z', 'USD', String(usd), String(usd),
    `"[${21 + (i % 48)}]"`, ...provenanceCells,
  ];
}

export const projectCsv = (rows: string[][]) => [projectCsvHeader, ...rows.map((r) => r.join(','))].join('\n') + '\n';
