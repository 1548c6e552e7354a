// How a think tank cites one record: the same shape for every pillar and kind.
import type { LocalizedText } from '../plan-data/index.js';
import { PLAN_PROVENANCE, type ProvenanceRecord } from './provenance.js';

export const PLATFORM_NAME = 'LMC Data Platform';

export interface CitedRecord {
  title: LocalizedText;
  id: string;
  /** Record kind in words, e.g. 'project'. */
  kind: string;
  /** Pillar in words, e.g. 'Economy and Sustainable Development'. */
  pillar: string;
  provenance: ProvenanceRecord;
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * `Title (标题). LMC Data Platform, Economy and Sustainable Development, project proj-000042.
 * Source: …; licence: …; recorded 2026-01-01. Retrieved 2026-11-29. Synthetic data.`
 */
export function citationOf(record: CitedRecord, retrievedAt: Date = new Date()): string {
  const { title, provenance } = record;
  const heading = title.zh && title.zh !== title.en ? `${title.en} (${title.zh})` : title.en;
  const parts = [
    `${heading}.`,
    `${PLATFORM_NAME}, ${record.pillar}, ${record.kind} ${record.id}.`,
    `Source: ${provenance.source}; licence: ${provenance.licence}; recorded ${isoDay(new Date(provenance.recordedAt))}.`,
    `Retrieved ${isoDay(retrievedAt)}.`,
  ];
  if (provenance.synthetic) parts.push('Synthetic data (not real facts).');
  return parts.join(' ');
}

export const PILLAR_TITLES = {
  'political-security': 'Political and Security Issues',
  economy: 'Economy and Sustainable Development',
  'social-cultural': 'Social and Cultural Cooperation',
} as const;

/** A plan action: the published plan, by action number. */
export const planActionCitation = (n: number) =>
  citationOf({
    title: { en: `Five-Year Plan of Action on Lancang-Mekong Cooperation (2018-2022), action ${n}`, zh: `澜沧江-湄公河合作五年行动计划(2018-2022) 第${n}项` },
    id: String(n),
    kind: 'plan action',
    pillar: 'Five-Year Plan of Action 2018-2022',
    provenance: PLAN_PROVENANCE,
  });

const day = (d: Date) => new Date(d).toISOString().slice(0, 10);

/** The day of an instant, for titles of dated records. */
export const citationDay = day;

/** A member country: its code and names, from the plan's reference data. */
export const memberCountryCitation = (country: { code: string; name: LocalizedText }, provenance: ProvenanceRecord) =>
  citationOf({ title: country.name, id: country.code, kind: 'member country', pillar: 'Lancang-Mekong Cooperation members', provenance });
