// importPoliticalSecurityRecords: small-batch import through the gateway (the
// engine and its caps are in platform-kit/import; the kinds in audited-kinds.ts).
import { importMutationResolver } from '../../platform-kit/import/import-mutation.js';
import { withSharedKinds } from '../../platform-kit/import/organisation-document-kinds.js';
import { politicalSecurityImports } from './audited-kinds.js';
import type { MutationResolvers } from './generated/resolvers-types.js';

export const politicalSecurityImportMutations: Pick<MutationResolvers, 'importPoliticalSecurityRecords'> = {
  importPoliticalSecurityRecords: importMutationResolver(withSharedKinds(politicalSecurityImports)),
};
