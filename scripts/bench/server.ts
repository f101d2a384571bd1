// Building the app and running `next start` for the benchmark, the way scripts/start.ts does:
// the server runs in its own process group (its child `next-server` outlives a signal to the
// parent), so it is stopped by signalling the whole group.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { buildIsStale } from '../../lib/build-state';
import { findFreePort } from '../../lib/database/embedded';
import { bundleServer } from '../server-bundle';

const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');
const HOST = '127.0.0.1';
const servers = new Set<ChildProcess>();

const baseEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  NODE_ENV: 'production' as const,
  NEXT_TELEMETRY_DISABLED: '1',
  CHECKPOINT_DISABLE: '1',
});

/** Output that says the build failed because another build was using `.next` at the same time. */
const CONCURRENT_BUILD =
  /another (next )?build|\block(file)?\b|\.next.*(ENOENT|ENOTEMPTY|EEXIST)|(ENOENT|ENOTEMPTY|EEXIST).*\.next/i;

/** Runs `next build` unless the build is up to date; retries twice, a minute apart, if another build got in the way. */
export async function buildApp({ force }: { force: boolean }): Promise<'built' | 'up to date'> {
  if (!force && !buildIsStale()) return 'up to date';
  for (let attempt = 1; ; attempt += 1) {
    const { code, output } = await runBuild();
    if (code === 0) return 'built';
    if (attempt < 3 && CONCURRENT_BUILD.test(output)) {
      console.log(`The build failed, apparently because another build used .next; retrying in 60 s (${attempt}/2) …`);
      await new Promise((resolve) => setTimeout(resolve, 60_000));
      continue;
    }
    throw new Error(`next build failed (exit code ${code}):\n${output.slice(-4000)}`);
  }
}

function runBuild(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [nextBin, 'build'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
      env: baseEnv(),
    });
    servers.add(child);
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-100_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('error', reject);
    child.on('exit', (code) => {
      servers.delete(child);
      resolve({ code, output });
    });
  });
}

/**
 * A private copy of the production build (`.next` without its cache, beside links to
 * node_modules, package.json and public/) for `next start` to run from: other people's builds in
 * the shared `.next` cannot pull the build from under the benchmark. Returns its folder.
 */
export async function snapshotBuild(): Promise<string> {
  const root = process.cwd();
  const buildId = path.join(root, '.next', 'BUILD_ID');
  for (let attempt = 1; ; attempt += 1) {
    // Another build in progress removes BUILD_ID until it is done: wait for it.
    for (let waited = 0; !existsSync(buildId) && waited < 300; waited += 5) {
      if (waited === 0) console.log('.next has no finished build (another build is running?): waiting …');
      await new Promise((resolve) => setTimeout(resolve, 5000));
    }
    const before = existsSync(buildId) ? readFileSync(buildId, 'utf8') : null;
    if (before === null) throw new Error('No production build appeared in .next within 5 minutes.');
    const appDir = await fs.mkdtemp(path.join(os.tmpdir(), 'counterweight-bench-app-'));
    try {
      await fs.cp(path.join(root, '.next'), path.join(appDir, '.next'), {
        recursive: true,
        filter: (source) => !source.startsWith(path.join(root, '.next', 'cache')),
      });
      // prisma/: the migrations /api/health compares the database with.
      for (const entry of ['node_modules', 'package.json', 'public', 'prisma']) {
        if (existsSync(path.join(root, entry))) await fs.symlink(path.join(root, entry), path.join(appDir, entry));
      }
      // The configuration Next.js reads when the server starts, and the files it names.
      for (const file of ['next.config.js', 'lib/security-headers.json', 'lib/data-cache-handler.mjs']) {
        await fs.mkdir(path.dirname(path.join(appDir, file)), { recursive: true });
        await fs.copyFile(path.join(root, file), path.join(appDir, file));
      }
      const after = existsSync(buildId) ? readFileSync(buildId, 'utf8') : null;
      if (after === before && existsSync(path.join(appDir, '.next', 'BUILD_ID'))) return appDir;
    } catch (error) {
      if (attempt >= 3) {
        await fs.rm(appDir, { recursive: true, force: true });
        throw error;
      }
    }
    await fs.rm(appDir, { recursive: true, force: true });
    if (attempt >= 3) throw new Error('.next kept changing while it was copied (other builds running).');
    console.log('.next changed while it was copied (another build?): copying again in 30 s …');
    await new Promise((resolve) => setTimeout(resolve, 30_000));
  }
}

export interface AppServer {
  url: string;
  /** The server's process (Next.js runs in it; its memory is the server's). */
  pid: number;
  output: () => string;
  stop: () => Promise<void>;
}

/** Starts the production server (scripts/serve.ts: Next.js behind the page cache) in appDir on a free port (never 3000) against `databaseUrl`; resolves once it serves pages. */
export async function startServer(appDir: string, databaseUrl: string): Promise<AppServer> {
  let port = await findFreePort();
  while (port === 3000) port = await findFreePort();
  const url = `http://${HOST}:${port}`;
  const serve = bundleServer(appDir);
  const child = spawn(process.execPath, [serve, '--dir', appDir, '--port', String(port), '--hostname', HOST], {
    cwd: appDir,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    env: { ...baseEnv(), DATABASE_URL: databaseUrl },
  });
  servers.add(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-200_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.on('exit', () => servers.delete(child));

  const server: AppServer = { url, pid: child.pid ?? 0, output: () => output, stop: () => stopChild(child) };
  const deadline = performance.now() + 60_000;
  while (performance.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the server exited (${child.exitCode ?? child.signalCode}):\n${output.slice(-4000)}`);
    }
    try {
      const response = await fetch(`${url}/about`, { signal: AbortSignal.timeout(5000) });
      await response.arrayBuffer();
      if (response.status < 500) return server;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await server.stop();
  throw new Error(`the server did not serve /about within 60 s:\n${output.slice(-4000)}`);
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid && child.exitCode === null && child.signalCode === null) {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signalGroup(child, 'SIGTERM');
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5000).unref());
  if ((await Promise.race([exited, timeout])) === 'timeout') signalGroup(child, 'SIGKILL');
  // The group may outlive its leader: make sure nothing of it is left.
  if (child.pid) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // The whole group is gone.
    }
  }
}

/** Stops every server and build this process started (async, for normal shutdown). */
export async function stopAllServers(): Promise<void> {
  await Promise.all([...servers].map(stopChild));
}

/** Kills every server and build group at once (synchronous, for the process's `exit` event). */
export function killAllServersNow(): void {
  for (const child of servers) if (child.pid) signalGroup(child, 'SIGKILL');
}
