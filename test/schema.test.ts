import { Supergraph, operationFromDocument } from '@apollo/federation-internals';
import { QueryPlanner, prettyFormatQueryPlan } from '@apollo/query-planner';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { composeSupergraph, repositorySubgraphs } from '../gateway/compose-supergraph.js';
import { subgraphs, subgraphSdl } from '../subgraphs/registry.js';

const { supergraphSdl } = composeSupergraph();
const supergraph = Supergraph.build(supergraphSdl);
const planner = new QueryPlanner(supergraph);
const planFor = (query: string) =>
  prettyFormatQueryPlan(planner.buildQueryPlan(operationFromDocument(supergraph.schema, parse(query))));

describe('subgraph schemas', () => {
  it.each(subgraphs.map((s) => [s.name, s]))('%s builds as a federation subgraph', (_, s) => {
    expect(() => buildSubgraphSchema({ typeDefs: parse(subgraphSdl(s)) })).not.toThrow();
  });
});

describe('supergraph', () => {
  it('composes with one implementation of PlanAction per owning subgraph', () => {
    const schema = supergraph.apiSchema().toGraphQLJSSchema();
    const impls = schema.getPossibleTypes(schema.getType('PlanAction') as never).map((t) => t.name).sort();
    expect(impls).toEqual(['EconomicAction', 'FrameworkAction', 'PoliticalSecurityAction', 'SocialCulturalAction']);
    const country = schema.getType('Country') as any;
    expect(Object.keys(country.getFields())).toEqual(
      expect.arrayContaining(['code', 'name', 'nativeName', 'politicalSecurity', 'economy', 'socialCultural']),
    );
  });

  it('fails on a composition error instead of producing a supergraph', () => {
    const broken = repositorySubgraphs().map((s) =>
      // A second, non-shareable owner of Country.name is an error.
      s.name === 'economy' ? { ...s, sdl: s.sdl.replace('  economy: CountryEconomy', '  economy: CountryEconomy\n  name: String') } : s,
    );
    expect(() => composeSupergraph(broken)).toThrow(/composition failed/);
  });

  it('routes each action to its owning subgraph: outline once, then economy and social-cultural in parallel', () => {
    const plan = planFor('{ plan { actions { number text { en } progress { status } } } }');
    expect(plan).toMatch(/Fetch\(service: "political-security"\)/);
    expect(plan).toMatch(/Parallel \{[\s\S]*Fetch\(service: "economy"\)[\s\S]*Fetch\(service: "social-cultural"\)/);
    expect(plan).toMatch(/\.\.\. on EconomicAction/);
    expect(plan).toMatch(/\.\.\. on SocialCulturalAction/);
    // The outline subgraph is asked only once.
    expect(plan.match(/service: "political-security"/g)).toHaveLength(1);
  });

  it('plans countries with each pillar view as one fetch plus two parallel entity fetches', () => {
    const plan = planFor('{ countries { code politicalSecurity { stewardSubgraph } economy { stewardSubgraph } socialCultural { stewardSubgraph } } }');
    expect(plan.match(/Fetch\(service:/g)).toHaveLength(3);
    expect(plan).toMatch(/Parallel/);
  });
});
