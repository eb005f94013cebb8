// The latest version of every case in a FAERS quarter, so the background counts count cases, not
// report versions (a case with an initial report and a follow-up in one quarter counts once).
// Memory: one entry per case while DEMO is read, then one per latest report id — numeric ids are
// kept as numbers (FAERS and AERS ids are digits), which costs a fraction of a string key.

type TKey = string | number;
const keyOf = (id: string): TKey => (/^\d{1,15}$/.test(id) ? Number(id) : id);

export class LatestVersions {
  private byCase: Map<TKey, { id: TKey; version: number }> | null = new Map();
  private latest: Set<TKey> | null = null;

  /** One DEMO row. Latest = highest version; ties → the higher report id (FDA's later one). */
  see(caseId: string, id: string, version: number): void {
    if (!this.byCase) throw new Error("LatestVersions: see() after seal()");
    const key = keyOf(caseId);
    const reportId = keyOf(id);
    const best = this.byCase.get(key);
    if (!best || version > best.version || (version === best.version && Number(reportId) > Number(best.id))) {
      this.byCase.set(key, { id: reportId, version });
    }
  }

  /** Ends the DEMO pass: from here on only the latest report ids are kept. */
  seal(): void {
    if (!this.byCase) return;
    this.latest = new Set([...this.byCase.values()].map((v) => v.id));
    this.byCase = null;
  }

  /** Whether report `id` is its case's latest version (call after seal()). */
  isLatest(id: string): boolean {
    if (!this.latest) throw new Error("LatestVersions: isLatest() before seal()");
    return this.latest.has(keyOf(id));
  }

  /** Cases seen (their latest versions). */
  get size(): number {
    return this.latest?.size ?? this.byCase?.size ?? 0;
  }
}
