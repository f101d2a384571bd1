import { methodNotAllowed } from './http';

/** The methods a read-only route answers with a JSON 405: `export { DELETE, PATCH, POST, PUT } from '@/lib/api/read-only'`. */
export const POST = methodNotAllowed;
export const PUT = methodNotAllowed;
export const PATCH = methodNotAllowed;
export const DELETE = methodNotAllowed;
