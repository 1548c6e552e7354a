// Projects and funding (economy rollups): by year for the chosen member (or
// all), and by sector and by member for the chosen year.
import { request, type Answer } from '../client';
import type { ChartOption } from '../charts';
import { countryName, sectionTitle, settle, type DashboardContext, type PanelGroup } from '../context';
import type { DashboardFundingQuery } from '../gql/graphql';
import { formatUsd, t } from '../i18n';
import { Panel } from '../panel';
import { fundingQuery } from '../queries';

type Row = { projectCount: number; committedUsd: number; disbursedUsd: number };

export function funding(parent: HTMLElement): PanelGroup {
  const byYear = new Panel(parent, 'funding-by-year', 'ECONOMY');
  const bySector = new Panel(parent, 'funding-by-sector', 'ECONOMY');
  const byCountry = new Panel(parent, 'funding-by-country', 'ECONOMY');
  let answer: Answer<DashboardFundingQuery> | undefined;

  return {
    panels: [byYear, bySector, byCountry],
    async load(ctx) {
      const countryCode = ctx.filters.country ?? undefined;
      const inYear = { countryCode, yearFrom: ctx.filters.year, yearTo: ctx.filters.year };
      const loaded = await request(fundingQuery, { all: { countryCode }, inYear, syntheticInYear: { ...inYear, synthetic: true } });
      return { missingSubgraphs: loaded.missingSubgraphs, apply: () => (answer = loaded) };
    },
    render(ctx) {
      const year = ctx.filters.year;
      byYear.title = t(ctx.lang, 'fundingYearTitle');
      bySector.title = t(ctx.lang, 'fundingSectorTitle', year);
      byCountry.title = t(ctx.lang, 'fundingCountryTitle', year);
      settle(byYear, ctx, answer, (d) => !d.byYear.some(hasValue), (d) => {
        const rows = d.byYear.filter(hasValue);
        byYear.draw(bars(ctx, rows.map((r) => String(r.year)), rows, true), rows.length);
      });
      settle(bySector, ctx, answer, (d) => !d.bySector.some(hasValue), (d) => {
        const rows = d.bySector.filter(hasValue);
        bySector.draw(bars(ctx, rows.map((r) => sectionTitle(ctx, r.sectorCode ?? '')), rows, false, true), rows.length);
        const synthetic = d.syntheticBySector.reduce((sum, r) => sum + r.projectCount, 0);
        bySector.note = t(ctx.lang, 'syntheticAggregate', synthetic, rows.reduce((sum, r) => sum + r.projectCount, 0));
      });
      settle(byCountry, ctx, answer, (d) => !d.byCountry.some(hasValue), (d) => {
        const rows = d.byCountry.filter(hasValue);
        byCountry.draw(bars(ctx, rows.map((r) => countryName(ctx, r.countryCode ?? '')), rows, true), rows.length);
      });
    },
  };
}

const hasValue = (r: Row) => r.projectCount > 0 || r.committedUsd > 0 || r.disbursedUsd > 0;

/** Committed and disbursed USD as bars, projects as a line on a second axis. */
function bars(ctx: DashboardContext, categories: string[], rows: Row[], withCount: boolean, horizontal = false): ChartOption {
  const lang = ctx.lang;
  const usdAxis = { type: 'value' as const, axisLabel: { formatter: (v: number) => formatUsd(lang, v) } };
  // Long member names on a vertical chart are turned so they do not overlap.
  const turn = !horizontal && categories.some((c) => c.length > 8) ? 25 : 0;
  const categoryAxis = { type: 'category' as const, data: categories, axisLabel: { interval: 0, rotate: turn, width: 150, overflow: 'truncate' as const } };
  return {
    animation: false,
    tooltip: { trigger: 'axis', valueFormatter: (v) => formatUsd(lang, Number(v)) },
    legend: { top: 0 },
    grid: { left: horizontal ? 160 : 8, right: horizontal ? 16 : 8, top: 56, bottom: horizontal ? 28 : 8, containLabel: !horizontal },
    xAxis: horizontal ? usdAxis : categoryAxis,
    yAxis: horizontal
      ? { ...categoryAxis, inverse: true }
      : [usdAxis, ...(withCount ? [{ type: 'value' as const, name: t(lang, 'projects'), minInterval: 1 }] : [])],
    series: [
      { type: 'bar', name: t(lang, 'committedUsd'), data: rows.map((r) => r.committedUsd), color: '#4d9de0' },
      { type: 'bar', name: t(lang, 'disbursedUsd'), data: rows.map((r) => r.disbursedUsd), color: '#2a9d5c' },
      ...(withCount
        ? [{ type: 'line' as const, name: t(lang, 'projectCount'), yAxisIndex: 1, data: rows.map((r) => r.projectCount), color: '#f78154', tooltip: { valueFormatter: (v: unknown) => String(v) } }]
        : []),
    ],
  };
}
