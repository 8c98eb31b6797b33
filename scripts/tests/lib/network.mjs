// A multi-process deai network for end-to-end tests: two validators (Alice, Bob), one full node
// without keys, and three workers (Charlie, Dave, Ferdie) connected to the full node (and to
// Alice's node when the full node stops answering).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NODE_BINARY, rpc, startNode, waitFor } from './node.mjs';
import { startWorker } from './worker.mjs';

export const WORKERS = ['charlie', 'dave', 'ferdie'];

export async function startNetwork() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deai-net-'));
  const aliceKey = randomBytes(32).toString('hex');
  fs.writeFileSync(path.join(dir, 'alice.key'), aliceKey);
  const alicePeer = execFileSync(NODE_BINARY, ['key', 'inspect-node-key', '--file', path.join(dir, 'alice.key')])
    .toString()
    .trim();
  const net = { dir, workers: {}, stateDirs: {} };
  net.alice = await startNode({
    name: 'alice',
    args: ['--chain', 'local', '--alice', '--validator', '--base-path', path.join(dir, 'alice'), '--node-key', aliceKey],
  });
  const boot = `/ip4/127.0.0.1/tcp/${net.alice.p2pPort}/p2p/${alicePeer}`;
  net.bootArgs = ['--bootnodes', boot];
  // Validators keep a persistent network identity; a restart reuses it.
  net.bobArgs = ['--chain', 'local', '--bob', '--validator', '--base-path', path.join(dir, 'bob'),
    '--node-key', randomBytes(32).toString('hex'), ...net.bootArgs];
  net.bob = await startNode({ name: 'bob', args: net.bobArgs });
  net.full = await startNode({ name: 'full', args: ['--chain', 'local', '--base-path', path.join(dir, 'full'), ...net.bootArgs] });
  await waitFor(async () => (await rpc(net.full.httpUrl, 'system_health')).peers >= 2, { what: 'the full node to peer' });
  for (const dev of WORKERS) {
    net.stateDirs[dev] = path.join(dir, `state-${dev}`);
    net.workers[dev] = await startNetworkWorker(net, dev);
  }
  return net;
}

/**
 * Starts (or restarts, with the same state) the worker of `dev`: it follows the full node, and
 * Alice's node when the full node stops answering.
 */
export function startNetworkWorker(net, dev) {
  return startWorker({ dev, wsUrl: net.full.wsUrl, stateDir: net.stateDirs[dev], extraArgs: ['--rpc', net.alice.wsUrl] });
}

/** Restarts Bob's validator with the same database. */
export async function restartBob(net) {
  const code = await net.bob.stop();
  if (code !== 0) throw new Error(`bob exited with ${code}`);
  return net;
}

export async function stopNetwork(net) {
  const codes = {};
  for (const [dev, w] of Object.entries(net.workers)) codes[dev] = await w.stop();
  for (const n of [net.full, net.bob, net.alice]) if (n) codes[n.name] = await n.stop();
  fs.rmSync(net.dir, { recursive: true, force: true });
  return codes;
}
