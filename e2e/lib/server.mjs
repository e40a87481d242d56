// Starts `sammen demo` on a free loopback port with a fresh database, for one test file.
//
//   const server = await startServer();   // server.url = "http://127.0.0.1:PORT"
//   ...
//   await server.stop();
//
// The database is `SAMMEN_E2E_DB` when set (e.g. a PostgreSQL URL on the throwaway test
// cluster; the demo data set is added only when that database is empty, so test files that
// run one after another share it), else a new SQLite file in a new temporary directory.
// The binary is `SAMMEN_BIN`, else `target/debug/sammen` under `CARGO_TARGET_DIR` or the
// repository root: build it first with `cargo build -p sammen`.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The demo password, the same for every demo login. */
export const DEMO_PASSWORD = 'sammen-demo-2026';

const START_TIMEOUT_MS = Number(process.env.SAMMEN_E2E_START_TIMEOUT_MS || 180_000);

function binary() {
  if (process.env.SAMMEN_BIN) return resolve(process.env.SAMMEN_BIN);
  const target = process.env.CARGO_TARGET_DIR ? resolve(REPO, process.env.CARGO_TARGET_DIR) : join(REPO, 'target');
  return join(target, 'debug', 'sammen');
}

/** A port nothing listens on right now (the OS picks it). */
export function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.unref();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function healthy(url) {
  try {
    const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  }
}

/**
 * Starts the server; resolves once `/healthz` answers.
 * @returns {Promise<{url: string, db: string, output: () => string, stop: () => Promise<void>}>}
 */
export async function startServer() {
  const bin = binary();
  if (!existsSync(bin)) {
    throw new Error(`${bin} does not exist: run \`cargo build -p sammen\` first (or set SAMMEN_BIN)`);
  }
  let dir = null;
  let db = process.env.SAMMEN_E2E_DB;
  if (!db) {
    dir = mkdtempSync(join(tmpdir(), 'sammen-e2e-'));
    db = `sqlite:${join(dir, 'sammen.db')}`;
  }

  // Another process may take the port between the probe and the bind: try a few.
  let lastError;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const child = spawn(bin, ['demo', '--db', db, '--addr', `127.0.0.1:${port}`], {
      cwd: dir ?? REPO,
      env: { ...process.env, RUST_LOG: process.env.RUST_LOG || 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const keep = (chunk) => {
      out += chunk.toString();
      if (out.length > 200_000) out = out.slice(-100_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let exited = null;
    const exitedP = new Promise((r) => child.on('exit', (code, signal) => r((exited = { code, signal }))));
    const killOnExit = () => child.kill('SIGKILL');
    process.on('exit', killOnExit);

    const stop = async () => {
      process.off('exit', killOnExit);
      if (exited === null) {
        child.kill('SIGTERM');
        let timer;
        const done = await Promise.race([exitedP, new Promise((r) => (timer = setTimeout(() => r(null), 10_000)))]);
        clearTimeout(timer);
        if (done === null) {
          child.kill('SIGKILL');
          await exitedP;
        }
      }
      if (dir) rmSync(dir, { recursive: true, force: true });
    };

    const deadline = Date.now() + START_TIMEOUT_MS;
    while (exited === null && Date.now() < deadline) {
      if (await healthy(url)) {
        return { url, db: redact(db), output: () => out, stop };
      }
      await sleep(150);
    }
    if (exited === null) {
      await stop();
      throw new Error(`sammen did not answer /healthz within ${START_TIMEOUT_MS} ms. Output:\n${out}`);
    }
    process.off('exit', killOnExit);
    lastError = new Error(`sammen exited (${JSON.stringify(exited)}) before it was ready. Output:\n${out}`);
    if (!/address|in use|bind/i.test(out)) break;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
  throw lastError;
}

function redact(db) {
  return db.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
