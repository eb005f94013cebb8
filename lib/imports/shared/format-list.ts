// The import formats as user-facing messages name them, built from the format registry
// (IMPORT_FORMATS), so a format added there appears in every message that lists them.
import { IMPORT_FORMATS } from "../types";

/** "csv, faers, openfda, e2b or exposure": for sentences. */
export const FORMAT_CHOICES = `${IMPORT_FORMATS.slice(0, -1).join(", ")} or ${IMPORT_FORMATS.at(-1)}`;

/** "csv|faers|openfda|e2b|exposure": for usage lines. */
export const FORMAT_OPTIONS = IMPORT_FORMATS.join("|");
