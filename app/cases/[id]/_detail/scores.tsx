// The case-definition scores with every criterion's status — met, not met or unknown (data
// missing) — and its points: the 2011 consensus criteria, Levenson, DSM-5, and Naranjo causality.
import type { TCaseView } from "@/lib/queries/get-case";
import { CONSENSUS_2011_CUTOFF } from "@/lib/stats/case-definition/consensus-2011";
import type { TCriterionStatus } from "@/lib/stats/case-definition/types";
import styles from "../../case-pages.module.css";

const STATUS: Record<TCriterionStatus, string> = { met: "Met", not_met: "Not met", unknown: "Unknown" };
const ANSWERS = { yes: "Yes", no: "No", dont_know: "Don't know" } as const;
/** A definition's verdict as a sentence; null means the unknown findings could tip it either way. */
const verdict = (meets: boolean | null, yes: string, no: string) =>
  meets === true ? yes : meets === false ? no : "Undetermined: the missing findings decide.";

function Status({ status }: { status: TCriterionStatus }) {
  // Text and a mark, never colour alone.
  const mark = status === "met" ? "✓" : status === "not_met" ? "✗" : "?";
  return (
    <span className={styles[`status-${status}`]} data-status={status}>
      <span aria-hidden="true">{mark} </span>
      {STATUS[status]}
    </span>
  );
}

export function ConsensusScore({ consensus }: { consensus: TCaseView["scores"]["consensus"] }) {
  const range = consensus.maxScore > consensus.score ? `${consensus.score}–${consensus.maxScore}` : String(consensus.score);
  return (
    <section className="panel" aria-labelledby="consensus-title" data-section="consensus">
      <h2 id="consensus-title">2011 international consensus criteria: {range} of 100 points</h2>
      <p className="muted">
        {verdict(
          consensus.meetsCutoff,
          `Meets the cut-off of ${CONSENSUS_2011_CUTOFF} points.`,
          `Below the cut-off of ${CONSENSUS_2011_CUTOFF} points even if every unknown criterion were met.`,
        )}
        {consensus.maxScore > consensus.score && ` Unknown criteria could add up to ${consensus.maxScore - consensus.score} points.`}
      </p>
      <table className={`data ${styles.criteria}`} data-testid="consensus-criteria">
        <thead>
          <tr>
            <th scope="col">Criterion</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              Points
            </th>
            <th scope="col" className="num">
              Scored
            </th>
          </tr>
        </thead>
        <tbody>
          {consensus.criteria.map((c) => (
            <tr key={c.key} data-criterion={c.key}>
              <th scope="row">{c.label}</th>
              <td>
                <Status status={c.status} />
              </td>
              <td className="num">{c.points}</td>
              <td className="num">{c.status === "met" ? c.points : 0}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function OtherDefinitions({ scores }: { scores: TCaseView["scores"] }) {
  const { levenson, dsm5 } = scores;
  return (
    <section className="panel" aria-labelledby="definitions-title" data-section="definitions">
      <h2 id="definitions-title">Levenson and DSM-5</h2>
      <ul className="muted">
        <li>
          Levenson (1985): {levenson.majorMet} major and {levenson.minorMet} minor features met.{" "}
          {verdict(levenson.meets, "Probable NMS.", "Not probable NMS, even if the unknown features were met.")}
        </li>
        <li>
          DSM-5: {verdict(dsm5.meets, "all essential features present.", "an essential feature is absent.")} Associated features:{" "}
          {dsm5.associatedCount} present, {dsm5.associatedUnknown} unknown.
        </li>
      </ul>
      <div className={styles.columns}>
        <table className={`data ${styles.criteria}`}>
          <caption className={styles.tableCaption}>Levenson</caption>
          <tbody>
            {levenson.criteria.map((c) => (
              <tr key={c.key}>
                <th scope="row">
                  {c.label} <span className="muted">({c.kind})</span>
                </th>
                <td>
                  <Status status={c.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className={`data ${styles.criteria}`}>
          <caption className={styles.tableCaption}>DSM-5</caption>
          <tbody>
            {[
              ...dsm5.essential.map((c) => ({ ...c, kind: "essential" })),
              ...dsm5.associated.map((c) => ({ ...c, kind: "associated" })),
            ].map((c) => (
              <tr key={c.key}>
                <th scope="row">
                  {c.label} <span className="muted">({c.kind})</span>
                </th>
                <td>
                  <Status status={c.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function NaranjoScore({ naranjo }: { naranjo: TCaseView["scores"]["naranjo"] }) {
  return (
    <section className="panel" aria-labelledby="naranjo-title" data-section="naranjo">
      <h2 id="naranjo-title">
        Naranjo causality: {naranjo.score} ({naranjo.category})
      </h2>
      <p className="muted">≥ 9 definite, 5–8 probable, 1–4 possible, ≤ 0 doubtful.</p>
      <table className={`data ${styles.criteria}`}>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Question</th>
            <th scope="col">Answer</th>
            <th scope="col" className="num">
              Points
            </th>
          </tr>
        </thead>
        <tbody>
          {naranjo.items.map((item) => (
            <tr key={item.key}>
              <td>{item.number}</td>
              <th scope="row">{item.question}</th>
              <td>{ANSWERS[item.answer]}</td>
              <td className="num">{item.points}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
