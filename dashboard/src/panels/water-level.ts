// A water station's monthly water level (mean, minimum, maximum) over the chosen
// year: the first station of the chosen member, with its flood and alarm stages.
import { request, type Answer } from '../client';
import { countryName, settle, yearRange, type PanelGroup } from '../context';
import type { DashboardWaterLevelQuery } from '../gql/graphql';
import { formatMonth, formatNumber, t } from '../i18n';
import { Panel } from '../panel';
import { waterLevelQuery } from '../queries';

export function waterLevel(parent: HTMLElement): PanelGroup {
  const panel = new Panel(parent, 'water-level', 'ECONOMY');
  let answer: Answer<DashboardWaterLevelQuery> | undefined;

  return {
    panels: [panel],
    async load(ctx) {
      const loaded = await request(waterLevelQuery, { stations: { countryCode: ctx.filters.country ?? undefined, property: 'WATER_LEVEL' }, ...yearRange(ctx.filters.year) });
      return { missingSubgraphs: loaded.missingSubgraphs, apply: () => (answer = loaded) };
    },
    render(ctx) {
      const lang = ctx.lang;
      panel.title = t(lang, 'waterTitle', ctx.filters.year);
      const station = (d: DashboardWaterLevelQuery) => d.waterStations.edges[0]?.node;
      settle(panel, ctx, answer, (d) => !station(d)?.series.some((b) => b.count > 0), (d) => {
        const s = station(d)!;
        const buckets = s.series.filter((b) => b.count > 0);
        const stages = [
          ...(s.floodStage != null ? [{ name: t(lang, 'floodStage'), yAxis: s.floodStage }] : []),
          ...(s.alarmStage != null ? [{ name: t(lang, 'alarmStage'), yAxis: s.alarmStage }] : []),
        ];
        const line = (name: string, values: Array<number | null | undefined>, color: string, dashed = false) => ({
          type: 'line' as const,
          name,
          data: values.map((v) => v ?? null),
          color,
          lineStyle: dashed ? { type: 'dashed' as const } : undefined,
        });
        panel.draw(
          {
            animation: false,
            legend: { top: 0 },
            tooltip: { trigger: 'axis', valueFormatter: (v) => formatNumber(lang, Number(v)) },
            grid: { left: 48, right: 16, top: 36, bottom: 28 },
            xAxis: { type: 'category', data: buckets.map((b) => formatMonth(lang, b.start)) },
            yAxis: { type: 'value', scale: true },
            series: [
              { ...line(t(lang, 'meanLevel'), buckets.map((b) => b.mean), '#1f5f99'), markLine: stages.length ? { symbol: 'none', label: { formatter: '{b}', position: 'insideEndTop' }, data: stages } : undefined },
              line(t(lang, 'minLevel'), buckets.map((b) => b.min), '#8fb8de', true),
              line(t(lang, 'maxLevel'), buckets.map((b) => b.max), '#8fb8de', true),
            ],
          },
          buckets.length,
        );
        panel.note = `${t(lang, 'station')}: ${s.name} · ${t(lang, 'river')}: ${s.river} · ${countryName(ctx, s.countryCode)}${s.provenance.synthetic ? ` · ${t(lang, 'syntheticBadge')}` : ''}`;
      });
    },
  };
}
