// A small seeded PRNG (sfc32) and the sampling helpers the seed factories need. Each case
// gets its own generator derived from (seed, index), so any case can be regenerated alone.

/** murmur3's 32-bit finaliser: spreads neighbouring seeds/indexes over the whole state space. */
function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A categorical distribution with its cumulative weights precomputed (picked per case). */
export type TWeighted<T> = { readonly values: readonly T[]; readonly cumulative: Float64Array; readonly total: number };

export function weighted<T>(entries: readonly (readonly [T, number])[]): TWeighted<T> {
  const cumulative = new Float64Array(entries.length);
  let total = 0;
  entries.forEach(([, weight], i) => {
    if (!(weight >= 0) || !Number.isFinite(weight)) throw new Error(`weight ${i} must be a finite number ≥ 0`);
    total += weight;
    cumulative[i] = total;
  });
  if (total <= 0) throw new Error("a weighted distribution needs a positive total weight");
  return { values: entries.map(([value]) => value), cumulative, total };
}

/** Small Fast Counting generator (PractRand-clean, 128-bit state, a few integer ops per draw). */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal: number | null = null;

  /** `stream` separates independent uses of one seed (cases, exposure, …). */
  constructor(seed: number, index = 0, stream = 0) {
    // Index may exceed 2^32 in principle; mix its high and low words separately.
    const low = index >>> 0;
    const high = Math.floor(index / 0x1_0000_0000) >>> 0;
    this.a = fmix32(seed ^ 0x9e3779b9);
    this.b = fmix32(low ^ Math.imul(this.a, 0x27d4eb2f));
    this.c = fmix32(high ^ fmix32(stream + 0x165667b1) ^ this.b);
    this.d = fmix32(this.a ^ this.b ^ this.c ^ 0x85ebca77);
    // Warm-up as sfc32's author recommends, so nearby seeds diverge before the first use.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform on [0, 1). */
  next(): number {
    return this.nextUint32() / 0x1_0000_0000;
  }

  /** Uniform on [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Uniform integer on [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  bernoulli(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("cannot pick from an empty list");
    return items[Math.floor(this.next() * items.length)] as T;
  }

  weightedPick<T>(table: TWeighted<T>): T {
    const target = this.next() * table.total;
    const { cumulative } = table;
    // Binary search: catalogue pools have tens of entries and this runs several times per case.
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] as number) > target) hi = mid;
      else lo = mid + 1;
    }
    return table.values[lo] as T;
  }

  /** Normal deviate by Box–Muller; the second value of each pair is kept for the next call. */
  normal(mean = 0, sd = 1): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return mean + sd * z;
    }
    const u = 1 - this.next(); // (0, 1]: log(0) never happens
    const radius = Math.sqrt(-2 * Math.log(u));
    const theta = 2 * Math.PI * this.next();
    this.spareNormal = radius * Math.sin(theta);
    return mean + sd * radius * Math.cos(theta);
  }

  /** Normal redrawn until it falls in [min, max] (truncated, not clamped: no spikes at the bounds). */
  truncatedNormal(mean: number, sd: number, min: number, max: number): number {
    for (let attempt = 0; attempt < 32; attempt++) {
      const x = this.normal(mean, sd);
      if (x >= min && x <= max) return x;
    }
    return Math.min(max, Math.max(min, mean));
  }

  /** Log-normal parameterised by its median and the sd of its logarithm. */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Fisher–Yates, in place; returns the same array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j] as T, items[i] as T];
    }
    return items;
  }
}
