// Deterministic pseudo-random numbers for synthetic data (mulberry32): the same
// seed always generates the same records.
export class SyntheticRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** k distinct items (k ≤ items.length), in a random order. */
  sample<T>(items: readonly T[], k: number): T[] {
    const pool = [...items];
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(this.next() * (pool.length - i));
      [pool[i], pool[j]] = [pool[j], pool[i]];
    }
    return pool.slice(0, k);
  }

  /** Approximately normal (sum of uniforms), mean 0, sd 1. */
  gaussian(): number {
    let s = 0;
    for (let i = 0; i < 6; i++) s += this.next();
    return (s - 3) * Math.SQRT2;
  }
}

function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * One independent stream per generated record, derived from the run's seed,
 * a stream name (the record kind) and the record's index: record i is the same
 * whatever the scale, so a larger scale extends a smaller one.
 */
export function recordRandom(randomSeed: number, stream: string, index: number): SyntheticRandom {
  const mixed = Math.imul(hashString(stream) ^ (randomSeed >>> 0), 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca77);
  const random = new SyntheticRandom(mixed >>> 0);
  random.next(); // decorrelate neighbouring seeds
  return random;
}
