// `cli rederive`: re-derives every stored case (matched drugs, classes, scores) against the
// current catalogue and drug-name mappings, in one transaction, with progress.
import { rederiveAllCases } from "@/lib/reference/rederive-all";
import { startProgress } from "../progress";

export async function rederiveCommand(): Promise<void> {
  const progress = startProgress("Re-deriving", 0, "cases");
  const started = Date.now();
  try {
    const result = await rederiveAllCases("cli", (done, total) => progress.update(done, total));
    progress.stop();
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const moves = Object.entries(result.classMoves)
      .filter(([, n]) => n !== 0)
      .map(([drugClass, n]) => `${drugClass} ${n > 0 ? "+" : ""}${n}`);
    console.log(
      `Re-derived ${result.examined} cases in ${seconds} s: ${result.changedCases} changed, ${result.changedDrugRows} drug rows re-matched` +
        (moves.length ? `; class counts moved: ${moves.join(", ")}` : "") +
        ".",
    );
  } finally {
    progress.stop();
  }
}
