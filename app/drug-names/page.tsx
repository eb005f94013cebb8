// /drug-names — the drug-name workbench (safety officers, administrators): verbatim names on
// stored cases that match no catalogue drug, most frequent first, each mapped to a catalogue drug
// or marked "not an antidopaminergic agent"; the mappings in force, with CSV export and import.
import type { Metadata } from "next";
import { requirePageRole } from "@/lib/auth/page-guard";
import { CASE_READERS, CASE_WRITERS } from "@/lib/auth/principal";
import { DRUG_CATALOGUE } from "@/lib/domain/drug-catalogue";
import { DRUG_CLASSES, DRUG_CLASS_LABELS } from "@/lib/domain/vocabulary";
import { findDrugNameMappings } from "@/lib/queries/find-drug-name-mappings";
import { findUnmatchedDrugNames } from "@/lib/queries/find-unmatched-drug-names";
import { MappingsTable } from "./_components/mappings-table";
import { UnmatchedTable } from "./_components/unmatched-table";
import type { TDrugOptionGroup } from "./_components/drug-select";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Drug names · NMS Watch" };

const SHOWN = 200;

/** The catalogue as <optgroup>s for the mapping select: grouped by class, A–Z within a class. */
const DRUG_OPTIONS: TDrugOptionGroup[] = DRUG_CLASSES.map((drugClass) => ({
  label: DRUG_CLASS_LABELS[drugClass],
  drugs: DRUG_CATALOGUE.filter((d) => d.drugClass === drugClass)
    .map((d) => ({ name: d.name, label: d.displayName }))
    .sort((a, b) => a.label.localeCompare(b.label)),
}));

export default async function DrugNamesPage() {
  const principal = await requirePageRole(CASE_READERS, "/drug-names");
  const canEdit = CASE_WRITERS.includes(principal.role);
  const [{ names, totalNames }, mappings] = await Promise.all([findUnmatchedDrugNames(), findDrugNameMappings()]);
  const attributing = names.filter((n) => n.attributingCases > 0);
  return (
    <>
      <h1>Drug names</h1>
      <p className="muted">
        Reports spell drugs every way. A name that matches no catalogue drug counts in no drug class: map it to the drug it means, or mark
        it as not an antidopaminergic agent. A mapping applies at once to every stored case naming it (any capitalisation or punctuation)
        and to every later import.
      </p>
      <section className="panel" aria-labelledby="unmatched">
        <h2 id="unmatched">
          Unmatched names ({totalNames.toLocaleString("en-GB")}; {attributing.length.toLocaleString("en-GB")} named as suspect, interacting
          or withdrawn)
        </h2>
        {names.length === 0 ? (
          <p>Every drug name on the stored cases matches the catalogue or a mapping.</p>
        ) : (
          <UnmatchedTable names={names.slice(0, SHOWN)} drugs={DRUG_OPTIONS} canEdit={canEdit} />
        )}
        {names.length > SHOWN && (
          <p className="muted">
            The {SHOWN} most frequent of {totalNames.toLocaleString("en-GB")} are shown; the API lists all (/api/v1/drug-names/unmatched).
          </p>
        )}
      </section>
      <section className="panel" aria-labelledby="mappings">
        <h2 id="mappings">Mappings in force ({mappings.length.toLocaleString("en-GB")})</h2>
        <MappingsTable mappings={mappings} canEdit={canEdit} />
      </section>
    </>
  );
}
