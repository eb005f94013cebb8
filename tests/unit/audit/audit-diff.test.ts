// The audit page's diff: only the fields that changed, nested ones by dotted path.
import { describe, expect, it } from "vitest";
import { auditChanges } from "@/lib/audit/audit-diff";

describe("auditChanges", () => {
  it("lists changed fields only, nested paths included, in natural order", () => {
    const before = {
      sex: "male",
      ageYears: 30,
      narrative: "a",
      drugs: [
        { name: "haloperidol", role: "suspect" },
        { name: "x", role: "concomitant" },
      ],
    };
    const after = { sex: "male", ageYears: 31, narrative: null, drugs: [{ name: "haloperidol", role: "interacting" }] };
    expect(auditChanges(before, after)).toEqual([
      { path: "ageYears", before: 30, after: 31 },
      { path: "drugs.0.role", before: "suspect", after: "interacting" },
      { path: "drugs.1.name", before: "x", after: undefined },
      { path: "drugs.1.role", before: "concomitant", after: undefined },
      { path: "narrative", before: "a", after: null },
    ]);
  });

  it("shows a create as every field set and a delete as every field removed", () => {
    expect(auditChanges(null, { email: "a@b", role: "admin" })).toEqual([
      { path: "email", before: undefined, after: "a@b" },
      { path: "role", before: undefined, after: "admin" },
    ]);
    expect(auditChanges({ revokedAt: null }, { revokedAt: "2026-01-01" })).toEqual([
      { path: "revokedAt", before: null, after: "2026-01-01" },
    ]);
    expect(auditChanges({ a: 1 }, { a: 1 })).toEqual([]);
  });
});
