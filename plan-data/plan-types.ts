// Shapes of the committed plan and member-country data files.

export type SubgraphName = 'political-security' | 'economy' | 'social-cultural';

export interface LocalizedText {
  zh: string;
  en: string;
}

export interface PlanChapter {
  code: string; // Roman numeral, I..V
  number: number;
  title: LocalizedText;
}

export interface PlanSection {
  code: string; // e.g. "4.2.5"
  chapter: string;
  parent: string | null; // "4.2" for "4.2.5"
  title: LocalizedText;
  subgraph: SubgraphName;
}

export interface PlanAction {
  number: number;
  chapter: string;
  section: string | null; // innermost section; null in chapters I–III
  subgraph: SubgraphName;
  text: LocalizedText;
}

export interface Plan {
  title: LocalizedText;
  source: string;
  chapters: PlanChapter[];
  sections: PlanSection[];
  actions: PlanAction[];
}

export interface MemberCountry {
  code: string; // ISO 3166-1 alpha-2
  name: LocalizedText;
  nativeName: string;
  nativeLanguage: string; // BCP 47 tag of nativeName
}
