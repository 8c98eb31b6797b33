#!/usr/bin/env node
// Throughput benchmark: a real dev node, many compute accounts played by the benchmark itself
// (they commit and reveal a precomputed result, so inference is not the bottleneck), and a flood
// of digits tasks (r = 3). Reports tasks settled per block, block weight used, the transaction
// pool's backlog, the node's memory, the CPU the node and this client used, the block proposer's
// own account of each block (how long it took, why it stopped), and the ceiling computed from the
// weights the chain itself reports (one task's extrinsics and the hook work per task).
//
//   node scripts/bench/throughput.mjs [--nodes 700] [--rate 350] [--warmup 8] [--blocks 30] [--out FILE]
//                                     [--node-args="--pool-type single-state"]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { u8aToHex } from '@polkadot/util';
import { connect, devKeyring } from '../tests/lib/chain.mjs';
import { commitment } from '../tests/lib/inference.mjs';
import { startNode, waitFor } from '../tests/lib/node.mjs';
import { DIGITS_MLP } from '../tests/lib/worker.mjs';
import { cpuSecondsOf, machine, mean, memoryOf, proposalsOf, sampleMemory, writeReport } from './lib.mjs';

const { values: opt } = parseArgs({
  options: {
    nodes: { type: 'string', default: '700' },
    rate: { type: 'string', default: '350' },
    warmup: { type: 'string', default: '8' },
    blocks: { type: 'string', default: '30' },
    out: { type: 'string' },
    'node-args': { type: 'string', default: '' },
  },
});
const NODES = Number(opt.nodes);
const RATE = Number(opt.rate);
const WARMUP = Number(opt.warmup);
const BLOCKS = Number(opt.blocks);
const UNIT = 10n ** 12n;
const FEE = 10n ** 10n;
const RESULT = new Uint8Array([3, 0, 0, 0]);
const SALT = new Uint8Array(32).fill(7);
const INPUT = '0x' + '01'.repeat(64);
const log = (...a) => console.error('[throughput]', ...a);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deai-throughput-'));
const node = await startNode({
  name: 'throughput',
  args: [
    '--dev', '--base-path', dir, '--pool-limit', '100000', '--pool-kbytes', '512000', '--rpc-max-connections', '200',
    ...opt['node-args'].split(' ').filter(Boolean),
  ],
});
const api = await connect(node.wsUrl);
const keyring = await devKeyring();
const alice = keyring.addFromUri('//Alice');
const nodes = Array.from({ length: NODES }, (_, i) => keyring.addFromUri(`//bench//node//${i}`));
const creators = Array.from({ length: Math.max(1, Math.ceil(RATE / 25)) }, (_, i) => keyring.addFromUri(`//bench//creator//${i}`));
const byAddress = new Map(nodes.map((n) => [n.address, n]));
const nonces = new Map();

/** Signs `tx` as `who` with its next local nonce and submits it without waiting. */
async function send(tx, who) {
  const nonce = nonces.get(who.address) ?? (await api.rpc.system.accountNextIndex(who.address)).toNumber();
  nonces.set(who.address, nonce + 1);
  const signed = await tx.signAsync(who, { nonce });
  return api.rpc.author.submitExtrinsic(signed).catch((e) => {
    stats.rejected += 1;
    if (stats.rejected < 5) log(`submission refused: ${e.message}`);
  });
}

const stats = { rejected: 0 };
try {
  // Local nonces: the accounts are new (0), Alice's is read once; every send takes the next.
  nonces.set(alice.address, (await api.rpc.system.accountNextIndex(alice.address)).toNumber());
  for (const who of [...nodes, ...creators]) nonces.set(who.address, 0);
  // Fund every account from Alice, then every node joins (capacity 16; on probation the draw
  // gives a new node 4 tasks at once).
  log(`funding ${nodes.length} nodes and ${creators.length} creators`);
  await Promise.all([...nodes, ...creators].map((who) => send(api.tx.balances.transferKeepAlive(who.address, 1000n * UNIT), alice)));
  await waitFor(async () => (await api.query.system.account(nodes[nodes.length - 1].address)).data.free.toBigInt() > 0n, {
    what: 'the funding', timeoutMs: 300_000, intervalMs: 2000,
  });
  log('joining');
  await Promise.all(nodes.map((n) => send(api.tx.inference.join(100n * UNIT, [DIGITS_MLP], 16), n)));
  await waitFor(async () => (await api.query.inference.nodeCount()).toNumber() >= NODES, {
    what: 'every node to join', timeoutMs: 300_000, intervalMs: 2000,
  });

  const memory = sampleMemory({ 'deai-node': node.child.pid });
  const normalMax = api.consts.system.blockWeights.perClass.normal.maxTotal.unwrap().refTime.toBigInt();
  const maxBlock = api.consts.system.blockWeights.maxBlock.refTime.toBigInt();
  const assigned = new Map(); // task -> our nodes
  const perBlock = [];
  const weights = { createTask: [], commit: [], reveal: [], settle: [] };
  let creatorTurn = 0;
  let done = false;
  let seen = 0;
  let windowStart = null; // CPU and wall clock when the measured window opens
  let windowEnd = null;
  const cpuNow = () => ({
    wall: Date.now() / 1000,
    node: cpuSecondsOf(node.child.pid),
    client: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
  });
  const started = (await api.rpc.chain.getHeader()).number.toNumber();
  log(`flooding from block ${started}: ${RATE} tasks per block`);

  const finished = new Promise((resolve, reject) => {
    api.rpc.chain.subscribeNewHeads(async (header) => {
      if (done) return;
      try {
        const number = header.number.toNumber();
        const hash = header.hash;
        const [events, block, blockWeight] = await Promise.all([
          api.query.system.events.at(hash),
          api.rpc.chain.getBlock(hash),
          api.query.system.blockWeight.at(hash),
        ]);
        const calls = block.block.extrinsics.map((x) => `${x.method.section}.${x.method.method}`);
        let completed = 0;
        const byExtrinsic = new Map();
        for (const { phase, event } of events) {
          const i = phase.isApplyExtrinsic ? phase.asApplyExtrinsic.toNumber() : null;
          if (i !== null) byExtrinsic.set(i, [...(byExtrinsic.get(i) ?? []), event]);
          if (event.section !== 'inference') continue;
          if (event.method === 'TaskAssigned') {
            const task = event.data.task.toNumber();
            const ours = event.data.nodes.map((a) => byAddress.get(a.toString())).filter(Boolean);
            assigned.set(task, ours);
            for (const n of ours) send(api.tx.inference.commit(task, commitment(api, task, n.address, RESULT, SALT)), n);
          } else if (event.method === 'RevealStarted') {
            const task = event.data.task.toNumber();
            // Bytes as hex: a bare Uint8Array would be read as already SCALE-encoded.
            for (const n of assigned.get(task) ?? []) send(api.tx.inference.reveal(task, u8aToHex(RESULT), SALT), n);
          } else if (event.method === 'TaskCompleted') {
            completed += 1;
            assigned.delete(event.data.task.toNumber());
          }
        }
        // The chain's own post-dispatch weights of each kind of extrinsic.
        for (const [i, evs] of byExtrinsic) {
          const ok = evs.find((e) => e.section === 'system' && e.method === 'ExtrinsicSuccess');
          if (!ok) continue;
          const w = ok.data.dispatchInfo.weight.refTime.toBigInt();
          if (calls[i] === 'inference.createTask') weights.createTask.push(w);
          else if (calls[i] === 'inference.commit') weights.commit.push(w);
          else if (calls[i] === 'inference.reveal') {
            const settled = evs.some((e) => e.section === 'inference' && e.method === 'TaskCompleted');
            (settled ? weights.settle : weights.reveal).push(w);
          }
        }
        if (process.env.DEAI_BENCH_DEBUG) {
          const names = {};
          for (const { event } of events) {
            const k = `${event.section}.${event.method}`;
            names[k] = (names[k] ?? 0) + 1;
          }
          log(JSON.stringify(names));
          for (const { event } of events) {
            if (event.method === 'ExtrinsicFailed') log(JSON.stringify(event.data.dispatchError.toHuman()));
          }
        }
        const pending = number % 5 === 0 ? (await api.rpc.author.pendingExtrinsics()).length : null;
        perBlock.push({
          number,
          completed,
          extrinsics: calls.length,
          normal: Number(blockWeight.normal.refTime.toBigInt()) / Number(normalMax),
          mandatory: Number(blockWeight.mandatory.refTime.toBigInt()) / Number(maxBlock),
          pending,
        });
        log(`block ${number}: ${completed} settled, ${calls.length} extrinsics, normal weight ${(perBlock.at(-1).normal * 100).toFixed(0)}%` +
          (pending !== null ? `, pool ${pending}` : ''));
        seen += 1;
        if (seen === WARMUP) windowStart = cpuNow();
        if (seen === WARMUP + BLOCKS) windowEnd = cpuNow();
        if (seen <= WARMUP + BLOCKS) {
          for (let k = 0; k < RATE; k++) {
            const creator = creators[creatorTurn++ % creators.length];
            send(api.tx.inference.createTask(DIGITS_MLP, INPUT, FEE, 3), creator);
          }
        }
        if (seen >= WARMUP + BLOCKS + 4) {
          done = true;
          resolve();
        }
      } catch (e) {
        done = true;
        reject(e);
      }
    });
  });
  await finished;

  // Blocks arrive in order but their handlers finish out of order.
  perBlock.sort((a, b) => a.number - b.number);
  const window = perBlock.slice(WARMUP, WARMUP + BLOCKS);
  const avg = (xs) => (xs.length ? Number(xs.reduce((a, b) => a + b, 0n) / BigInt(xs.length)) : 0);
  // The weight an `ExtrinsicSuccess` reports already holds the base extrinsic weight and the
  // transaction extensions' weight. The hook work a task causes (its draw, its deadline entries,
  // its pruning) shows as mandatory weight: the window's mandatory weight over its tasks settled.
  const extrinsicsOfOneTask = avg(weights.createTask) + 3 * avg(weights.commit) + 2 * avg(weights.reveal) + avg(weights.settle);
  const settledInWindow = window.reduce((a, b) => a + b.completed, 0);
  const hookPerTask = settledInWindow ? (window.reduce((a, b) => a + b.mandatory, 0) * Number(maxBlock)) / settledInWindow : 0;
  const oneTask = extrinsicsOfOneTask + hookPerTask;
  // Task creations are normal-class and fit in the normal share; commits and reveals are
  // operational and the hook work mandatory, so the whole task fits in the whole block.
  const ceiling = Math.floor(Math.min(Number(normalMax) / avg(weights.createTask), Number(maxBlock) / oneTask));
  const sustained = mean(window.map((b) => b.completed));
  const proposals = proposalsOf(node.logFile);
  const proposed = window.map((b) => proposals.get(b.number)).filter(Boolean);
  const seconds = windowEnd.wall - windowStart.wall;
  const extrinsicsInWindow = window.reduce((a, b) => a + b.extrinsics, 0);
  const report = {
    benchmark: 'throughput',
    machine: machine(),
    settings: { nodes: NODES, rate: RATE, warmup: WARMUP, blocks: BLOCKS, redundancy: 3, nodeArgs: opt['node-args'] },
    sustainedPerBlock: Number(sustained.toFixed(1)),
    minPerBlock: Math.min(...window.map((b) => b.completed)),
    maxPerBlock: Math.max(...window.map((b) => b.completed)),
    ceilingPerBlock: ceiling,
    ofCeiling: Number((sustained / ceiling).toFixed(3)),
    meanNormalWeightUsed: Number(mean(window.map((b) => b.normal)).toFixed(3)),
    meanHookWeightOfBlock: Number(mean(window.map((b) => b.mandatory)).toFixed(3)),
    meanExtrinsicsPerBlock: Math.round(extrinsicsInWindow / window.length),
    extrinsicsPerSecond: Math.round(extrinsicsInWindow / seconds),
    // Cores used over the window (the machine has machine.cores of them).
    cpuCores: {
      node: Number(((windowEnd.node - windowStart.node) / seconds).toFixed(2)),
      client: Number(((windowEnd.client - windowStart.client) / seconds).toFixed(2)),
    },
    proposer: {
      blocks: proposed.length,
      meanMs: Math.round(mean(proposed.map((p) => p.ms))),
      maxMs: Math.max(...proposed.map((p) => p.ms)),
      msPerExtrinsic: Number((proposed.reduce((a, p) => a + p.ms, 0) / proposed.reduce((a, p) => a + p.extrinsics, 0)).toFixed(3)),
      endedBy: proposed.reduce((acc, p) => ({ ...acc, [p.end]: (acc[p.end] ?? 0) + 1 }), {}),
      emptyBlocks: proposed.filter((p) => p.extrinsics <= 1).length,
    },
    poolBacklog: window.map((b) => b.pending).filter((p) => p !== null),
    rejectedSubmissions: stats.rejected,
    weightsMicros: {
      createTask: avg(weights.createTask) / 1e6,
      commit: avg(weights.commit) / 1e6,
      reveal: avg(weights.reveal) / 1e6,
      lastRevealSettling: avg(weights.settle) / 1e6,
      hookPerTask: hookPerTask / 1e6,
      oneTask: oneTask / 1e6,
    },
    memory: memory.stop(),
    nodePeakMiB: memoryOf(node.child.pid).peak,
    dbPath: dir,
    blocks: window,
  };
  writeReport(opt.out, report);
  console.log(JSON.stringify({ ...report, blocks: undefined }, null, 2));
} finally {
  await api.disconnect();
  await node.stop();
}
