// The dashboard page: filters, language toggle, the outage banner and the panels.
// Filters live in the URL (?lang=zh&country=TH&pillar=ECONOMY&year=2021) so a
// view can be shared; changing one reloads the visible panels, changing the
// language only redraws them.
import './styles.css';
import { request } from './client';
import { memberCodes, type DashboardContext, type Filters, type PanelGroup } from './context';
import { subgraphLabel, t, type Lang, type MessageKey } from './i18n';
import type { Pillar } from './panel';
import { funding } from './panels/funding';
import { healthCases } from './panels/health-cases';
import { meetingsTimeline } from './panels/meetings-timeline';
import { progressHeatmap } from './panels/progress-heatmap';
import { projectLocations } from './panels/project-locations';
import { waterLevel } from './panels/water-level';
import { outlineQuery } from './queries';

const years = [2018, 2019, 2020, 2021, 2022];
const pillars: Pillar[] = ['POLITICAL_SECURITY', 'ECONOMY', 'SOCIAL_CULTURAL'];

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const params = new URLSearchParams(location.search);
const ctx: DashboardContext = {
  lang: params.get('lang') === 'zh' ? 'zh' : 'en',
  filters: {
    country: memberCodes.find((c) => c === params.get('country')) ?? null,
    pillar: pillars.find((p) => p === params.get('pillar')) ?? null,
    year: years.find((y) => String(y) === params.get('year')) ?? 2020,
  },
  outline: null,
  outlineFailure: { missingSubgraphs: [], otherErrors: [] },
};

const countrySelect = byId<HTMLSelectElement>('filter-country');
const pillarSelect = byId<HTMLSelectElement>('filter-pillar');
const yearSelect = byId<HTMLSelectElement>('filter-year');
const languageButton = byId<HTMLButtonElement>('language-toggle');
const outageBanner = byId<HTMLParagraphElement>('outage');
const panelsRoot = byId<HTMLElement>('panels');

const groups: PanelGroup[] = [
  progressHeatmap(panelsRoot),
  funding(panelsRoot),
  projectLocations(panelsRoot),
  waterLevel(panelsRoot),
  healthCases(panelsRoot),
  meetingsTimeline(panelsRoot),
];

/** Subgraphs that did not answer the latest load (outline included). */
let missingSubgraphs: string[] = [];
let generation = 0;

function option(value: string, label: string, selected: boolean): HTMLOptionElement {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = label;
  o.selected = selected;
  return o;
}

/** Static labels, filter options and the banner, in the chosen language. */
function renderChrome(): void {
  const lang = ctx.lang;
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t(lang, 'pageTitle');
  for (const element of document.querySelectorAll<HTMLElement>('[data-i18n]')) element.textContent = t(lang, element.dataset.i18n as MessageKey);
  languageButton.setAttribute('aria-label', t(lang, 'languageToggleLabel'));
  const name = (code: string) => ctx.outline?.countries.find((c) => c.code === code)?.name[lang] ?? code;
  countrySelect.replaceChildren(
    option('', t(lang, 'allCountries'), !ctx.filters.country),
    ...memberCodes.map((c) => option(c, name(c), ctx.filters.country === c)),
  );
  pillarSelect.replaceChildren(
    option('', t(lang, 'allPillars'), !ctx.filters.pillar),
    ...pillars.map((p) => option(p, t(lang, `pillar_${p}`), ctx.filters.pillar === p)),
  );
  yearSelect.replaceChildren(...years.map((y) => option(String(y), String(y), ctx.filters.year === y)));
  outageBanner.hidden = missingSubgraphs.length === 0;
  outageBanner.textContent = missingSubgraphs.length
    ? t(lang, 'outageBanner', missingSubgraphs.map((s) => subgraphLabel(lang, s)).join(', '))
    : '';
}

function renderAll(): void {
  renderChrome();
  for (const group of groups) if (group.panels.some((p) => p.visible)) group.render(ctx);
}

/** Loads the outline and every visible panel for the current filters. */
async function load(): Promise<void> {
  const current = ++generation;
  const visible = groups.filter((g) => {
    for (const p of g.panels) p.visible = !ctx.filters.pillar || !p.pillar || p.pillar === ctx.filters.pillar;
    return g.panels.some((p) => p.visible);
  });
  for (const g of visible) for (const p of g.panels) p.showState('loading', t(ctx.lang, 'loading'));
  document.body.dataset.loading = 'true';

  const outline = ctx.outline ? undefined : request(outlineQuery, {});
  const loads = await Promise.all(visible.map((g) => g.load(ctx)));
  const outlineAnswer = await outline;
  if (current !== generation) return;
  if (outlineAnswer?.data) ctx.outline = outlineAnswer.data;
  else if (outlineAnswer) ctx.outlineFailure = outlineAnswer;
  missingSubgraphs = [...new Set([...(outlineAnswer?.missingSubgraphs ?? []), ...loads.flatMap((l) => l.missingSubgraphs)])].sort();
  for (const l of loads) l.apply();
  renderAll();
  document.body.dataset.loading = 'false';
}

function updateUrl(): void {
  const q = new URLSearchParams();
  if (ctx.lang !== 'en') q.set('lang', ctx.lang);
  if (ctx.filters.country) q.set('country', ctx.filters.country);
  if (ctx.filters.pillar) q.set('pillar', ctx.filters.pillar);
  q.set('year', String(ctx.filters.year));
  history.replaceState(null, '', `${location.pathname}?${q}`);
}

function setFilters(change: Partial<Filters>): void {
  ctx.filters = { ...ctx.filters, ...change };
  updateUrl();
  void load();
}

countrySelect.addEventListener('change', () => setFilters({ country: countrySelect.value || null }));
pillarSelect.addEventListener('change', () => setFilters({ pillar: (pillarSelect.value || null) as Pillar | null }));
yearSelect.addEventListener('change', () => setFilters({ year: Number(yearSelect.value) }));
languageButton.addEventListener('click', () => {
  ctx.lang = ctx.lang === 'en' ? ('zh' as Lang) : 'en';
  updateUrl();
  renderAll();
});
window.addEventListener('resize', () => groups.forEach((g) => g.panels.forEach((p) => p.resize())));

// The explorer is off in production: no link to it then.
fetch('/explorer/', { method: 'HEAD' })
  .then((r) => (byId<HTMLAnchorElement>('explorer-link').hidden = !r.ok))
  .catch(() => undefined);
renderChrome();
void load();
