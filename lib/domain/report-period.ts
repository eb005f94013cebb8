// The reporting period a file of reports belongs to, read from its name: the import stores
// background counts under it and the signals' duplicate subtraction reads it back.

/** "2017Q2" from names like DEMO17Q2.txt, faers_ascii_2017q2.zip or a folder 17Q2; "all" otherwise. */
export function periodOf(name: string): string {
  const long = /(\d{4})q([1-4])/i.exec(name);
  if (long) return `${long[1]}Q${long[2]}`;
  const short = /(\d{2})q([1-4])/i.exec(name);
  return short ? `20${short[1]}Q${short[2]}` : "all";
}
