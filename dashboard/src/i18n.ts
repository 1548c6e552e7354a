// Every label and text of the page in both languages of the plan. Data text
// (plan actions, titles, country names) comes bilingual from the API itself.
export type Lang = 'en' | 'zh';

const en = {
  pageTitle: 'LMC Plan of Action dashboard',
  pageSubtitle: 'Lancang-Mekong Cooperation, Five-Year Plan of Action 2018–2022: live data through the public GraphQL API',
  languageToggle: '中文',
  languageToggleLabel: 'Switch language',
  explorerLink: 'GraphQL explorer',
  syntheticNotice:
    'Synthetic data: apart from the plan text, the six members and one reported meeting, the records on this page are generated demo data (provenance.synthetic = true, source "synthetic"). They are not official figures.',
  filterCountry: 'Country',
  filterPillar: 'Pillar',
  filterYear: 'Year',
  allCountries: 'All members',
  allPillars: 'All pillars',
  loading: 'Loading…',
  empty: 'No data for this selection.',
  failed: 'Could not load: {0}',
  missingPanel: 'Not shown: the {0} did not answer.',
  partialPanel: 'Partly shown: the {0} did not answer; its part is greyed out.',
  outageBanner: 'Part of the data is missing: the {0} did not answer. Everything else is shown.',
  subgraphName: '{0} pillar (subgraph "{1}")',
  syntheticBadge: 'synthetic',
  syntheticShare: '{0} of {1} records shown are synthetic.',
  syntheticAggregate: 'Built from records of which {0} of {1} projects are synthetic.',
  syntheticSeries: 'Series aggregated from reports; in this deployment the reports are synthetic (see HealthCase.provenance).',
  // Panels
  heatmapTitle: 'Plan progress: 94 actions × 6 members, {0}',
  heatmapHint: 'Columns are the plan’s actions, grouped by chapter (I–III, V) and section (4.1–4.3); hover a cell for the action text.',
  fundingYearTitle: 'Projects and funding by year',
  fundingSectorTitle: 'Funding by sector, {0}',
  fundingCountryTitle: 'Funding by member, {0}',
  locationsTitle: 'Project sites and water stations',
  locationsNote: 'Showing {0} of {1} projects started by {2}.',
  waterTitle: 'Water level, monthly, {0}',
  healthTitle: 'Dengue cases by member, monthly, {0}',
  meetingsTitle: 'Meetings of the mechanism, {0}',
  // Series and axes
  committedUsd: 'Committed (USD)',
  disbursedUsd: 'Disbursed (USD)',
  projectCount: 'Projects started',
  projects: 'Projects',
  stations: 'Water stations',
  longitude: 'Longitude',
  latitude: 'Latitude',
  meanLevel: 'Mean level (m)',
  minLevel: 'Minimum (m)',
  maxLevel: 'Maximum (m)',
  floodStage: 'Flood stage',
  alarmStage: 'Alarm stage',
  cases: 'Cases',
  month: 'Month',
  year: 'Year',
  action: 'Action',
  country: 'Member',
  status: 'Status',
  station: 'Station',
  river: 'River',
  sector: 'Sector',
  meetingType: 'Meeting type',
  hosts: 'Hosts',
  notAssessed: 'Not assessed',
  unavailable: 'Pillar unavailable',
  realRecord: 'reported (not synthetic)',
  // Enums
  pillar_POLITICAL_SECURITY: 'Political-security',
  pillar_ECONOMY: 'Economy',
  pillar_SOCIAL_CULTURAL: 'Social-cultural',
  'subgraph_political-security': 'political-security',
  subgraph_economy: 'economy',
  'subgraph_social-cultural': 'social-cultural',
  status_NO_EVIDENCE: 'No evidence',
  status_NOT_STARTED: 'Not started',
  status_LIMITED: 'Limited progress',
  status_SUBSTANTIAL: 'Substantial progress',
  status_COMPLETE: 'Complete',
  meeting_LEADERS: 'Leaders',
  meeting_FOREIGN_MINISTERS: 'Foreign Ministers',
  meeting_SENIOR_OFFICIALS: 'Senior Officials',
  meeting_JOINT_WORKING_GROUP: 'Joint Working Group',
  meeting_AD_HOC: 'Ad hoc',
};

export type MessageKey = keyof typeof en;

const zh: Record<MessageKey, string> = {
  pageTitle: '澜湄合作五年行动计划数据看板',
  pageSubtitle: '澜沧江-湄公河合作五年行动计划（2018–2022）：通过公开 GraphQL 接口读取的实时数据',
  languageToggle: 'English',
  languageToggleLabel: '切换语言',
  explorerLink: 'GraphQL 查询浏览器',
  syntheticNotice:
    '合成数据：除行动计划文本、六个成员国和一次已报道的会议外，本页记录均为生成的演示数据（provenance.synthetic = true，来源 "synthetic"），并非官方数据。',
  filterCountry: '国家',
  filterPillar: '支柱',
  filterYear: '年份',
  allCountries: '全部成员国',
  allPillars: '全部支柱',
  loading: '加载中…',
  empty: '所选条件下没有数据。',
  failed: '无法加载：{0}',
  missingPanel: '未显示：{0}没有响应。',
  partialPanel: '部分显示：{0}没有响应，其部分以灰色表示。',
  outageBanner: '部分数据缺失：{0}没有响应。其余部分照常显示。',
  subgraphName: '{0}支柱（子图 "{1}"）',
  syntheticBadge: '合成数据',
  syntheticShare: '所示 {1} 条记录中有 {0} 条为合成数据。',
  syntheticAggregate: '汇总所依据的 {1} 个项目中有 {0} 个为合成数据。',
  syntheticSeries: '序列由报告汇总而成；本部署中的报告为合成数据（见 HealthCase.provenance）。',
  heatmapTitle: '计划进展：94 项行动 × 6 个成员国，{0} 年',
  heatmapHint: '每列为一项行动，按章（第一至三章、第五章）和节（4.1–4.3）分组；将鼠标悬停在格子上可查看行动内容。',
  fundingYearTitle: '各年项目与资金',
  fundingSectorTitle: '各领域资金，{0} 年',
  fundingCountryTitle: '各成员国资金，{0} 年',
  locationsTitle: '项目地点与水文站',
  locationsNote: '显示 {2} 年及以前开始的 {1} 个项目中的 {0} 个。',
  waterTitle: '水位（月度），{0} 年',
  healthTitle: '各成员国登革热病例（月度），{0} 年',
  meetingsTitle: '合作机制会议，{0} 年',
  committedUsd: '承诺额（美元）',
  disbursedUsd: '拨付额（美元）',
  projectCount: '开工项目数',
  projects: '项目',
  stations: '水文站',
  longitude: '经度',
  latitude: '纬度',
  meanLevel: '平均水位（米）',
  minLevel: '最低（米）',
  maxLevel: '最高（米）',
  floodStage: '洪水位',
  alarmStage: '警戒水位',
  cases: '病例数',
  month: '月份',
  year: '年份',
  action: '行动',
  country: '成员国',
  status: '状态',
  station: '站点',
  river: '河流',
  sector: '领域',
  meetingType: '会议类型',
  hosts: '主办国',
  notAssessed: '未评估',
  unavailable: '该支柱不可用',
  realRecord: '已报道（非合成）',
  pillar_POLITICAL_SECURITY: '政治安全',
  pillar_ECONOMY: '经济与可持续发展',
  pillar_SOCIAL_CULTURAL: '社会人文',
  'subgraph_political-security': '政治安全',
  subgraph_economy: '经济与可持续发展',
  'subgraph_social-cultural': '社会人文',
  status_NO_EVIDENCE: '无证据',
  status_NOT_STARTED: '未开始',
  status_LIMITED: '有限进展',
  status_SUBSTANTIAL: '实质进展',
  status_COMPLETE: '已完成',
  meeting_LEADERS: '领导人会议',
  meeting_FOREIGN_MINISTERS: '外长会',
  meeting_SENIOR_OFFICIALS: '高官会',
  meeting_JOINT_WORKING_GROUP: '联合工作组会议',
  meeting_AD_HOC: '特别会议',
};

const messages: Record<Lang, Record<MessageKey, string>> = { en, zh };

/** The message in the language, with {0}, {1}… replaced by the arguments. */
export function t(lang: Lang, key: MessageKey, ...args: Array<string | number>): string {
  return messages[lang][key].replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)] ?? ''));
}

/** A key built from an enum value or subgraph name (falls back to the raw value). */
export function tEnum(lang: Lang, prefix: string, value: string): string {
  const key = `${prefix}_${value}` as MessageKey;
  return key in messages[lang] ? messages[lang][key] : value;
}

/** "the economy pillar (subgraph "economy")" for an outage message. */
export function subgraphLabel(lang: Lang, subgraph: string): string {
  return t(lang, 'subgraphName', tEnum(lang, 'subgraph', subgraph), subgraph);
}

export function formatNumber(lang: Lang, value: number): string {
  return new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { maximumFractionDigits: 1 }).format(value);
}

export function formatUsd(lang: Lang, value: number): string {
  return new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

export function formatMonth(lang: Lang, iso: string): string {
  return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { month: 'short', timeZone: 'UTC' }).format(new Date(iso));
}

export function formatDate(lang: Lang, iso: string): string {
  return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(iso));
}
