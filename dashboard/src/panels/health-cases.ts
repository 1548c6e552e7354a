// Health surveillance: monthly dengue cases of each member over the chosen year.
import { request, type Answer } from '../client';
import { countriesShown, countryName, settle, yearRange, type PanelGroup } from '../context';
import type { DashboardHealthCasesQuery } from '../gql/graphql';
import { formatMonth, formatNumber, t } from '../i18n';
import { Panel } from '../panel';
import { healthCasesQuery } from '../queries';

type Series = DashboardHealthCasesQuery['CN'];

export function healthCases(parent: HTMLElement): PanelGroup {
  const panel = new Panel(parent, 'health-cases', 'SOCIAL_CULTURAL');
  let answer: Answer<DashboardHealthCasesQuery> | undefined;

  return {
    panels: [panel],
    async load(ctx) {
      const loaded = await request(healthCasesQuery, { disease: 'DENGUE', ...yearRange(ctx.filters.year) });
      return { missingSubgraphs: loaded.missingSubgraphs, apply: () => (answer = loaded) };
    },
    render(ctx) {
      const lang = ctx.lang;
      panel.title = t(lang, 'healthTitle', ctx.filters.year);
      const shown = (d: DashboardHealthCasesQuery) =>
        countriesShown(ctx).map((code) => ({ code, series: d[code as keyof DashboardHealthCasesQuery] as Series }));
      settle(panel, ctx, answer, (d) => !shown(d).some((c) => c.series.some((b) => b.sum > 0)), (d) => {
        const countries = shown(d);
        const months = countries[0].series.map((b) => formatMonth(lang, b.start));
        panel.draw(
          {
            animation: false,
            legend: { top: 0, type: 'scroll' },
            tooltip: { trigger: 'axis', valueFormatter: (v) => formatNumber(lang, Number(v)) },
            grid: { left: 56, right: 16, top: 56, bottom: 28 },
            xAxis: { type: 'category', data: months },
            yAxis: { type: 'value', name: t(lang, 'cases') },
            series: countries.map((c) => ({ type: 'line', name: countryName(ctx, c.code), data: c.series.map((b) => b.sum) })),
          },
          countries.reduce((n, c) => n + c.series.filter((b) => b.sum > 0).length, 0),
        );
        panel.note = t(lang, 'syntheticSeries');
      });
    },
  };
}
