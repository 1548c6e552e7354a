// What every panel gets: the language, the filters, the plan outline and members
// (loaded once), and helpers to name things in the chosen language.
import type { Answer } from './client';
import type { DashboardOutlineQuery } from './gql/graphql';
import { subgraphLabel, t, type Lang } from './i18n';
import type { Panel, Pillar } from './panel';

export interface Filters {
  country: string | null;
  pillar: Pillar | null;
  year: number;
}

export interface DashboardContext {
  lang: Lang;
  filters: Filters;
  /** Null until political-security (which serves it) has answered. */
  outline: DashboardOutlineQuery | null;
  /** Why the outline is missing, from its last request. */
  outlineFailure: Pick<Answer<unknown>, 'missingSubgraphs' | 'otherErrors'>;
}

export const memberCodes = ['CN', 'KH', 'LA', 'MM', 'TH', 'VN'] as const;

export function countryName(ctx: DashboardContext, code: string): string {
  const country = ctx.outline?.countries.find((c) => c.code === code);
  return country ? country.name[ctx.lang] : code;
}

export function countriesShown(ctx: DashboardContext): string[] {
  return ctx.filters.country ? [ctx.filters.country] : [...memberCodes];
}

/** Title of a plan section or subsection by code (4.2.4 → "Finance"), else the code. */
export function sectionTitle(ctx: DashboardContext, code: string): string {
  for (const chapter of ctx.outline?.plan.chapters ?? [])
    for (const section of chapter.sections) {
      if (section.code === code) return section.title[ctx.lang];
      const sub = section.subsections.find((s) => s.code === code);
      if (sub) return `${code} ${sub.title[ctx.lang]}`;
    }
  return code;
}

/** What a group of panels loaded: applied only if the filters did not change meanwhile. */
export interface Loaded {
  missingSubgraphs: string[];
  apply(): void;
}

export interface PanelGroup {
  panels: Panel[];
  load(ctx: DashboardContext): Promise<Loaded>;
  render(ctx: DashboardContext): void;
}

/** "Not shown: the economy pillar (subgraph "economy") did not answer." */
export const missingMessage = (ctx: DashboardContext, subgraphs: string[]) =>
  t(ctx.lang, 'missingPanel', subgraphs.map((s) => subgraphLabel(ctx.lang, s)).join(', '));

export const partialMessage = (ctx: DashboardContext, subgraphs: string[]) =>
  t(ctx.lang, 'partialPanel', subgraphs.map((s) => subgraphLabel(ctx.lang, s)).join(', '));

/** The utc [from, to) of a calendar year, as the API's DateTime strings. */
export const yearRange = (year: number) => ({ from: `${year}-01-01T00:00:00.000Z`, to: `${year + 1}-01-01T00:00:00.000Z` });

/**
 * Shows an answer in a panel: missing when a subgraph it needs did not answer,
 * error for other failures, empty when there is nothing to draw, else draw().
 */
export function settle<T>(
  panel: Panel,
  ctx: DashboardContext,
  answer: Answer<T> | undefined,
  isEmpty: (data: T) => boolean,
  draw: (data: T) => void,
): void {
  if (!answer) return;
  if (answer.missingSubgraphs.length) return panel.showState('missing', missingMessage(ctx, answer.missingSubgraphs));
  if (!answer.data) return panel.showState('error', t(ctx.lang, 'failed', answer.otherErrors.join('; ') || '?'));
  if (isEmpty(answer.data)) return panel.showState('empty', t(ctx.lang, 'empty'));
  draw(answer.data);
}
