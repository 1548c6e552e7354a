// Project sites and water stations placed by longitude and latitude over the
// Lancang-Mekong basin (a positioned chart: no map tiles, so it works offline).
import { request, type Answer } from '../client';
import { escapeHtml } from '../charts';
import { countryName, sectionTitle, settle, type PanelGroup } from '../context';
import type { DashboardProjectLocationsQuery } from '../gql/graphql';
import { formatUsd, t } from '../i18n';
import { Panel } from '../panel';
import { projectLocationsQuery } from '../queries';

export function projectLocations(parent: HTMLElement): PanelGroup {
  const panel = new Panel(parent, 'project-locations', 'ECONOMY', { height: 420 });
  let answer: Answer<DashboardProjectLocationsQuery> | undefined;

  return {
    panels: [panel],
    async load(ctx) {
      const countryCode = ctx.filters.country ?? undefined;
      const loaded = await request(projectLocationsQuery, {
        filter: { countryCode, startYearTo: ctx.filters.year },
        stations: { countryCode },
      });
      return { missingSubgraphs: loaded.missingSubgraphs, apply: () => (answer = loaded) };
    },
    render(ctx) {
      const lang = ctx.lang;
      panel.title = t(lang, 'locationsTitle');
      const isEmpty = (d: DashboardProjectLocationsQuery) => d.projects.edges.length === 0 && d.waterStations.edges.length === 0;
      settle(panel, ctx, answer, isEmpty, (d) => {
        const sites = d.projects.edges.flatMap(({ node: p }) =>
          p.locations.map((l) => ({
            value: [l.lon, l.lat],
            tip:
              `<b>${escapeHtml(p.title[lang])}</b>${p.provenance.synthetic ? ` (${t(lang, 'syntheticBadge')})` : ''}<br>${escapeHtml(l.name)}<br>` +
              `${escapeHtml(sectionTitle(ctx, p.sectorCode))} · ${t(lang, 'committedUsd')}: ${formatUsd(lang, p.totals.committedUsd)}`,
          })),
        );
        const stations = d.waterStations.edges.map(({ node: s }) => ({
          value: [s.lon, s.lat],
          tip: `<b>${escapeHtml(s.name)}</b>${s.provenance.synthetic ? ` (${t(lang, 'syntheticBadge')})` : ''}<br>${t(lang, 'river')}: ${escapeHtml(s.river)} · ${escapeHtml(countryName(ctx, s.countryCode))}`,
        }));
        panel.draw(
          {
            animation: false,
            legend: { top: 0 },
            tooltip: { trigger: 'item', confine: true, formatter: (p: any) => p.data.tip },
            grid: { left: 48, right: 16, top: 36, bottom: 40 },
            xAxis: { type: 'value', name: t(lang, 'longitude'), nameLocation: 'middle', nameGap: 24, min: 92, max: 110 },
            yAxis: { type: 'value', name: t(lang, 'latitude'), nameLocation: 'middle', nameGap: 32, min: 8, max: 30 },
            series: [
              { type: 'scatter', name: t(lang, 'projects'), data: sites, symbolSize: 7, color: '#f78154', itemStyle: { opacity: 0.75 } },
              { type: 'scatter', name: t(lang, 'stations'), data: stations, symbol: 'triangle', symbolSize: 14, color: '#1f5f99' },
            ],
          },
          sites.length + stations.length,
        );
        const projects = d.projects.edges.map((e) => e.node);
        panel.note =
          t(lang, 'locationsNote', projects.length, d.projects.totalCount, ctx.filters.year) +
          ' ' +
          t(lang, 'syntheticShare', projects.filter((p) => p.provenance.synthetic).length, projects.length);
      });
    },
  };
}
