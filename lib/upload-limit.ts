/**
 * The largest USAspending file a reviewer uploads from the browser: under the 10 MB the server
 * reads of any request's body before its code runs (Next's proxy limit), so that a file just over
 * it is answered with a message, not a cut-off request. Larger files go through
 * `npm run import:usaspending`, which streams from disk.
 */
export const MAX_UPLOAD_BYTES = 9 * 1024 * 1024;
export const MAX_UPLOAD_LABEL = '9 MB';
