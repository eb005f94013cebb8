// `cli signals check [--margin 0.25]`: runs the signal alert rules on the data as they stand
// (imports run them too) and prints what was raised; running it again on the same data raises none.
import { checkAlerts } from "@/lib/signals/alerts/check-alerts";
import { DEFAULT_STRENGTHENING_MARGIN } from "@/lib/signals/alerts/alert-rules";

export const SIGNALS_USAGE = `signals check [--margin M]   (run the alert rules; strengthening = a lower bound up by M, default ${DEFAULT_STRENGTHENING_MARGIN}; docs/signals.md)`;

export async function signalsCommand(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<void> {
  if (positionals[0] !== "check" || positionals.length !== 1) throw new Error(`usage: npm run cli -- ${SIGNALS_USAGE}`);
  const margin = values.margin === undefined ? undefined : Number(values.margin);
  if (margin !== undefined && !(margin > 0 && Number.isFinite(margin)))
    throw new Error(`--margin: must be a number > 0 (got ${String(values.margin)})`);
  const result = await checkAlerts({ margin, actor: "cli" });
  for (const alert of result.alerts) console.log(`${alert.rule}: ${alert.message}`);
  console.log(`${result.raised} alert(s) raised, ${result.updated} open alert(s) updated.`);
}
