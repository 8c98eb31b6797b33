#!/usr/bin/env node
// Randomness benchmark: how often a block of a validator network brings a seed (Protocol v3:
// its parent a primary BABE slot claim, by another validator), which sets how long a draw or a
// sampling decision waits. Starts a `--chain local` network (validators Alice and Bob), reads
// `--blocks` blocks' BABE pre-digests, and reports the share of primary claims, the share of
// blocks with a seed, the wait from a block to the first seed that covers it (blocks), and what
// the inference pallet recorded (`LastBlockVrf`) agreeing with the pre-digests.
//
//   node scripts/bench/randomness.mjs [--blocks 200] [--out FILE]
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { connect } from '../tests/lib/chain.mjs';
import { NODE_BINARY, sleep, startNode } from '../tests/lib/node.mjs';
import { machine, mean, quantile, writeReport } from './lib.mjs';

const { values: opt } = parseArgs({ options: { blocks: { type: 'string', default: '200' }, out: { type: 'string' } } });
const BLOCKS = Number(opt.blocks);
const log = (...a) => console.error('[randomness]', ...a);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deai-randomness-'));
const keyFile = path.join(dir, 'alice.key');
fs.writeFileSync(keyFile, randomBytes(32).toString('hex'));
const peer = execFileSync(NODE_BINARY, ['key', 'inspect-node-key', '--file', keyFile]).toString().trim();
const alice = await startNode({ name: 'alice', args: ['--chain', 'local', '--alice', '--validator', '--tmp', '--node-key-file', keyFile] });
const bob = await startNode({
  name: 'bob',
  args: ['--chain', 'local', '--bob', '--validator', '--tmp', '--node-key', randomBytes(32).toString('hex'),
    '--bootnodes', `/ip4/127.0.0.1/tcp/${alice.p2pPort}/p2p/${peer}`],
});
const api = await connect(alice.wsUrl);
try {
  // Wait for the blocks, then read the finalized chain (no fork left to change them).
  const finalizedNumber = async () => (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
  while ((await finalizedNumber()) < BLOCKS + 1) await sleep(2_000);
  const blocks = [];
  for (let n = 1; n <= BLOCKS + 1; n++) {
    const hash = await api.rpc.chain.getBlockHash(n);
    const header = await api.rpc.chain.getHeader(hash);
    const log_ = header.digest.logs.find((l) => l.isPreRuntime && l.asPreRuntime[0].toString() === 'BABE');
    const pre = api.registry.createType('RawBabePreDigest', log_.asPreRuntime[1]);
    const claim = pre.isPrimary ? pre.asPrimary : pre.isSecondaryVRF ? pre.asSecondaryVRF : pre.asSecondaryPlain;
    const validators = await (await api.at(hash)).query.session.validators();
    const recorded = (await (await api.at(hash)).query.inference.lastBlockVrf()).unwrap();
    blocks.push({ n, primary: pre.isPrimary, author: validators[claim.authorityIndex.toNumber()].toString(), recordedPrimary: recorded.primary.isTrue });
  }
  // A block brings a seed when its parent is a primary claim by another validator; it covers
  // what blocks up to two before it included.
  const seeded = blocks.map((b, i) => i > 0 && blocks[i - 1].primary && blocks[i - 1].author !== b.author);
  const waits = [];
  for (let i = 1; i + 2 < blocks.length; i++) {
    const first = seeded.findIndex((s, j) => s && j >= i + 2);
    if (first >= 0) waits.push(first - i);
  }
  const report = writeReport(opt.out, {
    benchmark: 'randomness',
    machine: machine(),
    validators: 2,
    blocks: BLOCKS,
    primaryShare: blocks.filter((b) => b.primary).length / blocks.length,
    seedShare: seeded.filter(Boolean).length / (blocks.length - 1),
    recordedAgrees: blocks.every((b) => b.recordedPrimary === b.primary),
    blocksToSeed: { mean: mean(waits), median: quantile(waits, 0.5), p95: quantile(waits, 0.95) },
  });
  log(JSON.stringify(report));
} finally {
  await api.disconnect();
  await bob.stop();
  await alice.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
