// RFC 4180 records from a stream of text chunks, without holding the file:
// quoted fields may contain commas, quotes ("") and line breaks; CRLF, LF and
// a lone CR end a record; a leading BOM is dropped; blank lines are skipped.
// A malformed record (stray quote, text after a closing quote, unterminated
// quote) is still delimited and returned with its problem, so one bad row
// does not stop the rows after it.

export interface CsvRecord {
  /** Physical line (1-based) where the record starts. */
  line: number;
  cells: string[];
  /** What is wrong with the record's syntax, if anything. */
  problem?: string;
}

type State = 'fieldStart' | 'unquoted' | 'quoted' | 'quoteInQuoted';

export async function* csvRecords(chunks: AsyncIterable<string>): AsyncGenerator<CsvRecord> {
  let state: State = 'fieldStart';
  let field = '';
  let cells: string[] = [];
  let problem: string | undefined;
  let line = 1;
  let recordLine = 1;
  let started = false; // any character of the current record seen
  let afterCr = false; // previous chunk ended with CR (a following LF belongs to it)
  let first = true;
  let prev = ''; // previous character, across chunks (CRLF inside a quoted cell is one line break)

  const endRecord = (): CsvRecord | null => {
    cells.push(field);
    const record: CsvRecord = { line: recordLine, cells, ...(problem ? { problem } : {}) };
    const blank = cells.length === 1 && cells[0] === '' && !problem;
    field = '';
    cells = [];
    problem = undefined;
    state = 'fieldStart';
    started = false;
    return blank ? null : record;
  };
  const flag = (p: string) => {
    problem ??= p;
  };

  for await (let chunk of chunks) {
    if (first) {
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      first = chunk.length === 0;
    }
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (afterCr) {
        afterCr = false;
        if (c === '\n') continue;
      }
      if (!started) {
        started = true;
        recordLine = line;
      }
      if (state === 'quoted') {
        if (c === '"') {
          state = 'quoteInQuoted';
          prev = c;
        } else {
          if (c === '\r' || (c === '\n' && prev !== '\r')) line++;
          field += c;
          prev = c;
        }
        continue;
      }
      if (state === 'quoteInQuoted') {
        if (c === '"') {
          field += '"';
          state = 'quoted';
          continue;
        }
        state = 'unquoted';
        if (c !== ',' && c !== '\n' && c !== '\r') flag(`text after the closing quote of cell ${cells.length + 1}`);
      }
      if (c === ',') {
        cells.push(field);
        field = '';
        state = 'fieldStart';
      } else if (c === '\n' || c === '\r') {
        line++;
        if (c === '\r') {
          if (i + 1 < chunk.length) {
            if (chunk[i + 1] === '\n') i++;
          } else afterCr = true;
        }
        const record = endRecord();
        if (record) yield record;
      } else if (c === '"' && state === 'fieldStart') {
        state = 'quoted';
      } else {
        if (c === '"') flag(`a quote inside unquoted cell ${cells.length + 1} (quote the whole cell and double the quote)`);
        field += c;
        state = 'unquoted';
      }
    }
  }
  if (state === 'quoted') flag('a quoted cell that is never closed');
  if (started) {
    const record = endRecord();
    if (record) yield record;
  }
}
