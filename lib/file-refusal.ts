/*
 * Why the file system refused a file a command was given, in words: the importers' and the
 * backup's files (lib/database/backup.ts adds the reasons a file cannot be written).
 */
import path from 'node:path';

/**
 * A file or folder as a command's message names it: from the current folder when it is under it
 * ("." for that folder itself), else whole.
 */
export function shownPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  if (relative === '') return '.';
  // Outside the folder when it climbs out of it: "..x.dump" is a file of the folder itself.
  const outside = relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
  return outside ? path.resolve(file) : relative;
}

/** The file system's codes in words; a code not listed is said as it is. */
export const FILE_REFUSALS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder, not a file',
  'not a file': 'it is not a file',
};

/** The one line saying why a file cannot be read: "There is no file x." or "Cannot read x: why." */
export function cannotRead(file: string, error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  if (code === 'ENOENT') return `There is no file ${file}.`;
  return `Cannot read ${file}: ${FILE_REFUSALS[code ?? ''] ?? code ?? message}.`;
}
