// Blocking: a pair is compared only when the two reports share a block key, so a scan costs about
// Σ (block size)² instead of n². Each report emits a few keys (below); a key and its neighbour
// (next week, next year of age, next month) are both emitted so values one step apart still meet.
// Keys are hashed to numbers and sorted with the report index packed in (one native sort).
import { MAX_MATCH_DRUGS, type MatchStore } from "./match-record";

/** The block keys, each a tuple of fields; docs/duplicates.md says which perturbations each survives. */
export const BLOCK_KINDS = {
  drugWeek: 1, // a shared drug, onset within a week (any age, sex, country)
  drugAgeSexCountry: 2, // a shared drug, same sex and country, age within a year (any onset, or none)
  onsetAge: 3, // same onset day, age within a year (any drug: a typo'd or dropped one)
  drugMonthCountry: 4, // a shared drug and country, onset within a month (only the month known)
  weekSexCountry: 5, // onset within a week, same sex and country (no drug in common: misspelt, unmapped)
} as const;

const INDEX_BITS = 2 ** 22;
const KEY_BITS = 2 ** 28;
/** Reports per scan: the index is packed into 22 bits. */
export const MAX_BLOCKED_REPORTS = INDEX_BITS;

export type TBlockingOptions = {
  /** Only pairs with at least one of these (the touched reports) are produced. */
  touched?: Uint8Array;
  /** A block larger than this is compared as a sliding window of `window` neighbours. */
  maxBlock?: number;
  window?: number;
};
export type TBlockingStats = { keys: number; blocks: number; comparisons: number; windowedBlocks: number };

function mix(h: number, v: number): number {
  let x = Math.imul(h ^ (v | 0), 0x9e3779b1);
  x ^= x >>> 15;
  return Math.imul(x, 0x85ebca6b) >>> 0;
}

function hashKey(kind: number, ...values: number[]): number {
  let h = kind * 0x27d4eb2d;
  for (const v of values) h = mix(h, v);
  return kind * KEY_BITS + (h % KEY_BITS);
}

/** Every key of report i, packed with i. */
function emitKeys(store: MatchStore, i: number, emit: (packed: number) => void): void {
  const hasOnset = store.hasOnset(i);
  const onset = store.onset[i] ?? 0;
  const ageValue = store.age[i] ?? Number.NaN;
  const hasAge = Number.isFinite(ageValue);
  const age = Math.round(ageValue);
  const sex = store.sex[i] ?? 0;
  const country = store.country[i] ?? 0;
  const push = (key: number) => emit(key * INDEX_BITS + i);
  const week = Math.floor(onset / 7);
  const month = Math.floor(onset / 30);
  for (let s = 0; s < MAX_MATCH_DRUGS; s++) {
    const drug = store.drugs[i * MAX_MATCH_DRUGS + s] ?? 0;
    if (drug === 0) break;
    if (hasOnset) {
      push(hashKey(BLOCK_KINDS.drugWeek, drug, week));
      push(hashKey(BLOCK_KINDS.drugWeek, drug, week + 1));
      if (country) {
        push(hashKey(BLOCK_KINDS.drugMonthCountry, drug, month, country));
        push(hashKey(BLOCK_KINDS.drugMonthCountry, drug, month + 1, country));
      }
    }
    if (hasAge) {
      push(hashKey(BLOCK_KINDS.drugAgeSexCountry, drug, age, sex, country));
      push(hashKey(BLOCK_KINDS.drugAgeSexCountry, drug, age + 1, sex, country));
    }
  }
  if (hasOnset) {
    push(hashKey(BLOCK_KINDS.weekSexCountry, week, sex, country));
    push(hashKey(BLOCK_KINDS.weekSexCountry, week + 1, sex, country));
  }
  if (hasOnset && hasAge) {
    push(hashKey(BLOCK_KINDS.onsetAge, onset, age));
    push(hashKey(BLOCK_KINDS.onsetAge, onset, age + 1));
  }
}

/**
 * Calls `visit(i, j)` (i < j) for each pair sharing a block; a pair sharing several blocks is
 * visited once per block (the caller keeps what it emits unique). Returns what it compared.
 */
export function forEachBlockedPair(
  store: MatchStore,
  visit: (i: number, j: number) => void,
  options: TBlockingOptions = {},
): TBlockingStats {
  if (store.size > MAX_BLOCKED_REPORTS) throw new RangeError(`at most ${MAX_BLOCKED_REPORTS} reports per scan`);
  const { touched, maxBlock = 400, window = 40 } = options;
  // Two passes (count, then fill) so the keys live in one typed array, off the JS heap.
  let count = 0;
  for (let i = 0; i < store.size; i++) emitKeys(store, i, () => count++);
  const packed = new Float64Array(count);
  let at = 0;
  for (let i = 0; i < store.size; i++) emitKeys(store, i, (key) => (packed[at++] = key));
  packed.sort();
  const stats: TBlockingStats = { keys: packed.length, blocks: 0, comparisons: 0, windowedBlocks: 0 };
  const members: number[] = [];
  let start = 0;
  while (start < packed.length) {
    const key = Math.floor((packed[start] ?? 0) / INDEX_BITS);
    let end = start;
    members.length = 0;
    while (end < packed.length && Math.floor((packed[end] ?? 0) / INDEX_BITS) === key) {
      const index = (packed[end] ?? 0) - key * INDEX_BITS;
      if (members[members.length - 1] !== index) members.push(index);
      end++;
    }
    start = end;
    if (members.length < 2) continue;
    if (touched && !members.some((m) => touched[m])) continue;
    stats.blocks++;
    // Oversized blocks (a common drug in a busy week of a large database): neighbours in onset order.
    const windowed = members.length > maxBlock;
    if (windowed) {
      stats.windowedBlocks++;
      members.sort((x, y) => (store.onset[x] ?? 0) - (store.onset[y] ?? 0) || (store.age[x] ?? 0) - (store.age[y] ?? 0));
    }
    for (let x = 0; x < members.length; x++) {
      const last = windowed ? Math.min(members.length, x + 1 + window) : members.length;
      for (let y = x + 1; y < last; y++) {
        const i = members[x] ?? 0;
        const j = members[y] ?? 0;
        if (touched && !touched[i] && !touched[j]) continue;
        stats.comparisons++;
        if (i < j) visit(i, j);
        else visit(j, i);
      }
    }
  }
  return stats;
}
