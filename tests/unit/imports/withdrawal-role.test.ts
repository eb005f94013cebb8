// Dopaminergic withdrawal read from files that have no "withdrawn" role: FAERS dechallenge codes,
// openFDA/E2B "action taken". Withdrawn or reduced dopaminergic agents become role withdrawn; an
// NMS treatment listed as concomitant does not; nothing else changes role.
import { describe, expect, it } from "vitest";
import { normaliseDrugName } from "@/lib/domain/drug-name-normaliser";
import { parseFaers } from "@/lib/imports/faers/parse-faers";
import { ZE2bR2Report, mapE2bR2Report } from "@/lib/imports/shared/e2b-r2-map";
import { roleFromAction } from "@/lib/imports/shared/withdrawal-role";
import { NMS, quarterFiles } from "./faers-fixtures";
import { casesOf, collect, writeFiles } from "./helpers";

const normalise = (raw: string) => normaliseDrugName(raw);

describe("roleFromAction", () => {
  it("makes a withdrawn or reduced dopaminergic agent 'withdrawn', and nothing else", () => {
    expect(roleFromAction("suspect", normalise("SINEMET"), true)).toBe("withdrawn");
    expect(roleFromAction("concomitant", normalise("pramipexole"), true)).toBe("withdrawn");
    expect(roleFromAction("concomitant", normalise("PARLODEL"), true)).toBe("concomitant"); // given for the NMS, then stopped
    expect(roleFromAction("suspect", normalise("PARLODEL"), true)).toBe("withdrawn");
    expect(roleFromAction("suspect", normalise("SINEMET"), false)).toBe("suspect");
    expect(roleFromAction("suspect", normalise("HALDOL"), true)).toBe("suspect"); // an antipsychotic stopped for the NMS
    expect(roleFromAction("suspect", normalise("MYSTERY PILL"), true)).toBe("suspect");
  });
});

describe("FAERS dechallenge", () => {
  it("reads a dechallenge on a dopaminergic drug as its withdrawal", async () => {
    const quarter = {
      DEMO: [{ primaryid: "7001", caseid: "700", caseversion: "1", fda_dt: "20240110" }],
      DRUG: [
        { primaryid: "7001", caseid: "700", drug_seq: "1", role_cod: "PS", drugname: "SINEMET", dechal: "Y" },
        { primaryid: "7001", caseid: "700", drug_seq: "2", role_cod: "SS", drugname: "HALOPERIDOL", dechal: "Y" },
        { primaryid: "7001", caseid: "700", drug_seq: "3", role_cod: "C", drugname: "ROPINIROLE", dechal: "U" },
        { primaryid: "7001", caseid: "700", drug_seq: "4", role_cod: "C", drugname: "BROMOCRIPTINE", dechal: "N" },
      ],
      REAC: [{ primaryid: "7001", caseid: "700", pt: NMS }],
    };
    const [only] = casesOf(await collect(parseFaers(writeFiles(quarterFiles(quarter)), { normalise })));
    expect(only?.case.drugs?.map((d) => [d.name, d.role])).toEqual([
      ["SINEMET", "withdrawn"],
      ["HALOPERIDOL", "suspect"],
      ["ROPINIROLE", "concomitant"],
      ["BROMOCRIPTINE", "concomitant"],
    ]);
  });
});

describe("openFDA action taken", () => {
  it("reads actiondrug 1/2 on a dopaminergic drug as its withdrawal, 4 as continued", () => {
    const report = {
      safetyreportid: "1",
      receivedate: "20240101",
      patient: {
        reaction: [{ reactionmeddrapt: "Neuroleptic malignant syndrome" }],
        drug: [
          { medicinalproduct: "LEVODOPA", drugcharacterization: "1", actiondrug: "2" },
          { medicinalproduct: "AMANTADINE", drugcharacterization: "2", actiondrug: "1" },
          { medicinalproduct: "PRAMIPEXOLE", drugcharacterization: "1", actiondrug: "4" },
        ],
      },
    };
    const mapped = mapE2bR2Report(ZE2bR2Report.parse(report), { file: "x.json", record: 1 }, "openfda", normalise, () => true);
    expect(mapped.drugs?.map((d) => [d.name, d.role, d.doseChange])).toEqual([
      ["LEVODOPA", "withdrawn", "decreased"],
      ["PRAMIPEXOLE", "suspect", "unchanged"],
      ["AMANTADINE", "concomitant", "stopped"], // concomitants are listed after the attributing drugs
    ]);
  });
});
