// Tokens for the search index (search-index.ts). English: lowercased words
// with a light plural stemming and no stop words. Chinese has no spaces: each
// run of Han characters gives its characters and its character bigrams, so a
// query of two or more characters matches by bigrams (precise) and a one-
// character query by unigram.

const STOP_WORDS = new Set(['a', 'an', 'and', 'the', 'of', 'in', 'on', 'to', 'for', 'with', 'by', 'at', 'or', 'as', 'is', 'be', 'from']);
export const HAN_RUN = /\p{Script=Han}+/gu;
// Letters and digits of scripts other than Han (Han runs are tokenized by characters).
export const WORD = /(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu;

/** Plural and possessive endings dropped, so "resources" and "resource" meet. */
export function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && /(ss|x|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** English (and other spaced-script) words of a text, without Han characters, stemmed. */
export function wordTokens(text: string): string[] {
  const words = text.toLowerCase().match(WORD) ?? [];
  return words.filter((w) => !STOP_WORDS.has(w)).map(stem);
}

/** Runs of Han characters in a text. */
export const hanRuns = (text: string): string[] => text.match(HAN_RUN) ?? [];

function hanGrams(run: string, unigrams: boolean): string[] {
  const chars = [...run];
  const grams: string[] = unigrams || chars.length === 1 ? [...chars] : [];
  for (let i = 0; i + 1 < chars.length; i++) grams.push(chars[i] + chars[i + 1]);
  return grams;
}

/** Every token a stored text is indexed under (distinct). */
export function indexTokens(text: string): string[] {
  return [...new Set([...wordTokens(text), ...hanRuns(text).flatMap((r) => hanGrams(r, true))])];
}

/** The tokens a query must all match: words, and bigrams of Han runs (unigram for a lone character). */
export function queryTokens(query: string): string[] {
  return [...new Set([...wordTokens(query), ...hanRuns(query).flatMap((r) => hanGrams(r, false))])];
}
