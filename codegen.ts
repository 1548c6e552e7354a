// Typed resolvers for each subgraph, generated from its SDL (own schema.graphql
// plus platform-kit/common.graphql). Output is a build step (git-ignored).
import type { CodegenConfig } from '@graphql-codegen/cli';
import { subgraphs, subgraphSdl } from './subgraphs/registry.js';

// Fed 2 directives the typescript-resolvers plugin does not declare itself.
const federationDirectives = /* GraphQL */ `
  directive @link(url: String!, import: [String]) repeatable on SCHEMA
  directive @shareable repeatable on OBJECT | FIELD_DEFINITION
`;

const config: CodegenConfig = {
  overwrite: true,
  silent: true,
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
          mappers: mappersFor(s.name),
          scalars: { ID: 'string' },
        },
      },
    ]),
  ),
};

function mappersFor(name: string): Record<string, string> {
  const models = '../models.js';
  switch (name) {
    case 'political-security':
      return {
        Plan: `${models}#PlanOutline`,
        Chapter: `${models}#ChapterRecord`,
        Section: `${models}#SectionRecord`,
        FrameworkAction: `${models}#PlanActionRecord`,
        PoliticalSecurityAction: `${models}#PlanActionRecord`,
        EconomicAction: `${models}#PlanActionRecord`,
        SocialCulturalAction: `${models}#PlanActionRecord`,
        Country: `${models}#CountryRecord`,
        CountryPoliticalSecurity: `${models}#CountryPillarView`,
        ProgressAssessment: `${models}#ProgressAssessmentRecord`,
      };
    case 'economy':
      return {
        EconomicAction: `${models}#PlanActionRecord`,
        Country: `${models}#CountryPillarView`,
        CountryEconomy: `${models}#CountryPillarView`,
        ProgressAssessment: `${models}#ProgressAssessmentRecord`,
      };
    default:
      return {
        SocialCulturalAction: `${models}#PlanActionRecord`,
        Country: `${models}#CountryPillarView`,
        CountrySocialCultural: `${models}#CountryPillarView`,
        ProgressAssessment: `${models}#ProgressAssessmentRecord`,
      };
  }
}

export default config;
