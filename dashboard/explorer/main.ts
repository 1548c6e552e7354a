// GraphiQL served from the gateway's own assets (bundled from npm, no CDN), so it
// works offline. Each examples/*.graphql is a tab with its documented variables.
// It calls the gateway it is served from with JSON POSTs (these pass the
// gateway's CSRF prevention); the schema comes from introspection, which the
// gateway allows outside production only, like this page.
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { parseExample } from '../example-files';

const files = import.meta.glob<string>('../../examples/*.graphql', { query: '?raw', import: 'default', eager: true });
const examples = Object.entries(files)
  .map(([path, text]) => parseExample(path.replace(/^.*\//, ''), text))
  // The README's dashboard query first.
  .sort((a, b) => Number(b.name === 'dashboard.graphql') - Number(a.name === 'dashboard.graphql') || a.name.localeCompare(b.name));

const variablesText = (variables: Record<string, unknown>) => JSON.stringify(variables, null, 2);

async function fetcher(params: { query: string; operationName?: string | null; variables?: unknown }, options?: { headers?: Record<string, string> }) {
  const response = await fetch('/', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...options?.headers },
    body: JSON.stringify(params),
  });
  return response.json();
}

createRoot(document.getElementById('explorer')!).render(
  createElement(GraphiQL, {
    fetcher,
    // Open, so each tab's documented variables are in the editor that requests read them from.
    defaultEditorToolsVisibility: 'variables',
    defaultTabs: examples.map((e) => ({ query: e.query, variables: variablesText(e.variables) })),
    // GraphiQL 4 fills the first tab's variables editor from this prop, not from defaultTabs.
    variables: examples[0] ? variablesText(examples[0].variables) : undefined,
  }),
);
