// How a think tank cites one record: the same shape for every pillar and kind.
import type { LocalizedText } from '../plan-data/index.js';
import type { ProvenanceRecord } from './provenance.js';

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
