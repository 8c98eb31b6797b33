// The benchmarks in small counts, so that none of them can rot: each must run against real
// processes and report. (No timing is asserted here; BENCHMARKS.md has the measured figures.)
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const run = promisify(execFile);
const bench = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bench');

async function report(script, args) {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'deai-bench-')), 'report.json');
  await run(process.execPath, [path.join(bench, script), ...args, '--out', out], { maxBuffer: 64 << 20, timeout: 600_000 });
  return JSON.parse(fs.readFileSync(out, 'utf8'));
}

test('the throughput benchmark runs and reports', async () => {
  const r = await report('throughput.mjs', ['--nodes', '30', '--rate', '12', '--warmup', '4', '--blocks', '4']);
  assert.equal(r.benchmark, 'throughput');
  assert.equal(r.blocks.length, 4);
  assert.ok(r.sustainedPerBlock > 0, 'tasks settled');
  assert.equal(r.failedInWindow, 0, 'the played nodes answered every assignment in time');
  assert.equal(r.refusedSubmissions, 0, 'the node accepted every transaction of the load');
  assert.ok(r.ceilingPerBlock > 0 && r.weightsMicros.oneTask > 0, 'a ceiling from the chain\'s weights');
  // Measured both (the load generator's share of a core rounds to 0 at this small rate).
  assert.ok(r.cpuCores.node > 0 && r.cpuCores.client >= 0, 'the CPU of the node and of the load generator');
  assert.ok(r.proposer.blocks > 0, 'the proposer\'s account of the measured blocks');
  assert.ok(r.memory['deai-node'].peakMiB > 0 && r.memory['deai-load'].peakMiB > 0);
  // The node's memory split into its own and its mapped files' pages, to tell a heap from a database.
  assert.ok(r.memory['deai-node'].anonTenthsMiB.some((m) => m > 0));
});

test('the throughput benchmark runs with sampled tasks', async () => {
  const r = await report('throughput.mjs', ['--nodes', '30', '--rate', '8', '--warmup', '6', '--blocks', '4', '--sampled', '500']);
  assert.deepEqual(r.settings.verification, { sampledPermille: 500 });
  assert.ok(r.sustainedPerBlock > 0, 'sampled tasks settled');
  assert.equal(r.failedInWindow, 0);
  assert.ok(r.weightsMicros.oneTask > 0);
});

test('the latency benchmark runs and reports', async () => {
  const r = await report('latency.mjs', ['--tasks', '4']);
  assert.equal(r.benchmark, 'latency');
  assert.equal(r.tasks, 4);
  assert.ok(r.secondsFromSubmission.median > 0);
  assert.ok(r.blocksFromInclusion.median >= 3, 'never below the protocol floor');
  for (const w of ['bob', 'charlie', 'dave']) assert.ok(r.workerReactionSeconds[w].commit.count > 0, `${w} reported reactions`);
});

test('the latency benchmark runs on a two-validator network and reports', async () => {
  const r = await report('latency.mjs', ['--tasks', '2', '--network']);
  assert.equal(r.tasks, 2);
  assert.equal(r.floorBlocks, 4);
  assert.ok(r.blocksFromInclusion.median >= 4, 'a draw waits for two blocks after the inclusion');
  for (const w of ['charlie', 'dave', 'ferdie']) assert.ok(r.workerReactionSeconds[w].commit.count > 0, `${w} reported reactions`);
  assert.ok(r.memory.alice.peakMiB > 0 && r.memory.full.peakMiB > 0);
});

test('the randomness benchmark runs and reports', async () => {
  const r = await report('randomness.mjs', ['--blocks', '10']);
  assert.equal(r.benchmark, 'randomness');
  assert.equal(r.blocks, 10);
  assert.ok(r.primaryShare >= 0 && r.primaryShare <= 1 && r.seedShare <= r.primaryShare);
  assert.ok(r.recordedAgrees, 'the pallet records each block\'s kind of slot claim as its pre-digest says');
});
