// An address deeper than a feed's: answered as /feeds itself is, in JSON.
export { DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT } from '../../route';
