#!/usr/bin/env node
// Throughput benchmark: a real dev node under the load of `deai-load` (Rust, in the worker's
// build folder: inference-worker/client/src/load), which plays many task creators and many compute
// accounts (they commit and reveal a precomputed result, so inference is not the bottleneck),
// signing on every core and submitting over several connections. This script starts the node,
// runs the load, samples the node's memory, reads the block proposer's own account of each block
// (how long it took, why it stopped) from the node's log, and writes one report: tasks settled per
// block, the weight used, the ceiling from the weights the chain itself reported, the CPU the
// node and the load generator used.
//
//   node scripts/bench/throughput.mjs [--nodes 700] [--rate 250] [--warmup 8] [--blocks 30]
//                                     [--sampled PERMILLE] [--connections 4] [--out FILE]
//                                     [--node-args="--trie-cache-size 67108864"]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startNode } from '../tests/lib/node.mjs';
import { setting } from '../tests/lib/settings.mjs';
import { machine, mean, memoryOf, proposalsOf, sampleMemory, writeReport } from './lib.mjs';

const { values: opt } = parseArgs({
  options: {
    nodes: { type: 'string', default: '700' },
    rate: { type: 'string', default: '250' },
    warmup: { type: 'string', default: '8' },
    blocks: { type: 'string', default: '30' },
    sampled: { type: 'string' },
    connections: { type: 'string', default: '4' },
    out: { type: 'string' },
    'node-args': { type: 'string', default: '' },
  },
});
const LOAD = path.join(path.dirname(setting('DEAI_WORKER')), 'deai-load');
const log = (...a) => console.error('[throughput]', ...a);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deai-throughput-'));
const node = await startNode({
  name: 'throughput',
  args: [
    '--dev', '--base-path', dir, '--rpc-max-connections', '200',
    // A pool large enough that the load never meets its limit, unless the run sets its own.
    ...(opt['node-args'].includes('--pool-') ? [] : ['--pool-limit', '100000', '--pool-kbytes', '512000']),
    ...opt['node-args'].split(' ').filter(Boolean),
  ],
});
try {
  const memory = sampleMemory({ 'deai-node': node.child.pid });
  const loadReport = path.join(dir, 'load.json');
  const args = [
    '--url', node.wsUrl, '--node-pid', String(node.child.pid), '--out', loadReport,
    '--nodes', opt.nodes, '--rate', opt.rate, '--warmup', opt.warmup, '--blocks', opt.blocks, '--connections', opt.connections,
    ...(opt.sampled ? ['--sampled', opt.sampled] : []),
  ];
  log(`${LOAD} ${args.join(' ')}`);
  const load = spawn(LOAD, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  const loadMemory = sampleMemory({ 'deai-load': load.pid });
  const code = await new Promise((resolve, reject) => {
    load.on('error', reject);
    load.on('exit', resolve);
  });
  if (code !== 0) throw new Error(`deai-load exited with status ${code}`);
  const report = JSON.parse(fs.readFileSync(loadReport, 'utf8'));
  const proposals = proposalsOf(node.logFile);
  const proposed = report.blocks.map((b) => proposals.get(b.number)).filter(Boolean);
  const full = writeReport(opt.out, {
    benchmark: 'throughput',
    machine: machine(),
    nodeArgs: opt['node-args'],
    ...report,
    proposer: {
      blocks: proposed.length,
      meanMs: Math.round(mean(proposed.map((p) => p.ms))),
      maxMs: Math.max(...proposed.map((p) => p.ms)),
      msPerExtrinsic: Number((proposed.reduce((a, p) => a + p.ms, 0) / proposed.reduce((a, p) => a + p.extrinsics, 0)).toFixed(3)),
      endedBy: proposed.reduce((acc, p) => ({ ...acc, [p.end]: (acc[p.end] ?? 0) + 1 }), {}),
      emptyBlocks: proposed.filter((p) => p.extrinsics <= 1).length,
    },
    memory: { ...memory.stop(), ...loadMemory.stop() },
    nodePeakMiB: memoryOf(node.child.pid).peak,
    dbPath: dir,
  });
  console.log(JSON.stringify({ ...full, blocks: undefined }, null, 2));
} finally {
  await node.stop();
}
