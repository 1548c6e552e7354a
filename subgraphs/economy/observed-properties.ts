// The properties water stations observe, with their units. Reference data of
// the platform (names of physical quantities), not observations.
import type { LocalizedText } from '../../plan-data/index.js';

export const observedPropertyCodes = ['WATER_LEVEL', 'DISCHARGE', 'RAINFALL', 'DISSOLVED_OXYGEN', 'PH', 'TURBIDITY'] as const;
export type ObservedPropertyCode = (typeof observedPropertyCodes)[number];

export interface ObservedPropertyInfo {
  code: ObservedPropertyCode;
  name: LocalizedText;
  unit: string;
  kind: 'HYDROLOGY' | 'METEOROLOGY' | 'WATER_QUALITY';
}

export const observedProperties: ObservedPropertyInfo[] = [
  { code: 'WATER_LEVEL', name: { en: 'Water level', zh: '水位' }, unit: 'm', kind: 'HYDROLOGY' },
  { code: 'DISCHARGE', name: { en: 'Discharge', zh: '流量' }, unit: 'm3/s', kind: 'HYDROLOGY' },
  { code: 'RAINFALL', name: { en: 'Rainfall', zh: '降雨量' }, unit: 'mm', kind: 'METEOROLOGY' },
  { code: 'DISSOLVED_OXYGEN', name: { en: 'Dissolved oxygen', zh: '溶解氧' }, unit: 'mg/L', kind: 'WATER_QUALITY' },
  { code: 'PH', name: { en: 'pH', zh: 'pH值' }, unit: '1', kind: 'WATER_QUALITY' },
  { code: 'TURBIDITY', name: { en: 'Turbidity', zh: '浊度' }, unit: 'NTU', kind: 'WATER_QUALITY' },
];

export const observedPropertyByCode = new Map(observedProperties.map((p) => [p.code, p]));
