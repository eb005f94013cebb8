// Text Postgres can store: no NUL character (text columns refuse it) and no unpaired UTF-16
// surrogate (the audit trail's jsonb refuses it, and UTF-8 cannot encode it faithfully).
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const STORABLE_TEXT_MESSAGE = "must not contain NUL characters or unpaired surrogates";

/** True when the text can be stored and read back verbatim. */
export const isStorableText = (text: string): boolean => !UNSTORABLE.test(text);

/** The text with a NUL spelled out as "\u0000" and a lone surrogate as U+FFFD: safe in text and jsonb. */
export const toStorableText = (text: string): string =>
  isStorableText(text)
    ? text
    : text.replace(/\u0000/g, "\\u0000").replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
