// The aggregates query language: defaults filled, repeatable filters normalised, and every bad
// input a 400 whose issue names the parameter (researchers never get silently unfiltered numbers).
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { HTTP_STATUS } from "@/lib/api/errors";
import { noFilterValues } from "@/lib/queries/aggregates/descriptors";
import { parseAggregateQuery } from "@/lib/queries/aggregates/query-schema";

const parse = (qs: string) => parseAggregateQuery(new URLSearchParams(qs));

function failure(qs: string): AppError {
  try {
    parse(qs);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`expected ${qs} to be rejected`);
}

describe("aggregates query schema", () => {
  it("fills defaults: no second dimension, no range, empty filters, Wilson intervals", () => {
    expect(parse("by=sex")).toEqual({
      by: "sex",
      then: null,
      from: null,
      to: null,
      ...noFilterValues(),
      meetsConsensus: null,
      ci: "wilson",
    });
  });

  it("reads every parameter, repeatable filters as sorted de-duplicated lists", () => {
    const query = parse(
      "by=drugClass&then=year&from=2020-01-01&to=2024-02-29&sex=unknown&sex=male&sex=male&drugClass=antiemetic" +
        "&drugClass=first_generation&drug=Haloperidol&drug=%20olanzapine&country=fr&country=Unknown&source=faers" +
        "&outcome=fatal&ageBand=65%2B&ageBand=0-17&meetsConsensus=false&ci=exact",
    );
    expect(query).toEqual({
      by: "drugClass",
      then: "year",
      from: "2020-01-01",
      to: "2024-02-29",
      ...noFilterValues(),
      sex: ["male", "unknown"],
      drugClass: ["antiemetic", "first_generation"],
      drug: ["haloperidol", "olanzapine"],
      country: ["FR", "unknown"],
      source: ["faers"],
      outcome: ["fatal"],
      ageBand: ["0-17", "65+"],
      meetsConsensus: false,
      ci: "exact",
    });
  });

  it('reads an unencoded "65+" (decoded as "65 ") as the 65+ band', () => {
    expect(parse("by=sex&ageBand=65+").ageBand).toEqual(["65+"]);
  });

  it("the same filters in another order give the same normalised query (reproducible URLs)", () => {
    expect(parse("by=sex&sex=male&sex=female&source=csv")).toEqual(parse("source=csv&sex=female&by=sex&sex=male"));
  });

  const bad: [string, string, RegExp][] = [
    ["", "by", /required/],
    ["by=colour", "by", /must be one of drugClass, drug, sex/],
    ["by=sex&by=drug", "by", /given once/],
    ["by=sex&then=colour", "then", /must be one of/],
    ["by=sex&then=sex", "then", /differ from by/],
    ["by=sex&sex=other", "sex", /"other"/],
    ["by=sex&drug=aspirin", "drug", /"aspirin".*catalogue/],
    ["by=sex&drugClass=typical", "drugClass", /"typical"/],
    ["by=sex&outcome=dead", "outcome", /"dead"/],
    ["by=sex&source=twitter", "source", /"twitter"/],
    ["by=sex&ageBand=20-30", "ageBand", /"20-30"/],
    ["by=sex&country=FRA", "country", /"FRA"/],
    ["by=sex&sex=", "sex", /""/],
    ["by=sex&from=2021-01-01&to=2020-12-31", "to", /before from/],
    ["by=sex&from=2023-02-30", "from", /real calendar date/],
    ["by=sex&to=2023-13-01", "to", /real calendar date/],
    ["by=sex&from=20230101", "from", /YYYY-MM-DD/],
    ["by=sex&from=1850-01-01", "from", /between/],
    ["by=sex&from=2020-01-01&from=2021-01-01", "from", /given once/],
    ["by=sex&meetsConsensus=yes", "meetsConsensus", /true or false/],
    ["by=sex&ci=bayes", "ci", /wilson, exact/],
    ["by=sex&drugclass=antiemetic", "drugclass", /not a recognised/],
    ["by=sex&bogus=1", "bogus", /not a recognised/],
  ];
  it.each(bad)("rejects %j naming %s", (qs, parameter, message) => {
    const error = failure(qs);
    expect(HTTP_STATUS[error.code]).toBe(400);
    expect(error.code).toBe("invalid_input");
    const issue = error.issues.find((i) => i.path === parameter);
    expect(issue, JSON.stringify(error.issues)).toBeDefined();
    expect(issue!.message).toMatch(message);
    expect(error.message).toContain(parameter);
  });

  it("names every bad parameter at once, not only the first", () => {
    const paths = failure("by=sex&sex=x&outcome=y&bogus=1")
      .issues.map((i) => i.path)
      .sort();
    expect(paths).toEqual(["bogus", "outcome", "sex"]);
  });
});
