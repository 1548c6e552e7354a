// Synthetic organisers: a few per member and two regional bodies, every one
// named as synthetic. A fixed set (it does not grow with the scale).
import { memberCountries } from '../../plan-data/index.js';
import type { OrganisationRecord } from '../../platform-kit/organisations-documents.js';
import { syntheticProvenance } from '../../platform-kit/provenance.js';

const perCountry = [
  { suffix: 'ministry', type: 'MINISTRY', en: 'ministry of culture and education', zh: '文化教育部' },
  { suffix: 'secretariat', type: 'NATIONAL_SECRETARIAT', en: 'LMC national secretariat', zh: '澜湄合作国家秘书处' },
  { suffix: 'agency', type: 'IMPLEMENTING_AGENCY', en: 'implementing agency', zh: '执行机构' },
  { suffix: 'university', type: 'THINK_TANK', en: 'university', zh: '大学' },
] as const;

export const organisationIdOf = (countryCode: string, suffix: (typeof perCountry)[number]['suffix']) => `org-sc-${countryCode}-${suffix}`;
export const REGIONAL_ORGANISER_IDS = ['org-sc-regional-jwg', 'org-sc-regional-io'];

export function syntheticOrganisations(): OrganisationRecord[] {
  const provenance = syntheticProvenance();
  const national = memberCountries.flatMap((c) =>
    perCountry.map((o) => ({
      _id: organisationIdOf(c.code, o.suffix),
      name: { en: `Synthetic ${o.en} (${c.code})`, zh: `合成${o.zh}（${c.code}）` },
      type: o.type,
      countryCode: c.code,
      provenance,
    })),
  );
  const regional: OrganisationRecord[] = [
    { _id: REGIONAL_ORGANISER_IDS[0], name: { en: 'Synthetic joint working group on social and cultural cooperation', zh: '合成社会人文合作联合工作组' }, type: 'JOINT_WORKING_GROUP', countryCode: null, provenance },
    { _id: REGIONAL_ORGANISER_IDS[1], name: { en: 'Synthetic regional organisation', zh: '合成地区组织' }, type: 'INTERNATIONAL_ORGANISATION', countryCode: null, provenance },
  ];
  return [...national, ...regional];
}
