// Typed client for the dashboard page (graphql-codegen client preset), from the
// gateway's public API schema: the composed supergraph without its federation
// machinery. Run by `npm run dashboard:codegen` (part of dashboard:build);
// output (dashboard/src/gql/) is a build step, git-ignored.
import type { CodegenConfig } from '@graphql-codegen/cli';
import { Supergraph } from '@apollo/federation-internals';
import { printSchema } from 'graphql';
import { composeSupergraph } from '../gateway/compose-supergraph.js';

/** The schema clients see through the gateway (what introspection shows outside production). */
export function publicApiSdl(): string {
  const supergraph = Supergraph.build(composeSupergraph().supergraphSdl);
  return printSchema(supergraph.apiSchema().toGraphQLJSSchema());
}

const config: CodegenConfig = {
  overwrite: true,
  schema: publicApiSdl(),
  documents: ['dashboard/src/**/*.ts', '!dashboard/src/gql/**'],
  generates: {
    'dashboard/src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        // Documents as strings: the page sends them with fetch and needs no GraphQL runtime.
        documentMode: 'string',
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { DateTime: 'string', JSON: 'unknown' },
      },
    },
  },
};

export default config;
