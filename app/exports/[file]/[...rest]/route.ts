// An address deeper than an export's: answered as /exports itself is, in JSON.
export { DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT } from '../../route';
