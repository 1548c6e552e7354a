// Rough bounding boxes used to place synthetic points inside each member's
// territory along the Lancang-Mekong (only for plausible map positions of
// synthetic records; not data about real places).
import type { SyntheticRandom } from '../../platform-kit/synthetic-random.js';

const boxes: Record<string, { lat: [number, number]; lon: [number, number] }> = {
  CN: { lat: [21.5, 25.5], lon: [99.0, 101.5] }, // Yunnan, along the Lancang
  KH: { lat: [10.8, 14.2], lon: [103.0, 106.8] },
  LA: { lat: [14.0, 21.0], lon: [100.5, 106.0] },
  MM: { lat: [19.5, 22.5], lon: [97.5, 100.0] },
  TH: { lat: [14.5, 18.5], lon: [101.5, 105.0] },
  VN: { lat: [9.0, 11.5], lon: [104.8, 106.8] }, // Mekong Delta
};

const within = (rng: SyntheticRandom, [lo, hi]: [number, number]) => Math.round((lo + rng.next() * (hi - lo)) * 1e4) / 1e4;

export function pointIn(rng: SyntheticRandom, countryCode: string): { lat: number; lon: number } {
  const box = boxes[countryCode];
  return { lat: within(rng, box.lat), lon: within(rng, box.lon) };
}

/** Rivers of the basin, to label synthetic stations. */
export const basinRivers: Record<string, string[]> = {
  CN: ['Lancang'],
  KH: ['Mekong', 'Tonle Sap', 'Sekong'],
  LA: ['Mekong', 'Nam Ou', 'Nam Ngum'],
  MM: ['Mekong'],
  TH: ['Mekong', 'Mun', 'Chi'],
  VN: ['Mekong', 'Bassac'],
};
