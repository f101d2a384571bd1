/**
 * The largest USAspending file a reviewer uploads from the browser: under the 10 MB the server
 * reads of any request's body before its code runs (Next's proxy limit), so that a file just over
 * it is answered with a message, not a cut-off request. Larger files go through
 * `npm run import:usaspending`, which streams from disk.
 */
export const MAX_UPLOAD_BYTES = 9 * 1024 * 1024;
export const MAX_UPLOAD_LABEL = '9 MB';

/**
 * The largest upload request the import's Server Action is given; proxy.ts answers a larger one
 * itself. A request carrying a file of up to 9 MB is never larger (the form's other fields are a
 * few hundred bytes, and the state the page's script sends back with it some tens of KB: its lists
 * are cut short, app/(editor)/review/import/actions.ts), and one cut off at the proxy's 10 MB is
 * always larger, even when the piece that crossed it (Node reads at most 64 KB at once) was left
 * out: Next passes such a request on cut off, and the action then fails on the broken form with an
 * error page.
 */
export const MAX_UPLOAD_REQUEST_BYTES = MAX_UPLOAD_BYTES + 512 * 1024;

/** The import page, saying that the file sent was too large to upload (proxy.ts sends the browser there). */
export const UPLOAD_TOO_LARGE_ADDRESS = '/review/import?refused=too-large';

/** The refusal of a file over the limit, by the import's action or, for a larger request, by its page. */
export const UPLOAD_TOO_LARGE = {
  message: 'The file is too large to upload.',
  problem: `Files over ${MAX_UPLOAD_LABEL} are imported on the server: ask whoever runs the site (npm run import:usaspending).`,
};
