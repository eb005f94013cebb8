// One canonical-CSV cell ↔ one case value, per column kind. Parsing throws a plain Error with
// the reason; the CSV parser adds file, line and column. Formatting is the exact inverse.
import type { TCaseDrugInput } from "@/lib/domain/case-schema";
import { restoreNeutralised } from "@/lib/exports/csv-safe";
import { CASE_STATUSES, type CaseStatus } from "@/lib/domain/case-validity";
import {
  CASE_SOURCES,
  DRUG_ROLES,
  OUTCOMES,
  REPORTER_TYPES,
  type CaseSource,
  type DrugRole,
  type Outcome,
  type ReporterType,
  type Sex,
} from "@/lib/domain/vocabulary";
import type { TCsvCellKind } from "./columns";

const SEX_CODES: Readonly<Record<string, Sex>> = {
  male: "male",
  m: "male",
  female: "female",
  f: "female",
  unknown: "unknown",
  u: "unknown",
};
const BOOLEAN_CODES: Readonly<Record<string, boolean | null>> = {
  yes: true,
  no: false,
  unknown: null,
};

const oneOf = <T extends string>(allowed: readonly T[], value: string, what: string): T => {
  const key = value.toLowerCase() as T;
  if (!allowed.includes(key)) throw new Error(`unknown ${what} "${value}" (expected ${allowed.join("|")})`);
  return key;
};

/** A drug's details beyond name and role: what the compact `name:role` form cannot carry. */
const DETAIL_KEYS = ["dose", "route", "formulation", "startDate", "stopDate", "doseChange", "doseChangeDate"] as const;

/**
 * `name:role;name:role` — the role after the LAST colon, so names may contain colons. A cell
 * starting with `[` is a JSON array of drugs with their details
 * (`[{"name":"haloperidol","role":"suspect","dose":"5 mg","route":"oral","startDate":"2024-01-02"}]`;
 * keys as the API's `drugs`), which the line-listing export writes when a drug has any; the case
 * schema checks each object (an unknown key is refused, naming the column).
 */
export function parseDrugsCell(cell: string): TCaseDrugInput[] {
  const value = cell.trim();
  if (!value) return [];
  if (value.startsWith("[")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      throw new Error("starts with [ but is not a JSON array of drugs (or give name:role;name:role)");
    }
    if (!Array.isArray(parsed) || !parsed.every((d) => typeof d === "object" && d !== null && !Array.isArray(d)))
      throw new Error("must be a JSON array of drug objects");
    // Shape checked by ZCaseDrugInput when the case is validated, like every other input path.
    return parsed as TCaseDrugInput[];
  }
  return value.split(";").map((pair, i) => {
    const colon = pair.lastIndexOf(":");
    const name = (colon === -1 ? pair : pair.slice(0, colon)).trim();
    if (!name) throw new Error(`drug ${i + 1} has no name (expected name:role)`);
    if (colon === -1) throw new Error(`drug "${name}" has no role (expected name:role)`);
    const role: DrugRole = oneOf(DRUG_ROLES, pair.slice(colon + 1).trim(), `role for drug "${name}"`);
    return { name, role };
  });
}

/** The compact form when no drug has details (or a name the compact form cannot hold), else the JSON form. */
export function formatDrugsCell(drugs: readonly TCaseDrugInput[]): string {
  const detailed = drugs.some((d) => DETAIL_KEYS.some((k) => d[k] != null) || /[;\[]/.test(d.name) || d.name !== d.name.trim());
  if (!detailed) return drugs.map((d) => `${d.name}:${d.role}`).join(";");
  return JSON.stringify(
    drugs.map((d) => ({
      name: d.name,
      role: d.role,
      ...Object.fromEntries(DETAIL_KEYS.filter((k) => d[k] != null).map((k) => [k, d[k]])),
    })),
  );
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Parses one trimmed cell; empty means unknown (null), except where a default applies. */
export function parseCell(kind: TCsvCellKind, cell: string): unknown {
  // A leading apostrophe before =, +, -, @ is the export's guard against spreadsheet formulas (lib/exports/csv-safe.ts).
  const value = restoreNeutralised(cell.trim());
  switch (kind) {
    case "text":
      return value || null;
    case "date":
      // Format and calendar checks are ZCaseInput's (ZIsoDate), so every input path agrees.
      return value || null;
    case "country":
      return value ? value.toUpperCase() : null;
    case "number":
    case "integer": {
      if (!value) return null;
      if (!NUMBER.test(value)) {
        const hint = /^\d+,\d+$/.test(value) ? " (use '.' as the decimal separator)" : "";
        throw new Error(`"${value}" is not a number${hint}`);
      }
      const n = Number(value);
      if (kind === "integer" && !Number.isInteger(n)) throw new Error(`"${value}" is not a whole number`);
      return n;
    }
    case "boolean": {
      if (!value) return null;
      const key = value.toLowerCase();
      if (!(key in BOOLEAN_CODES)) throw new Error(`"${value}" is not yes, no or empty`);
      return BOOLEAN_CODES[key];
    }
    case "sex": {
      if (!value) return "unknown";
      const sex = SEX_CODES[value.toLowerCase()];
      if (!sex) throw new Error(`unknown sex "${value}" (expected male|female|unknown or M|F|U)`);
      return sex;
    }
    case "outcome":
      return value ? oneOf<Outcome>(OUTCOMES, value, "outcome") : "unknown";
    case "reporterType":
      return value ? oneOf<ReporterType>(REPORTER_TYPES, value, "reporter type") : "unknown";
    case "drugs":
      return parseDrugsCell(value);
    case "source":
      return value ? oneOf<CaseSource>(CASE_SOURCES, value, "source") : "csv";
    case "status":
      // Empty: the minimum criteria decide (complete, or a draft with --allow-drafts).
      return value ? oneOf<CaseStatus>(CASE_STATUSES, value, "status") : null;
  }
}

/** The inverse of parseCell, for the line-listing export. */
export function formatCell(kind: TCsvCellKind, value: unknown): string {
  if (value === null || value === undefined) return "";
  switch (kind) {
    case "boolean":
      return value ? "yes" : "no";
    case "drugs":
      return formatDrugsCell(value as TCaseDrugInput[]);
    default:
      return typeof value === "number" ? String(value) : typeof value === "string" ? value : JSON.stringify(value);
  }
}
