// importEconomyRecords: small-batch import through the gateway (the engine and
// its caps are in platform-kit/import; the importable kinds in audited-kinds.ts).
import { importMutationResolver } from '../../platform-kit/import/import-mutation.js';
import { withSharedKinds } from '../../platform-kit/import/organisation-document-kinds.js';
import { economyImports } from './audited-kinds.js';
import type { MutationResolvers } from './generated/resolvers-types.js';

export const economyImportMutations: Pick<MutationResolvers, 'importEconomyRecords'> = {
  importEconomyRecords: importMutationResolver(withSharedKinds(economyImports)),
};
