// The format of examples/*.graphql: a header of '#' comment lines saying what the
// query is for, one of them `# Variables: {json}` with the documented variables
// (absent: none). Read by the examples test and shown as tabs in the explorer.
export interface Example {
  name: string;
  query: string;
  /** The header comment, without '#'. */
  description: string;
  variables: Record<string, unknown>;
}

export function parseExample(name: string, text: string): Example {
  const header: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('#')) break;
    header.push(line.replace(/^#\s?/, ''));
  }
  const variablesLine = header.find((line) => /^Variables:/i.test(line));
  const variables = variablesLine ? (JSON.parse(variablesLine.replace(/^Variables:\s*/i, '')) as Record<string, unknown>) : {};
  return { name, query: text, description: header.filter((line) => line !== variablesLine).join('\n').trim(), variables };
}
