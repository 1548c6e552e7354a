// The record kinds every pillar stores for itself (organisations, documents),
// importable like the pillar's own: a row is the mutation's input plus its id,
// written as an upsert (create, or update of a record that is not archived).
import type { PillarSubgraphName } from '../access/pillar-names.js';
import { requirePillarWriter } from '../access/authorize.js';
import {
  countriesOf,
  documentFrom,
  documentKind,
  organisationFrom,
  organisationKind,
  type DocumentInput,
  type OrganisationDocumentModels,
  type OrganisationInput,
} from '../organisation-document-writes.js';
import type { DocumentRecord, OrganisationRecord } from '../organisations-documents.js';
import { recordId } from '../write-inputs.js';
import type { ImportKind, PillarImports } from './import-kind.js';

/** The record for a row, keeping the stored record's archived state. */
const keepingArchived = <T extends { archived?: boolean }>(before: T | null, next: T): T => ({ ...before, ...next, archived: before?.archived ?? false });

export function organisationImportKind<M extends OrganisationDocumentModels>(pillar: PillarSubgraphName): ImportKind<M, OrganisationRecord> {
  return {
    name: 'organisation',
    description: `Organisations stored by ${pillar} (id, name.en, name.zh, type, countryCode, provenance.*)`,
    inputType: 'OrganisationInput',
    idField: 'id',
    audited: (models) => organisationKind(models, pillar),
    keyOf: (row) => String(row.id),
    open: ({ principal }) => (row) => {
      const id = recordId(row.id as string, 'id', 'org');
      const next = organisationFrom(id, row as unknown as OrganisationInput);
      requirePillarWriter(principal, pillar, countriesOf(next));
      return {
        recordId: id,
        apply: (before) => {
          requirePillarWriter(principal, pillar, [...countriesOf(before), ...countriesOf(next)]);
          return keepingArchived(before, next);
        },
      };
    },
  };
}

export function documentImportKind<M extends OrganisationDocumentModels>(pillar: PillarSubgraphName): ImportKind<M, DocumentRecord> {
  return {
    name: 'document',
    description: `Documents stored by ${pillar} (id, title.en, title.zh, date, language, url, provenance.*)`,
    inputType: 'DocumentInput',
    idField: 'id',
    audited: (models) => documentKind(models, pillar),
    keyOf: (row) => String(row.id),
    open: () => (row) => {
      const id = recordId(row.id as string, 'id', 'doc');
      const next = documentFrom(id, row as unknown as DocumentInput);
      return {
        recordId: id,
        apply: (before) => keepingArchived(before, next),
      };
    },
  };
}

/** A pillar's importable kinds plus the organisations and documents every pillar stores. */
export function withSharedKinds<M extends OrganisationDocumentModels>(imports: PillarImports<M>): PillarImports<M> {
  return { ...imports, kinds: [...imports.kinds, organisationImportKind<M>(imports.pillar), documentImportKind<M>(imports.pillar)] };
}
