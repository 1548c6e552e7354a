// Plan progress: the 94 actions (columns, one grid per chapter or section) × the
// members (rows), coloured by the status assessed for the chosen year. Each
// pillar's progress is its own request, so an unavailable pillar greys out only
// its columns.
import { request, type Answer } from '../client';
import { escapeHtml, type ChartOption } from '../charts';
import { countriesShown, countryName, partialMessage, sectionTitle, settle, type DashboardContext, type PanelGroup } from '../context';
import type { DashboardOutlineQuery, DashboardProgressEconomyQuery, ProgressStatus } from '../gql/graphql';
import { t, tEnum } from '../i18n';
import { Panel, type Pillar } from '../panel';
import { economyProgressQuery, politicalSecurityProgressQuery, socialCulturalProgressQuery } from '../queries';

type Action = DashboardOutlineQuery['plan']['actions'][number];
type ProgressAnswer = Answer<Pick<DashboardProgressEconomyQuery, 'plan'>>;

const statuses: ProgressStatus[] = ['NO_EVIDENCE', 'NOT_STARTED', 'LIMITED', 'SUBSTANTIAL', 'COMPLETE'];
const statusColours = ['#b9c3cf', '#f2c14e', '#f78154', '#4d9de0', '#2a9d5c'];
const NOT_ASSESSED = -1;
const UNAVAILABLE = -2;
const groupOrder = ['I', 'II', 'III', '4.1', '4.2', '4.3', 'IV', 'V'];

/** Chapter for the framework chapters, top-level section (4.1, 4.2, 4.3) in chapter IV. */
const groupOf = (a: Action) => (a.chapter.code === 'IV' ? (a.section?.parent?.code ?? a.section?.code ?? 'IV') : a.chapter.code);
/** The pillar whose subgraph assesses the action: framework actions are political-security's. */
const assessingPillar = (a: Action): Pillar => a.pillar ?? 'POLITICAL_SECURITY';

export function progressHeatmap(parent: HTMLElement): PanelGroup {
  const panel = new Panel(parent, 'progress-heatmap', undefined, { height: 300, wide: true });
  let answers: Record<Pillar, ProgressAnswer> | undefined;

  return {
    panels: [panel],
    async load(ctx) {
      const variables = { year: ctx.filters.year };
      const [politicalSecurity, economy, socialCultural] = await Promise.all([
        request(politicalSecurityProgressQuery, variables),
        request(economyProgressQuery, variables),
        request(socialCulturalProgressQuery, variables),
      ]);
      const loaded = { POLITICAL_SECURITY: politicalSecurity, ECONOMY: economy, SOCIAL_CULTURAL: socialCultural };
      return {
        missingSubgraphs: [...politicalSecurity.missingSubgraphs, ...economy.missingSubgraphs, ...socialCultural.missingSubgraphs],
        apply: () => (answers = loaded),
      };
    },
    render(ctx) {
      if (!answers) return;
      panel.title = t(ctx.lang, 'heatmapTitle', ctx.filters.year);
      // The outline (political-security) gives the columns: without it there is nothing to place.
      const outlineAnswer = { data: ctx.outline, ...(ctx.outline ? { missingSubgraphs: [], otherErrors: [] } : ctx.outlineFailure) };
      settle(panel, ctx, outlineAnswer, () => false, (outline) => draw(ctx, outline, answers!));
    },
  };

  function draw(ctx: DashboardContext, outline: DashboardOutlineQuery, byPillar: Record<Pillar, ProgressAnswer>) {
    const pillar = ctx.filters.pillar;
    const actions = outline.plan.actions.filter((a) => !pillar || assessingPillar(a) === pillar);
    const countries = countriesShown(ctx);
    const missing = new Set<string>();
    const status = new Map<string, { status: ProgressStatus; synthetic: boolean }>();
    const unavailable = new Set<Pillar>();
    for (const [p, answer] of Object.entries(byPillar) as Array<[Pillar, ProgressAnswer]>) {
      if (!answer.data) {
        unavailable.add(p);
        answer.missingSubgraphs.forEach((s) => missing.add(s));
        continue;
      }
      for (const a of answer.data.plan.actions)
        for (const assessment of 'progress' in a ? a.progress : [])
          status.set(`${a.number}:${assessment.countryCode}`, { status: assessment.status, synthetic: assessment.provenance.synthetic });
    }

    const groups = groupOrder
      .map((code) => ({ code, actions: actions.filter((a) => groupOf(a) === code) }))
      .filter((g) => g.actions.length > 0);
    const left = 150;
    const right = 16;
    const gap = 8;
    const cell = Math.max(4, (panel.width - left - right - gap * (groups.length - 1)) / Math.max(1, actions.length));
    let x = left;
    const option: ChartOption = {
      animation: false,
      grid: [],
      xAxis: [],
      yAxis: [],
      series: [],
      tooltip: {
        confine: true,
        formatter: (params: any) => {
          const [column, row, value] = params.data as [number, number, number];
          const action = groups[params.seriesIndex].actions[column];
          const cellStatus = status.get(`${action.number}:${countries[row]}`);
          const label =
            value === UNAVAILABLE ? t(ctx.lang, 'unavailable') : value === NOT_ASSESSED ? t(ctx.lang, 'notAssessed') : tEnum(ctx.lang, 'status', statuses[value]);
          const section = action.section ? `${action.section.code} ${sectionTitle(ctx, action.section.code).replace(/^[\d.]+ /, '')}` : '';
          return (
            `<div style="max-width:420px;white-space:normal"><b>${t(ctx.lang, 'action')} ${action.number}</b> · ${escapeHtml(section)}<br>` +
            `${escapeHtml(countryName(ctx, countries[row]))}: <b>${escapeHtml(label)}</b>` +
            `${cellStatus?.synthetic ? ` (${t(ctx.lang, 'syntheticBadge')})` : ''}<br>${escapeHtml(action.text[ctx.lang])}</div>`
          );
        },
      },
      visualMap: {
        type: 'piecewise',
        dimension: 2,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        itemWidth: 14,
        itemHeight: 10,
        pieces: [
          ...statuses.map((s, i) => ({ value: i, label: tEnum(ctx.lang, 'status', s), color: statusColours[i] })),
          { value: NOT_ASSESSED, label: t(ctx.lang, 'notAssessed'), color: '#f1f1f1' },
          ...(unavailable.size ? [{ value: UNAVAILABLE, label: t(ctx.lang, 'unavailable'), color: '#6d6d6d' }] : []),
        ],
      },
    };
    let points = 0;
    let synthetic = 0;
    groups.forEach((group, i) => {
      const width = cell * group.actions.length;
      (option.grid as object[]).push({ left: x, width, top: 48, bottom: 56 });
      x += width + gap;
      (option.xAxis as object[]).push({
        type: 'category',
        gridIndex: i,
        position: 'top',
        data: group.actions.map((a) => String(a.number)),
        name: group.code,
        nameLocation: 'middle',
        nameGap: 28,
        nameTextStyle: { fontWeight: 'bold' },
        axisTick: { show: false },
        axisLabel: { fontSize: 9, interval: group.actions.length > 12 ? 4 : 0 },
        splitArea: { show: false },
      });
      (option.yAxis as object[]).push({
        type: 'category',
        gridIndex: i,
        inverse: true,
        data: countries.map((c) => countryName(ctx, c)),
        axisLabel: { show: i === 0, width: 140, overflow: 'truncate' },
        axisTick: { show: false },
      });
      const data: Array<[number, number, number]> = [];
      group.actions.forEach((action, column) =>
        countries.forEach((code, row) => {
          const cellStatus = status.get(`${action.number}:${code}`);
          if (cellStatus?.synthetic) synthetic++;
          if (cellStatus) points++;
          const value = unavailable.has(assessingPillar(action)) ? UNAVAILABLE : cellStatus ? statuses.indexOf(cellStatus.status) : NOT_ASSESSED;
          data.push([column, row, value]);
        }),
      );
      (option.series as object[]).push({
        type: 'heatmap',
        xAxisIndex: i,
        yAxisIndex: i,
        data,
        itemStyle: { borderColor: '#fff', borderWidth: 1 },
        emphasis: { itemStyle: { borderColor: '#222', borderWidth: 1 } },
      });
    });
    const legend = groups.map((g) => {
      const item = document.createElement('span');
      item.className = 'group-legend';
      const chapter = outline.plan.chapters.find((c) => c.code === g.code);
      const title = chapter ? chapter.title[ctx.lang] : sectionTitle(ctx, g.code);
      item.textContent = `${g.code}: ${title}`;
      return item;
    });
    if (points === 0 && unavailable.size === 0) {
      panel.showState('empty', t(ctx.lang, 'empty'));
      return;
    }
    panel.draw(option, points, missing.size ? partialMessage(ctx, [...missing].sort()) : undefined);
    panel.extra.replaceChildren(...legend);
    panel.note = t(ctx.lang, 'syntheticShare', synthetic, points);
  }
}
