// The mechanism: the chosen year's meetings on a timeline, one row per meeting
// type; reported (non-synthetic) meetings stand out.
import { request, type Answer } from '../client';
import { escapeHtml } from '../charts';
import { countryName, settle, yearRange, type PanelGroup } from '../context';
import type { DashboardMeetingsQuery, MeetingType } from '../gql/graphql';
import { formatDate, t, tEnum } from '../i18n';
import { Panel } from '../panel';
import { meetingsQuery } from '../queries';

const meetingTypes: MeetingType[] = ['LEADERS', 'FOREIGN_MINISTERS', 'SENIOR_OFFICIALS', 'JOINT_WORKING_GROUP', 'AD_HOC'];

export function meetingsTimeline(parent: HTMLElement): PanelGroup {
  const panel = new Panel(parent, 'meetings-timeline', 'POLITICAL_SECURITY', { wide: true, height: 260 });
  let answer: Answer<DashboardMeetingsQuery> | undefined;

  return {
    panels: [panel],
    async load(ctx) {
      const loaded = await request(meetingsQuery, { filter: { year: ctx.filters.year, hostCountryCode: ctx.filters.country ?? undefined } });
      return { missingSubgraphs: loaded.missingSubgraphs, apply: () => (answer = loaded) };
    },
    render(ctx) {
      const lang = ctx.lang;
      panel.title = t(lang, 'meetingsTitle', ctx.filters.year);
      settle(panel, ctx, answer, (d) => d.meetings.edges.length === 0, (d) => {
        const meetings = d.meetings.edges.map((e) => e.node);
        const point = (m: (typeof meetings)[number]) => ({
          value: [m.date, meetingTypes.indexOf(m.type)],
          tip:
            `<b>${escapeHtml(m.title[lang])}</b><br>${formatDate(lang, m.date)} · ${escapeHtml(tEnum(lang, 'meeting', m.type))}<br>` +
            `${t(lang, 'hosts')}: ${m.hostCountries.map((c) => escapeHtml(countryName(ctx, c.code))).join(', ')}` +
            `<br>${m.provenance.synthetic ? t(lang, 'syntheticBadge') : t(lang, 'realRecord')}`,
        });
        const { from, to } = yearRange(ctx.filters.year);
        panel.draw(
          {
            animation: false,
            legend: { top: 0 },
            tooltip: { trigger: 'item', confine: true, formatter: (p: any) => p.data.tip },
            grid: { left: 150, right: 24, top: 36, bottom: 28 },
            xAxis: { type: 'time', min: from, max: to },
            yAxis: { type: 'category', data: meetingTypes.map((m) => tEnum(lang, 'meeting', m)), inverse: true },
            series: [
              { type: 'scatter', name: t(lang, 'syntheticBadge'), data: meetings.filter((m) => m.provenance.synthetic).map(point), symbolSize: 12, color: '#4d9de0' },
              { type: 'scatter', name: t(lang, 'realRecord'), data: meetings.filter((m) => !m.provenance.synthetic).map(point), symbol: 'diamond', symbolSize: 18, color: '#c0392b' },
            ],
          },
          meetings.length,
        );
        panel.note = t(lang, 'syntheticShare', meetings.filter((m) => m.provenance.synthetic).length, meetings.length);
      });
    },
  };
}
