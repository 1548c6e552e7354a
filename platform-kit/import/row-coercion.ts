// A row is typed exactly like a mutation input: its fields are those of a
// GraphQL input type of the subgraph's schema (plus an optional id column),
// coerced by graphql-js, so an import accepts what the mutation accepts.
// CSV cells are text: before coercion they are read as the field's type
// (numbers, booleans; a list or object field given in one cell is JSON, or
// for a list, a single item).
import {
  coerceInputValue,
  getNamedType,
  GraphQLBoolean,
  GraphQLFloat,
  GraphQLID,
  GraphQLInputObjectType,
  GraphQLInt,
  GraphQLNonNull,
  isInputObjectType,
  isListType,
  isNonNullType,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLNamedInputType,
  type GraphQLSchema,
} from 'graphql';
import { formatPath, type PathSegment } from './column-paths.js';

export interface FieldProblem {
  /** Path of the field in the row (`participatingCountries[1].percentage`); '' for the whole row. */
  field: string;
  reason: string;
}

export interface RowShape {
  /** GraphQL input type naming the row's fields. */
  inputType: string;
  /** An extra ID! column (the record id, or a parent id for nested rows). */
  idField?: string;
}

const rowTypes = new WeakMap<GraphQLSchema, Map<string, GraphQLInputObjectType>>();

/** The input type of a row: the kind's input type, plus its id column. Cached per schema. */
export function rowTypeOf(schema: GraphQLSchema, shape: RowShape): GraphQLInputObjectType {
  const cache = rowTypes.get(schema) ?? new Map<string, GraphQLInputObjectType>();
  rowTypes.set(schema, cache);
  const cacheKey = `${shape.inputType}|${shape.idField ?? ''}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  const input = schema.getType(shape.inputType);
  if (!isInputObjectType(input)) throw new Error(`import: ${shape.inputType} is not an input type of this schema`);
  if (shape.idField && input.getFields()[shape.idField]) throw new Error(`import: ${shape.inputType} already has a field ${shape.idField}`);
  const rowType = new GraphQLInputObjectType({
    name: `${shape.inputType}ImportRow`,
    fields: () => ({
      ...(shape.idField ? { [shape.idField]: { type: new GraphQLNonNull(GraphQLID) } } : {}),
      ...Object.fromEntries(Object.values(input.getFields()).map((f) => [f.name, { type: f.type, defaultValue: f.defaultValue }])),
    }),
  });
  cache.set(cacheKey, rowType);
  return rowType;
}

/** Fails on a CSV header naming a field the row type does not have (checked once, not per row). */
export function checkHeader(rowType: GraphQLInputObjectType, paths: PathSegment[][]): void {
  for (const path of paths) {
    let type: GraphQLInputType = rowType;
    for (let i = 0; i < path.length; i++) {
      const segment = path[i];
      const inner: GraphQLInputType = isNonNullType(type) ? type.ofType : type;
      if (typeof segment === 'number') {
        if (!isListType(inner)) throw new Error(`column "${formatPath(path)}": ${formatPath(path.slice(0, i))} is not a list`);
        type = inner.ofType;
        continue;
      }
      const named: GraphQLNamedInputType = getNamedType(inner);
      if (isListType(inner) || !isInputObjectType(named)) {
        throw new Error(`column "${formatPath(path)}": ${formatPath(path.slice(0, i))} has no fields (it is ${inner.toString()})`);
      }
      const field: GraphQLInputField | undefined = named.getFields()[segment];
      if (!field) {
        const known = Object.keys(named.getFields()).join(', ');
        throw new Error(`column "${formatPath(path)}": no field ${segment} in ${i === 0 ? 'a row' : formatPath(path.slice(0, i))} (fields: ${known})`);
      }
      type = field.type;
    }
  }
}

const NUMBER = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

/** CSV text → the field's type where the text is unambiguous; anything else is left for coercion to reject. */
function fromCells(value: unknown, type: GraphQLInputType, path: PathSegment[], problems: FieldProblem[]): unknown {
  const inner = isNonNullType(type) ? type.ofType : type;
  // A list cell that is not a JSON array is its one item (`47` for [Int!]).
  if (typeof value === 'string' && isListType(inner) && !value.trimStart().startsWith('[')) return [fromCells(value, inner.ofType, [...path, 0], problems)];
  if (typeof value === 'string' && (isListType(inner) || isInputObjectType(inner))) {
    try {
      return JSON.parse(value);
    } catch {
      problems.push({ field: formatPath(path), reason: `${inner.toString()} given in one cell must be JSON` });
      return undefined;
    }
  }
  if (isListType(inner) && Array.isArray(value)) return value.map((v, i) => fromCells(v, inner.ofType, [...path, i], problems));
  if (isInputObjectType(inner) && value && typeof value === 'object') {
    const fields = inner.getFields();
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, fields[k] ? fromCells(v, fields[k].type, [...path, k], problems) : v]),
    );
  }
  if (typeof value !== 'string') return value;
  if ((inner === GraphQLInt || inner === GraphQLFloat) && NUMBER.test(value)) return Number(value);
  if (inner === GraphQLBoolean && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  return value;
}

/** The typed row, or what is wrong with it (every problem, each with its field path). */
export function coerceRow(
  raw: Record<string, unknown>,
  rowType: GraphQLInputObjectType,
  options: { cells: boolean },
): { row: Record<string, unknown> } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const value = options.cells ? fromCells(raw, rowType, [], problems) : raw;
  const row = coerceInputValue(value, rowType, (path, _invalid, error) => {
    // "Field "x" of required type..." and "Field "x" is not defined..." are reported at the parent's path.
    const named = /^Field "([^"]+)"/.exec(error.message);
    const full = named ? [...path, named[1]] : [...path];
    problems.push({ field: formatPath(full), reason: error.message });
  }) as Record<string, unknown> | undefined;
  if (problems.length || !row) return { problems: problems.length ? problems : [{ field: '', reason: 'not a row' }] };
  return { row: plain(row) as Record<string, unknown> };
}

/** graphql-js builds objects without a prototype; give rows ordinary ones. */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object' && !(value instanceof Date)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}
