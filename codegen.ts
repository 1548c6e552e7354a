// Typed resolvers for each subgraph, generated from its SDL (own schema.graphql
// plus platform-kit/common.graphql). Output is a build step (git-ignored).
// Mapper types: shared ones below, each subgraph's own in its codegen-mappers.ts.
import type { CodegenConfig } from '@graphql-codegen/cli';
import { subgraphs, subgraphSdl } from './subgraphs/registry.js';
import { mappers as politicalSecurityMappers } from './subgraphs/political-security/codegen-mappers.js';
import { mappers as economyMappers } from './subgraphs/economy/codegen-mappers.js';
import { mappers as socialCulturalMappers } from './subgraphs/social-cultural/codegen-mappers.js';

// Fed 2 directives the typescript-resolvers plugin does not declare itself.
const federationDirectives = /* GraphQL */ `
  directive @link(url: String!, import: [String]) repeatable on SCHEMA
  directive @shareable repeatable on OBJECT | FIELD_DEFINITION
`;

const kit = '../../../platform-kit'; // relative to subgraphs/<name>/generated/
const commonMappers: Record<string, string> = {
  ProgressAssessment: `${kit}/progress-store.js#ProgressAssessmentRecord`,
  Organisation: `${kit}/organisations-documents.js#OrganisationRecord`,
  Document: `${kit}/organisations-documents.js#DocumentRecord`,
  ProgressDraft: `${kit}/progress-workflow.js#ProgressDraftRecord`,
  Revision: `${kit}/audit/revision-model.js#RevisionRecord`,
  SearchHit: `${kit}/search/index.js#SearchHitRecord`,
  SearchResults: `${kit}/search/index.js#SearchResultsValue`,
  RecordChange: `${kit}/export/change-log.js#ChangeEntry`,
};

const ownMappers: Record<string, Record<string, string>> = {
  'political-security': politicalSecurityMappers,
  economy: economyMappers,
  'social-cultural': socialCulturalMappers,
};

const config: CodegenConfig = {
  overwrite: true,
  generates: Object.fromEntries(
    subgraphs.map((s) => [
      `subgraphs/${s.name}/generated/resolvers-types.ts`,
      {
        schema: [subgraphSdl(s), federationDirectives],
        plugins: ['typescript', 'typescript-resolvers'],
        config: {
          federation: true,
          useTypeImports: true,
          enumsAsTypes: true,
          contextType: '../context.js#SubgraphContext',
          mappers: { ...commonMappers, ...ownMappers[s.name] },
          scalars: { ID: 'string', DateTime: 'Date', JSON: 'unknown' },
        },
      },
    ]),
  ),
};

export default config;
