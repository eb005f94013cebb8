// A log axis that reads well: a domain from powers of ten around the data, always holding 1
// (no disproportion), and ticks at 1–2–5 steps (powers of ten alone when the range is wide).
export function logDomain(min: number, max: number): [number, number] {
  const low = Math.min(10 ** Math.floor(Math.log10(min)), 0.5);
  const high = Math.max(10 ** Math.ceil(Math.log10(max)), 2);
  return [low, high];
}

export function logTicks([low, high]: [number, number]): number[] {
  const ticks: number[] = [];
  const decades = Math.round(Math.log10(high / low));
  const steps = decades > 4 ? [1] : [1, 2, 5];
  for (let e = Math.floor(Math.log10(low)); e <= Math.ceil(Math.log10(high)); e++) {
    for (const m of steps) {
      const value = Number((m * 10 ** e).toPrecision(6));
      if (value >= low && value <= high) ticks.push(value);
    }
  }
  return ticks;
}
