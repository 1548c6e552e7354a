// Parses the bilingual Five-Year Plan of Action text into plan.json.
// Usage: tsx plan-data/parse-plan.ts [seed.txt] [out.json]
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import type { LocalizedText, Plan, PlanAction, PlanChapter, PlanSection, SubgraphName } from './plan-types.js';

const here = dirname(fileURLToPath(import.meta.url));
export const defaultSeedPath = resolve(here, '../../shared/seed/lmc-five-year-plan-of-action-2018-2022.txt');
export const planJsonPath = resolve(here, 'plan.json');

const ZH_CHAPTER = /^([一二三四五])、(.+)$/;
const EN_CHAPTER = /^(I|II|III|IV|V)\. (.+)$/;
const SECTION = /^(\d+\.\d+(?:\.\d+)?) (.+)$/;
const EN_ACTION = /^(\d+)\. (.+)$/;
const CJK = /[\u3400-\u9fff]/;
const PAGE_HEADER = '— 中华人民共和国外交部';
const START = '一、发展目标';
const END = '(Source: fmprc.gov.cn)';
const ROMAN = ['I', 'II', 'III', 'IV', 'V'];

/** Chapters I–III and V and section 4.1 belong to political-security; 4.2 economy; 4.3 social-cultural. */
export function owningSubgraph(chapter: string, sectionCode: string | null): SubgraphName {
  if (chapter === 'IV' && sectionCode?.startsWith('4.2')) return 'economy';
  if (chapter === 'IV' && sectionCode?.startsWith('4.3')) return 'social-cultural';
  return 'political-security';
}

const normalise = (line: string) => line.replace(/\s+/g, ' ').trim();

export function parsePlan(seedText: string): Plan {
  const all = seedText.split('\n').map(normalise);
  const start = all.indexOf(START);
  const end = all.indexOf(END);
  if (start < 0 || end < 0) throw new Error(`seed text lacks "${START}" or "${END}"`);
  const lines = all.slice(start, end).filter((l) => l !== '' && !l.endsWith(PAGE_HEADER));

  const chapters: PlanChapter[] = [];
  const sections: PlanSection[] = [];
  const actions: PlanAction[] = [];
  let pendingZhChapter: string | null = null;
  const pendingZhSections = new Map<string, string>();
  let pendingZhText: string[] = [];
  let chapter: PlanChapter | null = null;
  let leafSection: PlanSection | null = null;

  const fail = (line: string, why: string): never => {
    throw new Error(`plan parse error: ${why}: "${line.slice(0, 80)}"`);
  };

  for (const line of lines) {
    let m: RegExpMatchArray | null;
    if ((m = line.match(ZH_CHAPTER))) {
      pendingZhChapter = m[2];
    } else if ((m = line.match(EN_CHAPTER))) {
      if (pendingZhChapter === null) fail(line, 'English chapter without Chinese title');
      const number = ROMAN.indexOf(m[1]) + 1;
      chapter = { code: m[1], number, title: { zh: pendingZhChapter!, en: m[2] } };
      chapters.push(chapter);
      pendingZhChapter = null;
      leafSection = null;
    } else if ((m = line.match(SECTION))) {
      const [, code, title] = m;
      if (CJK.test(title)) {
        pendingZhSections.set(code, title);
        continue;
      }
      const zh = pendingZhSections.get(code) ?? fail(line, `section ${code} has no Chinese title`);
      if (!chapter) fail(line, 'section before any chapter');
      const parts = code.split('.');
      const section: PlanSection = {
        code,
        chapter: chapter!.code,
        parent: parts.length > 2 ? parts.slice(0, 2).join('.') : null,
        title: { zh, en: title },
        subgraph: owningSubgraph(chapter!.code, code),
      };
      sections.push(section);
      // 4.1, 4.2, 4.3 group sub-sections; 5.1..5.3 hold actions directly.
      leafSection = section;
    } else if ((m = line.match(EN_ACTION))) {
      const number = Number(m[1]);
      if (pendingZhText.length === 0) fail(line, `action ${number} has no Chinese text`);
      if (!chapter) fail(line, 'action before any chapter');
      const sectionCode = leafSection?.code ?? null;
      actions.push({
        number,
        chapter: chapter!.code,
        section: sectionCode,
        subgraph: owningSubgraph(chapter!.code, sectionCode),
        text: { zh: pendingZhText.join(' '), en: m[2] },
      });
      pendingZhText = [];
    } else if (CJK.test(line)) {
      pendingZhText.push(line);
    } else {
      fail(line, 'unrecognised line');
    }
  }
  if (pendingZhText.length) fail(pendingZhText[0], 'Chinese text with no English action after it');

  const title: LocalizedText = {
    zh: normalise(all[0]),
    en: normalise(all[1]),
  };
  return {
    title,
    source: 'Five-Year Plan of Action on Lancang-Mekong Cooperation (2018-2022), bilingual text as published by China.org.cn, 2018-01-29 (source: fmprc.gov.cn)',
    chapters,
    sections,
    actions,
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const seedPath = process.argv[2] ?? defaultSeedPath;
  const outPath = process.argv[3] ?? planJsonPath;
  const plan = parsePlan(readFileSync(seedPath, 'utf8'));
  writeFileSync(outPath, JSON.stringify(plan, null, 2) + '\n');
  console.log(`wrote ${outPath}: ${plan.chapters.length} chapters, ${plan.sections.length} sections, ${plan.actions.length} actions`);
}
