import { formatDateTime } from '@/lib/dates';

/** A moment of the record's own life, as every signed-in and history page writes it. */
export function DateTime({ value }: { value: Date }) {
  return <time dateTime={value.toISOString()}>{formatDateTime(value)}</time>;
}
