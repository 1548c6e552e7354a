// The platform's code lists (political-security owns the framework): the
// plan's sections, the progress scale, roles, the record types of every
// pillar and their statuses, with English and Chinese labels.
import { plan } from '../../plan-data/index.js';
import { codelist, codelistsVersion, type Codelist } from '../../platform-kit/codelists.js';

const l = (en: string, zh: string) => ({ en, zh });

const lists: Codelist[] = [
  codelist(
    'SECTOR',
    l('Sections of the Plan of Action', '行动计划章节'),
    plan.sections.map((s) => ({ code: s.code, label: s.title, parent: s.parent })),
  ),
  codelist('PROGRESS_STATUS', l('Progress scale', '进展等级'), [
    { code: 'NO_EVIDENCE', label: l('No evidence', '无证据') },
    { code: 'NOT_STARTED', label: l('Not started', '未启动') },
    { code: 'LIMITED', label: l('Limited progress', '有限进展') },
    { code: 'SUBSTANTIAL', label: l('Substantial progress', '实质进展') },
    { code: 'COMPLETE', label: l('Complete', '已完成') },
  ]),
  codelist('ROLE', l('Access roles', '访问角色'), [
    { code: 'ANONYMOUS', label: l('Anonymous reader', '匿名读者') },
    { code: 'THINK_TANK_READER', label: l('Think-tank reader', '智库读者') },
    { code: 'MINISTRY_EDITOR', label: l('Ministry editor', '部委编辑') },
    { code: 'SECRETARIAT_ADMIN', label: l('Secretariat administrator', '秘书处管理员') },
  ]),
  codelist('RECORD_TYPE', l('Record types', '记录类型'), [
    { code: 'PLAN_ACTION', label: l('Plan action', '行动计划措施') },
    { code: 'MEETING', label: l('Meeting', '会议') },
    { code: 'COOPERATION_ACTIVITY', label: l('Cooperation activity', '合作活动') },
    { code: 'MECHANISM_BODY', label: l('Mechanism body', '机制机构') },
    { code: 'PROJECT', label: l('Project', '项目') },
    { code: 'WATER_OBSERVATION', label: l('Water observation', '水文观测') },
    { code: 'EXCHANGE_PROGRAMME', label: l('Exchange programme', '交流项目') },
    { code: 'EVENT', label: l('Event', '活动') },
    { code: 'HEALTH_CASE', label: l('Health case report', '卫生病例报告') },
    { code: 'TOURISM_ARRIVAL', label: l('Tourism arrival report', '旅游入境报告') },
    { code: 'ORGANISATION', label: l('Organisation', '机构') },
    { code: 'DOCUMENT', label: l('Document', '文件') },
    { code: 'PROGRESS_ASSESSMENT', label: l('Progress assessment', '进展评估') },
  ]),
  codelist('PROJECT_STATUS', l('Project statuses', '项目状态'), [
    { code: 'PIPELINE', label: l('Pipeline', '筹备中') },
    { code: 'IMPLEMENTATION', label: l('Implementation', '实施中') },
    { code: 'COMPLETED', label: l('Completed', '已完成') },
    { code: 'CANCELLED', label: l('Cancelled', '已取消') },
    { code: 'SUSPENDED', label: l('Suspended', '已暂停') },
  ]),
  codelist('MECHANISM_BODY_STATUS', l('Mechanism body statuses', '机制机构状态'), [
    { code: 'PROPOSED', label: l('Proposed', '已提议') },
    { code: 'EXPLORING', label: l('Exploring', '探讨中') },
    { code: 'ESTABLISHED', label: l('Established', '已建立') },
  ]),
  codelist('PROGRESS_DRAFT_STATE', l('Progress draft states', '进展草稿状态'), [
    { code: 'DRAFT', label: l('Draft', '草稿') },
    { code: 'SUBMITTED', label: l('Submitted', '已提交') },
    { code: 'APPROVED', label: l('Approved', '已批准') },
    { code: 'RETURNED', label: l('Returned', '已退回') },
    { code: 'PUBLISHED', label: l('Published', '已发布') },
  ]),
];

export const codelists = { version: codelistsVersion(lists), lists };
