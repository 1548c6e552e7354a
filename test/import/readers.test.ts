// Unit tests of the import readers: CSV (RFC 4180), NDJSON, JSON arrays, CSV
// column paths and typing rows by a GraphQL input type.
import { buildSchema } from 'graphql';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { headerPaths, nestCells, parseColumnPath } from '../../platform-kit/import/column-paths.js';
import { csvRecords } from '../../platform-kit/import/csv-records.js';
import { jsonArrayRows, ndjsonRows } from '../../platform-kit/import/json-records.js';
import { coerceRow, rowTypeOf } from '../../platform-kit/import/row-coercion.js';
import { ImportFileError, rowsOf } from '../../platform-kit/import/row-sources.js';

async function* chunksOf(text: string, size: number) {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}
async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
// Every chunking must give the same records (state carried across chunk boundaries).
async function csvEverySplit(text: string) {
  const whole = await all(csvRecords(chunksOf(text, text.length || 1)));
  for (const size of [1, 2, 3, 7]) expect(await all(csvRecords(chunksOf(text, size))), `chunks of ${size}`).toEqual(whole);
  return whole;
}

describe('CSV records', () => {
  it('reads quoted cells with commas, doubled quotes and line breaks, and gives each record its first line', async () => {
    const text = 'a,b,c\r\n1,"x, y","say ""hi"""\r\n2,"two\r\nlines",z\n3,,\n';
    expect(await csvEverySplit(text)).toEqual([
      { line: 1, cells: ['a', 'b', 'c'] },
      { line: 2, cells: ['1', 'x, y', 'say "hi"'] },
      { line: 3, cells: ['2', 'two\r\nlines', 'z'] },
      { line: 5, cells: ['3', '', ''] },
    ]);
  });

  it('drops a BOM, skips blank lines, accepts a last record without a line break and lone CR line ends', async () => {
    const text = '\uFEFFa,b\n\n1,2\r3,4';
    expect(await csvEverySplit(text)).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 3, cells: ['1', '2'] },
      { line: 4, cells: ['3', '4'] },
    ]);
  });

  it('reports malformed records and keeps reading the ones after them', async () => {
    const text = 'a,b\n1,x"y\n2,"q"z\n3,ok\n4,"never closed\n5,lost';
    const records = await csvEverySplit(text);
    expect(records.map((r) => [r.line, r.problem ?? null])).toEqual([
      [1, null],
      [2, 'a quote inside unquoted cell 2 (quote the whole cell and double the quote)'],
      [3, 'text after the closing quote of cell 2'],
      [4, null],
      [5, 'a quoted cell that is never closed'],
    ]);
    expect(records[3].cells).toEqual(['3', 'ok']);
  });
});

describe('CSV column paths', () => {
  it('parses dotted and indexed names', () => {
    expect(parseColumnPath('participatingCountries[0].countryCode')).toEqual(['participatingCountries', 0, 'countryCode']);
    expect(parseColumnPath('title.en')).toEqual(['title', 'en']);
    expect(parseColumnPath('a[1][2]')).toEqual(['a', 1, 2]);
    expect(parseColumnPath('bad name')).toHaveProperty('problem');
  });

  it('refuses duplicate and overlapping columns', () => {
    expect(() => headerPaths(['id', 'id'])).toThrow(/appears twice/);
    expect(() => headerPaths(['title', 'title.en'])).toThrow(/overlap/);
    expect(() => headerPaths(['flows', 'flows[0].type'])).toThrow(/overlap/);
  });

  it('nests cells, leaves out empty ones and compacts lists whose items are empty', () => {
    const paths = headerPaths(['id', 'title.en', 'p[0].c', 'p[0].n', 'p[1].c', 'p[1].n', 'p[2].c']);
    expect(nestCells(paths, ['x', 'T', 'TH', '60', '', '', 'LA'])).toEqual({ id: 'x', title: { en: 'T' }, p: [{ c: 'TH', n: '60' }, { c: 'LA' }] });
    expect(nestCells(paths, ['x', '', '', '', '', '', ''])).toEqual({ id: 'x' });
  });
});

describe('NDJSON and JSON rows', () => {
  it('NDJSON: one object per line, blank lines skipped, bad lines reported with their number', async () => {
    const text = '{"a":1}\n\n{"a":2}\r\nnot json\n[1]\n{"a":"x\\ny"}';
    for (const size of [1, 5, text.length]) {
      const rows = await all(ndjsonRows(chunksOf(text, size)));
      expect(rows.map((r) => [r.line, r.value ?? null, r.problem?.replace(/ \(.*/, '') ?? null])).toEqual([
        [1, { a: 1 }, null],
        [3, { a: 2 }, null],
        [4, null, 'not valid JSON'],
        [5, null, 'a JSON object per row'],
        [6, { a: 'x\ny' }, null],
      ]);
    }
  });

  it('JSON array: elements split at top-level commas (not inside strings or nesting), with the line each starts on', async () => {
    const text = '[\n  {"a": "x, ]}", "b": [1, {"c": 2}]},\n  {"a": "q\\"uote"}\n  ,\n  3,\n  {"a":\n    1}\n]\n';
    for (const size of [1, 4, text.length]) {
      const rows = await all(jsonArrayRows(chunksOf(text, size)));
      expect(rows.map((r) => [r.line, r.value ?? null, r.problem ?? null])).toEqual([
        [2, { a: 'x, ]}', b: [1, { c: 2 }] }, null],
        [3, { a: 'q"uote' }, null],
        [5, null, 'a JSON object per row'],
        [6, { a: 1 }, null],
      ]);
    }
    expect(await all(jsonArrayRows(chunksOf('[]', 1)))).toEqual([]);
    expect((await all(jsonArrayRows(chunksOf('{"a":1}', 3))))[0].problem).toMatch(/must start with "\["/);
    expect((await all(jsonArrayRows(chunksOf('[{"a":1}', 3))))[0].problem).toMatch(/never closed/);
  });
});

const schema = buildSchema(`
  enum Status { OPEN CLOSED }
  input TextInput { en: String! zh: String! }
  input ShareInput { countryCode: ID! percentage: Float! }
  input ThingInput {
    title: TextInput!
    status: Status!
    shares: [ShareInput!]!
    count: Int
    active: Boolean
    tags: [Int!]
  }
  type Query { x: Int }
`);
const rowType = rowTypeOf(schema, { inputType: 'ThingInput', idField: 'id' });

describe('typing rows by an input type', () => {
  it('reads CSV text as the field types (numbers, booleans, JSON in a cell for lists and objects)', () => {
    const raw = { id: 't1', title: { en: 'E', zh: 'Z' }, status: 'OPEN', shares: [{ countryCode: 'TH', percentage: '60.5' }], count: '3', active: 'TRUE', tags: '[1,2]' };
    expect(coerceRow(raw, rowType, { cells: true })).toEqual({
      row: { id: 't1', title: { en: 'E', zh: 'Z' }, status: 'OPEN', shares: [{ countryCode: 'TH', percentage: 60.5 }], count: 3, active: true, tags: [1, 2] },
    });
    const inCell = { id: 't1', title: '{"en":"E","zh":"Z"}', status: 'CLOSED', shares: '[{"countryCode":"LA","percentage":100}]' };
    expect(coerceRow(inCell, rowType, { cells: true })).toMatchObject({ row: { title: { en: 'E', zh: 'Z' }, shares: [{ countryCode: 'LA', percentage: 100 }] } });
    // A list cell that is not a JSON array is its one item.
    expect(coerceRow({ ...inCell, tags: ' 7' }, rowType, { cells: true })).toMatchObject({ row: { tags: [7] } });
  });

  it('reports every problem with the field path', () => {
    const raw = { title: { en: 'E' }, status: 'MAYBE', shares: [{ countryCode: 'TH', percentage: 'sixty' }], count: '1.5', tags: '[1,' };
    const result = coerceRow(raw, rowType, { cells: true });
    expect('problems' in result && result.problems.map((p) => p.field).sort()).toEqual(
      ['count', 'id', 'shares[0].percentage', 'status', 'tags', 'title.zh'].sort(),
    );
  });

  it('JSON rows are not read as text: a number given as a string is an error', () => {
    const raw = { id: 't1', title: { en: 'E', zh: 'Z' }, status: 'OPEN', shares: [{ countryCode: 'TH', percentage: '60' }] };
    const result = coerceRow(raw, rowType, { cells: false });
    expect('problems' in result && result.problems[0].field).toBe('shares[0].percentage');
  });

  it('a CSV header naming an unknown field fails the whole file before any row', async () => {
    const rows = rowsOf('csv', chunksOf('id,title.en,colour\nx,y,z\n', 100), rowType);
    await expect(all(rows)).rejects.toThrow(ImportFileError);
    await expect(all(rowsOf('csv', chunksOf('id,title.en,colour\n', 100), rowType))).rejects.toThrow(/no field colour/);
    await expect(all(rowsOf('csv', chunksOf('id,count.x\n', 100), rowType))).rejects.toThrow(/count has no fields/);
    await expect(all(rowsOf('csv', chunksOf('', 100), rowType))).rejects.toThrow(/empty/);
  });

  it('a CSV row with a different number of cells than the header is reported, not guessed', async () => {
    const rows = await all(rowsOf('csv', chunksOf('id,status\nx,OPEN\ny\n', 100), rowType));
    expect(rows).toEqual([
      { line: 2, raw: { id: 'x', status: 'OPEN' } },
      { line: 3, problem: '2 cells like the header (got 1)' },
    ]);
  });
});

describe('each pillar declares its importable kinds once', () => {
  it('the GraphQL <Pillar>ImportKind enum lists exactly the kinds the import takes, and every row type builds', async () => {
    const { buildASTSchema, parse } = await import('graphql');
    const { pillarImports } = await import('../../import-cli/pillar-imports.js');
    const { kindEnumValue } = await import('../../platform-kit/import/import-kind.js');
    const { subgraphInfo, subgraphSdl } = await import('../../subgraphs/registry.js');
    for (const [pillar, imports] of Object.entries(pillarImports)) {
      const schema = buildASTSchema(parse(subgraphSdl(subgraphInfo(pillar as never))), { assumeValidSDL: true });
      const enumName = `${pillar.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase())}ImportKind`;
      const values = (schema.getType(enumName) as import('graphql').GraphQLEnumType | undefined)?.getValues().map((v) => v.name);
      expect(values, enumName).toEqual(imports.kinds.map((k) => kindEnumValue(k.name)));
      for (const kind of imports.kinds) expect(() => rowTypeOf(schema, kind), `${pillar}/${kind.name}`).not.toThrow();
    }
  });
});

describe('streaming', () => {
  // Rows are generated on the fly, so the only memory that could grow is the reader's own.
  async function* generated(header: string, rows: number, row: (i: number) => string) {
    yield `${header}\n`;
    for (let i = 0; i < rows; i += 1000) yield Array.from({ length: Math.min(1000, rows - i) }, (_, k) => row(i + k)).join('\n') + '\n';
  }

  it('reads 100 MB of CSV and NDJSON with a flat heap (live memory after GC does not grow with rows read)', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const liveHeap = () => {
      gc();
      return process.memoryUsage().heapUsed;
    };
    const filler = 'x'.repeat(400);
    for (const [format, header, row] of [
      ['csv', 'id,title.en,title.zh', (i: number) => `r${i},"${filler}, ${i}",${filler}`],
      ['ndjson', '', (i: number) => JSON.stringify({ id: `r${i}`, title: { en: filler, zh: filler } })],
    ] as const) {
      const samples: number[] = [];
      let count = 0;
      for await (const r of rowsOf(format, generated(header, 120_000, row), rowType)) {
        if (r.problem) throw new Error(r.problem);
        if (++count % 20_000 === 0) samples.push(liveHeap());
      }
      expect(count).toBe(120_000);
      // 100 MB went through; what stays alive is the same after 20,000 rows and after 120,000.
      expect(Math.max(...samples) - samples[0], format).toBeLessThan(8 << 20);
    }
  }, 60_000);
});
