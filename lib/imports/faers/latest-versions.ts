// The latest version of every case in a FAERS quarter, so the background counts count cases, not
// report versions (a case with an initial report and a follow-up in one quarter counts once).
// Memory: one entry per case while DEMO is read, then one per latest report id — numeric ids are
// kept as numbers (FAERS and AERS ids are digits), which costs a fraction of a string key. Each
// latest version keeps its sex and age-band stratum code (lib/imports/shared/background-stratum.ts).

type TKey = string | number;
const keyOf = (id: string): TKey => (/^\d{1,15}$/.test(id) ? Number(id) : id);

export class LatestVersions {
  private byCase: Map<TKey, { id: TKey; version: number; stratum: number }> | null = new Map();
  private latest: Map<TKey, number> | null = null;

  /** One DEMO row. Latest = highest version; ties → the higher report id (FDA's later one). */
  see(caseId: string, id: string, version: number, stratum = 0): void {
    if (!this.byCase) throw new Error("LatestVersions: see() after seal()");
    const key = keyOf(caseId);
    const reportId = keyOf(id);
    const best = this.byCase.get(key);
    if (!best || version > best.version || (version === best.version && Number(reportId) > Number(best.id))) {
      this.byCase.set(key, { id: reportId, version, stratum });
    }
  }

  /** Ends the DEMO pass: from here on only the latest report ids are kept. */
  seal(): void {
    if (!this.byCase) return;
    this.latest = new Map([...this.byCase.values()].map((v) => [v.id, v.stratum]));
    this.byCase = null;
  }

  /** Whether report `id` is its case's latest version (call after seal()). */
  isLatest(id: string): boolean {
    if (!this.latest) throw new Error("LatestVersions: isLatest() before seal()");
    return this.latest.has(keyOf(id));
  }

  /** The stratum code of report `id` when it is its case's latest version (call after seal()). */
  stratumOf(id: string): number | undefined {
    if (!this.latest) throw new Error("LatestVersions: stratumOf() before seal()");
    return this.latest.get(keyOf(id));
  }

  /** Latest versions per stratum code (call after seal()). */
  countByStratum(): Map<number, number> {
    if (!this.latest) throw new Error("LatestVersions: countByStratum() before seal()");
    const counts = new Map<number, number>();
    for (const stratum of this.latest.values()) counts.set(stratum, (counts.get(stratum) ?? 0) + 1);
    return counts;
  }

  /** Cases seen (their latest versions). */
  get size(): number {
    return this.latest?.size ?? this.byCase?.size ?? 0;
  }
}
