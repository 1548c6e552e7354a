// JSON rows from a stream of text chunks, one row in memory at a time:
// NDJSON (one JSON object per line, blank lines skipped) and a JSON array of
// objects (split at its top-level commas by a small scanner that tracks
// strings and nesting, then each element parsed on its own). Each row carries
// the line it starts on; a row that is not a JSON object comes with its problem.

export interface JsonRow {
  line: number;
  value?: Record<string, unknown>;
  problem?: string;
}

function objectRow(line: number, text: string): JsonRow {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { line, problem: `not valid JSON (${(err as Error).message})` };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { line, problem: 'a JSON object per row' };
  return { line, value: value as Record<string, unknown> };
}

export async function* ndjsonRows(chunks: AsyncIterable<string>): AsyncGenerator<JsonRow> {
  let pending = '';
  let line = 0;
  let first = true;
  for await (let chunk of chunks) {
    if (first && chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    first = false;
    pending += chunk;
    let start = 0;
    let nl: number;
    while ((nl = pending.indexOf('\n', start)) >= 0) {
      const text = pending.slice(start, nl);
      start = nl + 1;
      line++;
      if (text.trim()) yield objectRow(line, text);
    }
    pending = pending.slice(start);
  }
  line++;
  if (pending.trim()) yield objectRow(line, pending);
}

export async function* jsonArrayRows(chunks: AsyncIterable<string>): AsyncGenerator<JsonRow> {
  let line = 1;
  let phase: 'before' | 'between' | 'element' | 'after' = 'before';
  let depth = 0;
  let inString = false;
  let escaped = false;
  let element = '';
  let elementLine = 1;
  let expectElement = true; // after '[' or ','
  let first = true;
  const bad = (problem: string): JsonRow => ({ line, problem });

  for await (let chunk of chunks) {
    if (first && chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    first = false;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (phase === 'element') {
        if (inString) {
          if (escaped) escaped = false;
          else if (c === '\\') escaped = true;
          else if (c === '"') inString = false;
          element += c;
          if (c === '\n') line++;
          continue;
        }
        if (c === '"') inString = true;
        else if (c === '{' || c === '[') depth++;
        else if (c === '}' || c === ']') depth--;
        if (depth < 0 || (depth === 0 && c === ',')) {
          // The element ended at a top-level ',' or the closing ']'.
          yield objectRow(elementLine, element);
          element = '';
          depth = 0;
          phase = c === ',' ? 'between' : 'after';
          expectElement = c === ',';
          continue;
        }
        element += c;
        if (c === '\n') line++;
        continue;
      }
      if (c === '\n') {
        line++;
        continue;
      }
      if (c === ' ' || c === '\t' || c === '\r') continue;
      if (phase === 'before') {
        if (c !== '[') {
          yield bad('a JSON array of objects (the file must start with "[")');
          return;
        }
        phase = 'between';
      } else if (phase === 'between') {
        if (c === ']' && !expectElement) phase = 'after';
        else if (c === ']' && element === '' && depth === 0) phase = 'after'; // empty array or trailing comma
        else if (c === ',') {
          yield bad('a value between commas');
        } else {
          phase = 'element';
          elementLine = line;
          element = c;
          if (c === '{' || c === '[') depth = 1;
          else if (c === '"') inString = true;
        }
      } else {
        yield bad('nothing after the closing "]"');
        return;
      }
    }
  }
  if (phase === 'element') yield { line: elementLine, problem: 'an element that is never closed (the array ends too early)' };
  else if (phase !== 'after') yield bad('a closing "]" at the end of the file');
}
