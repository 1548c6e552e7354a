// What the organisations and documents every pillar stores put in that
// pillar's search index: indexed on every write (organisation-document-writes.ts
// wraps their kinds with withThinkTankFeeds) and at a rebuild (seed).
import { trusted, type Model } from 'mongoose';
import type { DocumentRecord, OrganisationRecord } from '../organisations-documents.js';
import type { SearchDocument } from './search-index.js';

/** An organisation under its name; its type as other text (e.g. "national secretariat"). */
export const organisationSearchDocument =
  (pillar: string) =>
  (o: OrganisationRecord): SearchDocument => ({
    type: 'ORGANISATION',
    id: o._id,
    pillar,
    title: o.name,
    body: [o.type.replace(/_/g, ' ').toLowerCase()],
    countryCodes: o.countryCode ? [o.countryCode] : [],
  });

/** A document under its title; the year of its date as other text. Documents name no country. */
export const documentSearchDocument =
  (pillar: string) =>
  (d: DocumentRecord): SearchDocument => ({
    type: 'DOCUMENT',
    id: d._id,
    pillar,
    title: d.title,
    body: d.date ? [String(new Date(d.date).getUTCFullYear())] : [],
    countryCodes: [],
  });

/** The pillar's organisations and documents that are not archived, as search documents (for rebuildSearchIndex). */
export async function organisationDocumentSearchDocuments(
  models: { organisations: Model<OrganisationRecord>; documents: Model<DocumentRecord> },
  pillar: string,
): Promise<SearchDocument[]> {
  const live = { archived: trusted({ $ne: true }) };
  const [organisations, documents] = await Promise.all([
    models.organisations.find(live).lean() as Promise<OrganisationRecord[]>,
    models.documents.find(live).lean() as Promise<DocumentRecord[]>,
  ]);
  return [...organisations.map(organisationSearchDocument(pillar)), ...documents.map(documentSearchDocument(pillar))];
}
