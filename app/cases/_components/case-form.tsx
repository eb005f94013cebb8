"use client";
// The case form (create and edit): holds the state, validates it with the API's own schema on
// every change, and saves through the API — POST to create, PATCH at the revision read to edit —
// showing the server's field issues where they belong and a stale edit as a conflict.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from "react";
import {
  CLINICAL_FLAG_FIELDS,
  COMPLICATION_FIELDS,
  RISK_FACTOR_FIELDS,
  SERIOUSNESS_FIELDS,
  TREATMENT_FIELDS,
} from "@/lib/domain/case-schema";
import type { CaseSource } from "@/lib/domain/vocabulary";
import { CaseFormContext, type TCaseFormApi } from "./case-form-context";
import { emptyDrugRow, validateForm, type TCaseFormState, type TIssues } from "./case-form-state";
import { MeasurementFields, NarrativeField, OutcomeFields, PatientFields, ReportFields } from "./case-sections";
import { DrugRows } from "./drug-rows";
import { ErrorSummary, SaveFailure } from "./error-summary";
import { byPageOrder } from "./field-labels";
import { saveCase, type TSaveOutcome } from "./save-case";
import { StatusFields } from "./status-fields";
import { TriStateGroup } from "./tri-state-group";
import styles from "./case-form.module.css";

export type TCaseIdentity = { source: CaseSource; sourceId: string; version?: number };
export type TCaseFormProps = { initial: TCaseFormState } & (
  { mode: "create" } | { mode: "edit"; caseId: string; revision: number; identity: TCaseIdentity }
);

/** Paths of drug rows after row `removed` move up one, with their touched marks and issues. */
function withoutDrugRow<T>(entries: Iterable<[string, T]>, removed: number): [string, T][] {
  return [...entries].flatMap(([path, value]): [string, T][] => {
    const match = /^drugs\.(\d+)\.(.+)$/.exec(path);
    if (!match) return [[path, value]];
    const index = Number(match[1]);
    if (index === removed) return [];
    return [[index > removed ? `drugs.${index - 1}.${match[2]}` : path, value]];
  });
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className={`panel ${styles.section}`} aria-labelledby={`section-${id}`}>
      <h2 id={`section-${id}`}>{title}</h2>
      {children}
    </section>
  );
}

export function CaseForm(props: TCaseFormProps) {
  const router = useRouter();
  const [state, setState] = useState(props.initial);
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverIssues, setServerIssues] = useState<TIssues>({});
  const [outcome, setOutcome] = useState<Exclude<TSaveOutcome, { kind: "saved" }> | null>(null);
  const [saving, setSaving] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const summaryRef = useRef<HTMLDivElement>(null);
  const nextDrugKey = useRef(props.initial.drugs.length);
  const source: CaseSource = props.mode === "edit" ? props.identity.source : "manual";
  const { input, issues } = useMemo(() => validateForm(state, source), [state, source]);

  // After a refused submit, move focus to the summary so the user hears what to fix.
  useEffect(() => {
    if (attempt > 0) summaryRef.current?.focus();
  }, [attempt]);

  const markTouched = (path: string) => {
    setTouched((current) => (current.has(path) ? current : new Set(current).add(path)));
    setServerIssues((current) => {
      if (!(path in current)) return current;
      const { [path]: _dropped, ...rest } = current;
      return rest;
    });
  };
  const api: TCaseFormApi = {
    state,
    set: (key, value, path) => {
      setState((current) => ({ ...current, [key]: value }));
      markTouched(path);
    },
    setFlag: (field, value) => {
      setState((current) => ({ ...current, flags: { ...current.flags, [field]: value } }));
      markTouched(field);
    },
    setDrug: (index, patch, field) => {
      setState((current) => ({ ...current, drugs: current.drugs.map((d, i) => (i === index ? { ...d, ...patch } : d)) }));
      markTouched(`drugs.${index}.${field}`);
    },
    touch: (path) => setTouched((current) => (current.has(path) ? current : new Set(current).add(path))),
    errorFor: (path) => serverIssues[path] ?? (submitted || touched.has(path) ? issues[path] : undefined),
  };

  const addDrug = () => setState((current) => ({ ...current, drugs: [...current.drugs, emptyDrugRow(`drug-${nextDrugKey.current++}`)] }));
  const removeDrug = (index: number) => {
    setState((current) => ({ ...current, drugs: current.drugs.filter((_, i) => i !== index) }));
    setTouched(
      (current) =>
        new Set(
          withoutDrugRow(
            [...current].map((p) => [p, true]),
            index,
          ).map(([p]) => p),
        ),
    );
    setServerIssues((current) => Object.fromEntries(withoutDrugRow(Object.entries(current), index)));
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitted(true);
    setOutcome(null);
    if (Object.keys(issues).length > 0) {
      setAttempt((n) => n + 1);
      return;
    }
    setSaving(true);
    const result = await saveCase(
      props.mode === "create" ? { mode: "create", input } : { mode: "edit", input, caseId: props.caseId, revision: props.revision },
    );
    if (result.kind === "saved") {
      router.push(`/cases/${result.id}`);
      return;
    }
    setSaving(false);
    setServerIssues(result.kind === "invalid" ? result.fieldIssues : {});
    setOutcome(result);
    setAttempt((n) => n + 1);
  }

  const visible = Object.keys({ ...issues, ...serverIssues })
    .filter((path) => api.errorFor(path))
    .sort(byPageOrder);
  const formLevel = outcome?.kind === "invalid" ? outcome.otherIssues : [];
  return (
    <CaseFormContext.Provider value={api}>
      <form className={styles.form} noValidate onSubmit={(e) => void submit(e)} aria-busy={saving}>
        <Section id="report" title="Report">
          <ReportFields identity={props.mode === "edit" ? props.identity : null} />
        </Section>
        <Section id="patient" title="Patient">
          <PatientFields />
        </Section>
        <Section id="drugs" title="Drugs">
          <DrugRows onAdd={addDrug} onRemove={removeDrug} />
        </Section>
        <Section id="risk" title="Risk factors">
          <TriStateGroup fields={RISK_FACTOR_FIELDS} />
        </Section>
        <Section id="clinical" title="Clinical features">
          <MeasurementFields />
          <TriStateGroup fields={CLINICAL_FLAG_FIELDS} />
        </Section>
        <Section id="complications" title="Complications">
          <TriStateGroup fields={COMPLICATION_FIELDS} />
        </Section>
        <Section id="treatments" title="Treatments">
          <TriStateGroup fields={TREATMENT_FIELDS} />
        </Section>
        <Section id="outcome" title="Outcome and rechallenge">
          <OutcomeFields />
          <TriStateGroup fields={["rechallenge", "rechallengeRecurred"]} />
        </Section>
        <Section id="seriousness" title="Seriousness (ICH criteria)">
          <TriStateGroup fields={SERIOUSNESS_FIELDS} />
        </Section>
        <Section id="narrative" title="Narrative">
          <NarrativeField />
        </Section>
        <Section id="status" title="Validity and status">
          <StatusFields input={input} />
        </Section>

        <div ref={summaryRef} tabIndex={-1} className={styles.summaryArea}>
          {outcome && outcome.kind !== "invalid" && <SaveFailure outcome={outcome} />}
          {submitted && <ErrorSummary fields={visible.map((path) => ({ path, message: api.errorFor(path) ?? "" }))} other={formLevel} />}
        </div>
        <div className={styles.actions}>
          <button type="submit" disabled={saving}>
            {saving ? "Saving…" : props.mode === "create" ? "Save case" : "Save changes"}
          </button>
          <Link href={props.mode === "edit" ? `/cases/${props.caseId}` : "/cases"}>Cancel</Link>
        </div>
      </form>
    </CaseFormContext.Provider>
  );
}
