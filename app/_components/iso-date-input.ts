// Every date field is typed as YYYY-MM-DD, the one format the app writes dates in (said in the
// footer). A native date input would show the browser's locale instead — mm/dd/yyyy on an
// en-US Chromium — beside ISO dates on the same page. The server validates every date anyway.
export const ISO_DATE_INPUT = {
  type: "text",
  inputMode: "numeric",
  pattern: "\\d{4}-\\d{2}-\\d{2}",
  placeholder: "YYYY-MM-DD",
  maxLength: 10,
  autoComplete: "off",
  title: "A date as YYYY-MM-DD",
} as const;

/** A value worth acting on while typing: empty, or a whole YYYY-MM-DD (partial input waits). */
export const isWholeIsoDateOrEmpty = (value: string) => value === "" || /^\d{4}-\d{2}-\d{2}$/.test(value);
