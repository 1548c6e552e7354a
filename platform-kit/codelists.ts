// Code lists of the platform's vocabularies, for think tanks that map our
// codes to theirs. A list's version is a digest of its content, so it changes
// exactly when a code or label changes.
import { createHash } from 'node:crypto';
import type { LocalizedText } from '../plan-data/index.js';

export interface CodeEntry {
  code: string;
  label: LocalizedText;
  parent?: string | null;
}

export interface Codelist {
  name: string;
  title: LocalizedText;
  codes: CodeEntry[];
  version: string;
}

const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 12);

export const codelist = (name: string, title: LocalizedText, codes: CodeEntry[]): Codelist => ({
  name,
  title,
  codes,
  version: digest({ name, title, codes }),
});

/** The set's version: a digest of every list's version. */
export const codelistsVersion = (lists: Codelist[]) => digest(lists.map((l) => [l.name, l.version]));
