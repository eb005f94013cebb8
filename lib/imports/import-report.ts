// What an import did, in one sentence a person can check against their file — shared by the CLI
// and the imports page. It says what was read (reports of any event, NMS reports among them),
// what happened to the NMS reports, and whether background counts were updated, so a quarter
// with no NMS report reads "258 reports read, 0 NMS; background counts updated", not "0 read".
export type TImportReportFacts = {
  format: string;
  /** Reports the file held (any event); null where every record is an NMS case (canonical CSV). */
  reportsRead: number | null;
  /** NMS reports (case records) read. */
  read: number;
  imported: number;
  updated: number;
  skipped: number;
  rejected: number;
  deleted: number;
  backgroundReports: number | null;
};

const n = (value: number) => value.toLocaleString("en-GB");
const plural = (value: number, one: string, many = `${one}s`) => `${n(value)} ${value === 1 ? one : many}`;

export function describeImport(facts: TImportReportFacts): string {
  if (facts.format === "exposure")
    return `${plural(facts.read, "stratum", "strata")} read: ${n(facts.imported)} new, ${n(facts.updated)} replaced, ${n(facts.rejected)} rejected`;
  const read =
    facts.format === "csv" || facts.reportsRead === null
      ? `${plural(facts.read, "NMS report")} read`
      : `${plural(facts.reportsRead, "report")} read, ${n(facts.read)} NMS`;
  const cases =
    facts.read === 0
      ? ""
      : `: ${n(facts.imported)} new, ${n(facts.updated)} updated, ${n(facts.skipped)} unchanged, ${n(facts.rejected)} rejected`;
  const deleted = facts.deleted > 0 ? `; ${n(facts.deleted)} deleted as the source asks` : "";
  const background = facts.backgroundReports !== null ? `; background counts updated (${plural(facts.backgroundReports, "report")})` : "";
  return `${read}${cases}${deleted}${background}`;
}

/** "3.2 s" / "2 min 5 s" from seconds. */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}
