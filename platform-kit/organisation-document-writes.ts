// Create, update and archive of the organisations and documents each pillar
// stores for itself, as audited writes. Pillar-neutral: the pillar is a parameter.
import type { Model } from 'mongoose';
import type { PillarSubgraphName } from './access/pillar-names.js';
import type { Principal } from './access/principal.js';
import { requirePillarWriter } from './access/authorize.js';
import { writeAudited, type AuditedKind } from './audit/write-audited.js';
import type { RevisionModel } from './audit/revision-model.js';
import { upsertById } from './bulk-writes.js';
import { withThinkTankFeeds } from './export/think-tank-kind.js';
import { badUserInput } from './input-errors.js';
import { organisationTypes, type DocumentRecord, type OrganisationRecord } from './organisations-documents.js';
import { documentSearchDocument, organisationSearchDocument, pillarCodeOf } from './search/index.js';
import { httpUrl, localizedText, memberCountry, provenance, recordId, text } from './write-inputs.js';

export interface OrganisationDocumentModels {
  organisations: Model<OrganisationRecord>;
  documents: Model<DocumentRecord>;
  revisions: RevisionModel;
}

export interface WriteCaller<M> {
  models: M;
  principal: Principal;
}

/** Audited kind whose persistence upserts the new versions (records are archived, never deleted). */
const upserting = <T extends { _id: string }>(collection: string, model: Model<T>): AuditedKind<T> => ({
  collection,
  model,
  carriesRevision: true,
  persist: async (changes) => {
    await upsertById(model, changes.map((c) => c.after).filter((r): r is T => r !== null));
  },
});

// Every write also feeds the pillar's search index and change log (the pillar names the hits' pillar).
export const organisationKind = (m: OrganisationDocumentModels, pillar: PillarSubgraphName): AuditedKind<OrganisationRecord> =>
  withThinkTankFeeds(upserting('organisations', m.organisations), organisationSearchDocument(pillarCodeOf(pillar)));

export const documentKind = (m: OrganisationDocumentModels, pillar: PillarSubgraphName): AuditedKind<DocumentRecord> =>
  withThinkTankFeeds(upserting('documents', m.documents), documentSearchDocument(pillarCodeOf(pillar)));

type ProvenanceInput = { source: string; licence: string; recordedAt: Date; synthetic: boolean };

export interface OrganisationInput {
  name: { en: string; zh: string };
  type: (typeof organisationTypes)[number];
  countryCode?: string | null;
  provenance: ProvenanceInput;
}

export interface DocumentInput {
  title: { en: string; zh: string };
  date?: Date | null;
  language: string;
  url?: string | null;
  provenance: ProvenanceInput;
}

/** Country-limited editors write only their own country's organisations (a regional body has none). */
const REGIONAL = 'regional (no country)';
export const countriesOf = (o: Pick<OrganisationRecord, 'countryCode'> | null) => (o ? [o.countryCode ?? REGIONAL] : []);

export const organisationFrom = (id: string, input: OrganisationInput): OrganisationRecord => ({
  _id: id,
  name: localizedText(input.name, 'input.name'),
  type: input.type,
  countryCode: input.countryCode == null ? null : memberCountry(input.countryCode, 'input.countryCode'),
  provenance: provenance(input.provenance, 'input.provenance'),
  archived: false,
});

// BCP 47, simplified: a 2-3 letter language, optional script/region/variant subtags.
const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/;

export const documentFrom = (id: string, input: DocumentInput): DocumentRecord => {
  if (!LANGUAGE_TAG.test(input.language)) throw badUserInput('input.language', 'a BCP 47 language tag such as en, zh or zh-Hans');
  return {
    _id: id,
    title: localizedText(input.title, 'input.title'),
    date: input.date ?? null,
    language: input.language,
    url: input.url == null ? null : httpUrl(input.url, 'input.url'),
    provenance: provenance(input.provenance, 'input.provenance'),
    archived: false,
  };
};

const missing = (what: string, id: string) => badUserInput('id', `the id of an existing ${what} (${id} not found)`);
const archivedAlready = (what: string) => badUserInput('id', `a ${what} that is not archived`);

/** Create (id optional: generated), update and archive, for one record kind. */
function auditedCrud<T extends { _id: string; archived?: boolean }, I>(spec: {
  what: string;
  idPrefix: string;
  kind: (m: OrganisationDocumentModels, pillar: PillarSubgraphName) => AuditedKind<T>;
  from: (id: string, input: I) => T;
  countries: (r: T | null) => string[];
  /** The countries an input names (checked before the input is validated). */
  inputCountries: (input: I) => string[];
}) {
  const write = async (
    c: WriteCaller<OrganisationDocumentModels>,
    pillar: PillarSubgraphName,
    id: string,
    action: string,
    change: (b: T | null) => T,
    createAt?: string,
  ) => {
    requirePillarWriter(c.principal, pillar);
    const { record } = await writeAudited({
      ...spec.kind(c.models, pillar),
      revisions: c.models.revisions,
      principal: c.principal,
      action,
      id,
      createAt,
      change: (before) => {
        const next = change(before);
        requirePillarWriter(c.principal, pillar, [...spec.countries(before), ...spec.countries(next)]);
        return next;
      },
    });
    return record!;
  };
  return {
    create: (c: WriteCaller<OrganisationDocumentModels>, pillar: PillarSubgraphName, id: string | null | undefined, input: I) => {
      requirePillarWriter(c.principal, pillar, spec.inputCountries(input));
      const newId = recordId(id, 'id', spec.idPrefix);
      const next = spec.from(newId, input);
      return write(c, pillar, newId, 'CREATE', () => next, 'id');
    },
    update: (c: WriteCaller<OrganisationDocumentModels>, pillar: PillarSubgraphName, id: string, input: I) => {
      requirePillarWriter(c.principal, pillar, spec.inputCountries(input));
      const next = spec.from(id, input);
      return write(c, pillar, id, 'UPDATE', (before) => {
        if (!before) throw missing(spec.what, id);
        if (before.archived) throw archivedAlready(spec.what);
        return { ...before, ...next };
      });
    },
    archive: (c: WriteCaller<OrganisationDocumentModels>, pillar: PillarSubgraphName, id: string) =>
      write(c, pillar, id, 'ARCHIVE', (before) => {
        if (!before) throw missing(spec.what, id);
        return { ...before, archived: true };
      }),
  };
}

export const organisationWrites = auditedCrud<OrganisationRecord, OrganisationInput>({
  what: 'organisation',
  idPrefix: 'org',
  kind: organisationKind,
  from: organisationFrom,
  countries: countriesOf,
  inputCountries: (input) => [input.countryCode ?? REGIONAL],
});

export const documentWrites = auditedCrud<DocumentRecord, DocumentInput>({
  what: 'document',
  idPrefix: 'doc',
  kind: documentKind,
  from: documentFrom,
  countries: () => [],
  inputCountries: () => [],
});
