import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { memberCountries, plan } from '../plan-data/index.js';
import { defaultSeedPath, owningSubgraph, parsePlan } from '../plan-data/parse-plan.js';

describe('plan parser', () => {
  const parsed = parsePlan(readFileSync(defaultSeedPath, 'utf8'));

  it('committed plan.json is what the parser makes of the seed text', () => {
    expect(plan).toEqual(parsed);
  });

  it('has 94 actions numbered 1..94 without gaps', () => {
    expect(parsed.actions.map((a) => a.number)).toEqual(Array.from({ length: 94 }, (_, i) => i + 1));
  });

  it('gives every action non-empty Chinese and English text', () => {
    for (const a of parsed.actions) {
      expect(a.text.zh.trim(), `action ${a.number} zh`).not.toBe('');
      expect(a.text.en.trim(), `action ${a.number} en`).not.toBe('');
      expect(a.text.zh, `action ${a.number} zh is Chinese`).toMatch(/[\u4e00-\u9fff]/);
      expect(a.text.en, `action ${a.number} en is not Chinese`).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('has five bilingual chapters and bilingual section titles', () => {
    expect(parsed.chapters.map((c) => [c.code, c.title.en, c.title.zh])).toEqual([
      ['I', 'Development Goals', '发展目标'],
      ['II', 'Fundamental Principles', '基本原则'],
      ['III', 'Working Structure', '工作架构'],
      ['IV', 'Practical Cooperation', '务实合作'],
      ['V', 'Supporting System', '支撑体系'],
    ]);
    expect(parsed.sections).toHaveLength(26);
    for (const s of parsed.sections) {
      expect(s.title.zh, s.code).toMatch(/[\u4e00-\u9fff]/);
      expect(s.title.en, s.code).toMatch(/^[A-Z]/);
    }
    expect(parsed.sections.find((s) => s.code === '4.2.5')?.title).toEqual({ en: 'Water Resources', zh: '水资源' });
    expect(parsed.sections.find((s) => s.code === '4.2.10')?.title).toEqual({ en: 'Customs and Quality Inspection', zh: '海关、质检' });
  });

  it.each([
    [1, 'I', null, 'political-security'],
    [9, 'III', null, 'political-security'],
    [10, 'IV', '4.1.1', 'political-security'],
    [20, 'IV', '4.1.4', 'political-security'],
    [21, 'IV', '4.2.1', 'economy'],
    [42, 'IV', '4.2.5', 'economy'],
    [48, 'IV', '4.2.5', 'economy'],
    [68, 'IV', '4.2.10', 'economy'],
    [69, 'IV', '4.3.1', 'social-cultural'],
    [79, 'IV', '4.3.4', 'social-cultural'],
    [91, 'IV', '4.3.6', 'social-cultural'],
    [92, 'V', '5.1', 'political-security'],
    [94, 'V', '5.3', 'political-security'],
  ])('action %i is in chapter %s, section %s, owned by %s', (n, chapter, section, subgraph) => {
    const a = parsed.actions.find((x) => x.number === n)!;
    expect([a.chapter, a.section, a.subgraph]).toEqual([chapter, section, subgraph]);
  });

  it('keeps the seed text exactly (whitespace normalised only)', () => {
    const seed = readFileSync(defaultSeedPath, 'utf8').replace(/\s+/g, ' ');
    for (const a of parsed.actions) {
      expect(seed.includes(a.text.zh), `zh of ${a.number}`).toBe(true);
      expect(seed.includes(`${a.number}. ${a.text.en}`), `en of ${a.number}`).toBe(true);
    }
  });

  it('splits ownership 23 / 48 / 23 across the three subgraphs', () => {
    const count = (s: string) => parsed.actions.filter((a) => a.subgraph === s).length;
    expect([count('political-security'), count('economy'), count('social-cultural')]).toEqual([23, 48, 23]);
    expect(owningSubgraph('V', '5.2')).toBe('political-security');
  });

  it('rejects text it cannot place instead of guessing', () => {
    expect(() => parsePlan('一、发展目标\nI. Goals\n1. English with no Chinese\n(Source: fmprc.gov.cn)')).toThrow(/no Chinese text/);
  });
});

describe('member countries', () => {
  it('are the six LMC members with ISO codes, English, Chinese and native names', () => {
    expect(memberCountries.map((c) => c.code).sort()).toEqual(['CN', 'KH', 'LA', 'MM', 'TH', 'VN']);
    for (const c of memberCountries) {
      expect(c.name.en).not.toBe('');
      expect(c.name.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(c.nativeName).not.toBe('');
    }
    expect(memberCountries.find((c) => c.code === 'TH')?.nativeName).toBe('ประเทศไทย');
  });
});
