// Limits of one import upload, in one place for the route and the upload page (which tells the
// user before sending). A mutable object, not an env variable, so tests can lower the cap.
export const UPLOAD_LIMITS = { maxFileBytes: 2 * 1024 ** 3, maxFieldBytes: 1024 };
