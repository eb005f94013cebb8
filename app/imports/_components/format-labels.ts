// How the upload page names the import formats (the API keys are csv|faers|openfda|e2b|exposure).
import type { TImportFormat } from "@/lib/imports/types";

export const FORMAT_LABELS: Record<TImportFormat, string> = {
  csv: "Canonical CSV",
  faers: "FAERS quarterly ASCII (ZIP)",
  openfda: "openFDA drug-event JSON",
  e2b: "ICH E2B(R3) XML",
  exposure: "Exposure denominators (CSV)",
};

export const STATUS_LABELS: Record<string, string> = {
  queued: "Queued",
  running: "Running",
  succeeded: "Succeeded",
  failed: "Failed",
};
