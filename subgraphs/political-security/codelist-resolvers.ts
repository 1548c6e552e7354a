// Query.codelists (codelist-data.ts) and the citation of this pillar's records.
import { citationOf, PILLAR_TITLES } from '../../platform-kit/citation.js';
import { codelists } from './codelist-data.js';
import type { CodelistsResolvers, QueryResolvers } from './generated/resolvers-types.js';
import type { CooperationActivityRecord, MechanismBodyRecord, MeetingRecord } from './mechanism-models.js';

export const codelistQuery: Pick<QueryResolvers, 'codelists'> = {
  codelists: () => codelists,
};

export const codelistsResolvers: CodelistsResolvers = {
  list: (c, { name }) => c.lists.find((l) => l.name === name) ?? null,
};

const pillar = PILLAR_TITLES['political-security'];
export const meetingCitation = (m: MeetingRecord) => citationOf({ title: m.title, id: m._id, kind: 'meeting', pillar, provenance: m.provenance });
export const activityCitation = (a: CooperationActivityRecord) =>
  citationOf({ title: a.title, id: a._id, kind: 'cooperation activity', pillar, provenance: a.provenance });
export const bodyCitation = (b: MechanismBodyRecord) => citationOf({ title: b.name, id: b._id, kind: 'mechanism body', pillar, provenance: b.provenance });
