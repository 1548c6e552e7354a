// The search tokenizer and highlighter (pure functions).
import { describe, expect, it } from 'vitest';
import { highlight } from '../../platform-kit/search/search-index.js';
import { indexTokens, queryTokens } from '../../platform-kit/search/tokenize.js';

describe('search tokens', () => {
  it('lowercases and stems English words, drops stop words', () => {
    expect(queryTokens('Water Resources of the Mekong')).toEqual(['water', 'resource', 'mekong']);
    expect(queryTokens('resource')).toEqual(queryTokens('resources'));
    expect(queryTokens('activities')).toEqual(['activity']);
  });

  it('indexes Chinese by characters and bigrams, queries by bigrams', () => {
    expect(indexTokens('水资源')).toEqual(['水', '资', '源', '水资', '资源']);
    expect(queryTokens('水资源')).toEqual(['水资', '资源']);
    expect(queryTokens('水')).toEqual(['水']);
    expect(queryTokens('澜湄 water')).toEqual(['water', '澜湄']);
  });

  it('marks matches by stem and by Chinese run, HTML-escaped', () => {
    expect(highlight('Water Resources & dams', 'water resource')).toBe('<mark>Water</mark> <mark>Resources</mark> &amp; dams');
    expect(highlight('加强水资源合作', '水资源')).toBe('加强<mark>水资源</mark>合作');
    expect(highlight('no match here', 'water')).toBeNull();
  });
});
