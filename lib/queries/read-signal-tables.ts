// The signals as the signals page and GET /api/v1/signals show them: read from a replica when one
// is usable (lib/db/replicas.ts), every part of the report from the same server. Commands that
// store signal numbers (alert checks, a topic's frozen numbers) call getSignalTables directly and
// so read the primary.
import { onReadServer } from "@/lib/db/replicas";
import { getSignalTables, type TSignalReport } from "./get-signal-tables";

export function readSignalTables(...args: Parameters<typeof getSignalTables>): Promise<TSignalReport> {
  return onReadServer(() => getSignalTables(...args));
}
