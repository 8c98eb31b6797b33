// Starting and stopping real deai-node processes for the tests.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setting } from './settings.mjs';

/** The node binary (scripts/build.sh). */
export const NODE_BINARY = setting('DEAI_NODE');
/** The runtime one spec version later (scripts/build-upgrade-runtime.sh), for the tests of a runtime upgrade. */
export const UPGRADE_WASM = setting('DEAI_UPGRADE_WASM');

/** A TCP port nobody listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Sleeps `ms` milliseconds. */
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it returns a truthy value or `timeoutMs` passes. */
export async function waitFor(check, { timeoutMs = 60_000, intervalMs = 500, what = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (e) {
      lastError = e;
    }
    await sleep(intervalMs);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${lastError.message}` : ''}`);
}

/** One JSON-RPC call over HTTP. */
export async function rpc(url, method, params = []) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const body = await res.json();
  if (body.error) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
  return body.result;
}

const running = new Set();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * Starts `binary` with `args`, its output appended to a log file, and tracks it: every process
 * still running when the test process exits is killed. Returns
 * { child, logFile, exitCode(), exited, stop(), kill() }.
 */
export function spawnLogged({ binary, args, name, env = process.env }) {
  const logFile = path.join(os.tmpdir(), `deai-${name}-${process.pid}-${Date.now()}.log`);
  const out = fs.openSync(logFile, 'a');
  const child = spawn(binary, args, { stdio: ['ignore', out, out], env });
  running.add(child);
  let code = null;
  const exited = new Promise((resolve) =>
    child.on('exit', (c, signal) => {
      running.delete(child);
      code = c ?? signal;
      resolve(code);
    }),
  );
  return {
    child,
    logFile,
    exited,
    exitCode: () => code,
    /**
     * Asks the process to stop (SIGINT) and returns its exit code; SIGKILL after `timeoutMs`
     * (a stopping worker may take a commit and a reveal window to finish what it owes).
     */
    async stop({ timeoutMs = 90_000 } = {}) {
      if (code !== null) return code;
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
    /** Kills the process at once (SIGKILL: no chance to clean up). */
    async kill() {
      child.kill('SIGKILL');
      return exited;
    },
  };
}

/**
 * Starts `deai-node` with `args` (default `--dev`) on free ports (or RPC on `rpcPort`) and waits
 * for its RPC server.
 * Returns { wsUrl, httpUrl, prometheusUrl, p2pPort, logFile, child, stop() }.
 */
export async function startNode({ args = ['--dev'], name = 'node', binary = NODE_BINARY, rpcPort: fixedRpcPort } = {}) {
  if (!fs.existsSync(binary)) throw new Error(`no node binary at ${binary}: run scripts/build.sh`);
  // RPC on port 0 unless a restart needs the same one: the node binds a free port and logs it (a
  // port picked here could be taken by another test's process before the node binds it).
  const [p2pPort, promPort] = [await freePort(), await freePort()];
  const proc = spawnLogged({
    binary,
    name,
    args: [
      ...args,
      '--rpc-port', String(fixedRpcPort ?? 0),
      '--port', String(p2pPort),
      '--prometheus-port', String(promPort),
      '--no-mdns',
      '--no-telemetry',
      '--name', name,
    ],
  });
  const { logFile } = proc;
  // The port this node bound, from its own log: never another process answering on a port
  // given for a restart.
  let rpcPort;
  const ready = waitFor(
    async () => {
      if (!rpcPort) {
        const m = fs.readFileSync(logFile, 'utf8').match(/Running JSON-RPC server: addr=127\.0\.0\.1:(\d+)/);
        if (!m) return null;
        rpcPort = Number(m[1]);
      }
      return rpc(`http://127.0.0.1:${rpcPort}`, 'system_health');
    },
    { what: `the RPC server of ${name} (log: ${logFile})` },
  );
  const failed = proc.exited.then((code) => {
    const tail = fs.readFileSync(logFile, 'utf8').trim().split('\n').slice(-3).join('\n');
    throw new Error(`${name} exited with ${code} before serving RPC; log ${logFile}:\n${tail}`);
  });
  failed.catch(() => {});
  await Promise.race([ready, failed]);
  const httpUrl = `http://127.0.0.1:${rpcPort}`;
  return {
    ...proc,
    name,
    p2pPort,
    httpUrl,
    wsUrl: `ws://127.0.0.1:${rpcPort}`,
    prometheusUrl: `http://127.0.0.1:${promPort}/metrics`,
  };
}

/** Best and finalized block numbers over RPC. */
export async function heights(httpUrl) {
  const best = await rpc(httpUrl, 'chain_getHeader');
  const finalizedHash = await rpc(httpUrl, 'chain_getFinalizedHead');
  const finalized = await rpc(httpUrl, 'chain_getHeader', [finalizedHash]);
  return { best: parseInt(best.number, 16), finalized: parseInt(finalized.number, 16) };
}
