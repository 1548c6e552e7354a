// One independent pseudo-random stream per generated record, derived from the
// run's seed, the record kind and its index: record i is the same whatever the
// scale, so a larger scale extends a smaller one instead of reshuffling it.
import { SyntheticRandom } from '../../platform-kit/synthetic-random.js';

function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

export function recordRandom(randomSeed: number, stream: string, index: number): SyntheticRandom {
  const mixed = Math.imul(hashString(stream) ^ (randomSeed >>> 0), 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca77);
  const random = new SyntheticRandom(mixed >>> 0);
  random.next(); // decorrelate neighbouring seeds
  return random;
}

export const pad6 = (n: number) => String(n).padStart(6, '0');
