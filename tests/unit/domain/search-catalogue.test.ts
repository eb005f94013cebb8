// The drug autocomplete's catalogue search: names first, then brands and synonyms, each agent once.
import { describe, expect, it } from "vitest";
import { searchCatalogue } from "@/lib/domain/search-catalogue";

describe("searchCatalogue", () => {
  it("finds an agent by the start of its name, with its class", () => {
    expect(searchCatalogue("halop")[0]).toEqual({
      name: "haloperidol",
      displayName: "Haloperidol",
      drugClass: "first_generation",
      classLabel: "First-generation (typical)",
      matched: null,
    });
  });

  it("finds an agent by brand and says which brand matched", () => {
    expect(searchCatalogue("haldol")[0]).toMatchObject({ name: "haloperidol", matched: "Haldol" });
    expect(searchCatalogue("ZYPREXA")[0]).toMatchObject({ name: "olanzapine" });
  });

  it("ranks name prefixes before matches inside other words and lists each agent once", () => {
    const names = searchCatalogue("pro", 100).map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names[0]?.startsWith("pro")).toBe(true);
    expect(names).toContain("prochlorperazine");
  });

  it("answers an empty query with the first agents alphabetically, and an unknown one with nothing", () => {
    const first = searchCatalogue("", 3).map((s) => s.displayName);
    expect(first).toEqual([...first].sort((a, b) => a.localeCompare(b)));
    expect(searchCatalogue("zzzz")).toEqual([]);
  });
});
