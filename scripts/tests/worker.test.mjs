// Real inference workers (Bob, Charlie, Dave) against a real dev node: tasks created with
// @polkadot/api complete with the models' real answers and pay every agreeing worker; a worker
// killed between its commit and its reveal, and restarted, still reveals; the workers ride out a
// node restart and a stall of finality, and stop with a reason when their node comes back with a chain started anew.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { u8aToHex } from '@polkadot/util';
import { randomAsU8a } from '@polkadot/util-crypto';
import { connect, devKeyring, eventsOf, inferenceHold, submit } from './lib/chain.mjs';
import { commitment, untilBlock } from './lib/inference.mjs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { UPGRADE_WASM, heights, startNode, waitFor } from './lib/node.mjs';
import { DIGITS_MLP, ROOT, SILERO_VAD, TASK_CLIENT, audioInput, digitsData, metric, startWorker } from './lib/worker.mjs';

const UNIT = 10n ** 12n;
const FEE = 20n * 10n ** 9n; // 0.02 DEAI per node

const DEVS = ['bob', 'charlie', 'dave'];
let node, api, keyring, alice, eve;
const workers = {};
const stateDirs = {};
const events = []; // every inference event seen, with its block number

const nodeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'deai-dev-'));
const nodeArgs = ['--dev', '--base-path', nodeDir];

before(async () => {
  node = await startNode({ name: 'workers', args: nodeArgs });
  api = await connect(node.wsUrl);
  keyring = await devKeyring();
  alice = keyring.addFromUri('//Alice');
  eve = keyring.addFromUri('//Eve');
  await followEvents();
  for (const dev of DEVS) {
    stateDirs[dev] = fs.mkdtempSync(path.join(os.tmpdir(), `deai-state-${dev}-`));
    workers[dev] = await startWorker({ dev, wsUrl: node.wsUrl, stateDir: stateDirs[dev] });
  }
  await untilJoined();
});

async function followEvents() {
  await api.query.system.events((records) => {
    for (const { event } of records) if (event.section === 'inference') events.push(event);
  });
}

/** Waits until every worker has joined and serves both demo models. */
async function untilJoined() {
  for (const dev of DEVS) {
    const address = keyring.addFromUri(`//${dev[0].toUpperCase()}${dev.slice(1)}`).address;
    await untilBlock(
      api,
      async () => {
        if (workers[dev].exitCode() !== null) throw new Error(`${dev}'s worker exited: ${fs.readFileSync(workers[dev].logFile, 'utf8')}`);
        const view = await api.call.inferenceApi.node(address);
        return view.isSome && view.unwrap().models.length === 2;
      },
      { what: `${dev} to join`, timeoutMs: 120_000 },
    );
  }
}

after(async () => {
  // Everything is stopped before anything is asserted: a process left running would keep this
  // file's test process alive until CI's limit.
  const codes = [];
  for (const w of Object.values(workers)) codes.push([w, await w.stop()]);
  await api?.disconnect();
  await node?.stop();
  for (const [w, code] of codes) assert.equal(code, 0, `${w.dev} stops cleanly (log ${w.logFile})`);
});

/**
 * The task records in a worker's state directory: the frames of its append-only log (`records.log`:
 * a little-endian u32 length, 8 checksum bytes, then the JSON body), records written and not
 * forgotten since.
 */
function recordsIn(stateDir) {
  const bytes = fs.readFileSync(path.join(stateDir, 'records.log'));
  const live = new Map();
  for (let at = 0; at + 12 <= bytes.length; ) {
    const len = bytes.readUInt32LE(at);
    const entry = JSON.parse(bytes.subarray(at + 12, at + 12 + len).toString('utf8'));
    if (entry.Put) live.set(`${entry.Put.record.task}-${entry.Put.record.model}-${entry.Put.record.input_hash}`, entry.Put.record);
    if (entry.Forget) for (const [k, r] of live) if (r.task === entry.Forget.task) live.delete(k);
    at += 12 + len;
  }
  return [...live.values()];
}

async function createTask(model, input, redundancy = 3) {
  const { error, events: evs } = await submit(api, api.tx.inference.createTask(model, u8aToHex(input), FEE, redundancy), alice);
  assert.equal(error, null);
  return eventsOf(api, evs, 'inference', 'TaskCreated')[0].data.task.toNumber();
}

async function settled(taskId, what) {
  return untilBlock(
    api,
    async () => {
      const view = (await api.call.inferenceApi.task(taskId)).unwrap();
      return view.phase.isCompleted || view.phase.isFailed ? view : null;
    },
    { what, timeoutMs: 120_000 },
  );
}

const rewarded = (taskId) =>
  events.filter((e) => e.method === 'NodeRewarded' && e.data.task.toNumber() === taskId).map((e) => e.data.node.toString());

test('a digit from the data set is classified correctly and all three workers are paid', async () => {
  const heldOut = digitsData().filter((_, i) => i % 5 === 4);
  const sample = heldOut[7];
  const taskId = await createTask(DIGITS_MLP, sample.pixels);
  const view = await settled(taskId, 'the digits task');
  assert.ok(view.phase.isCompleted, `phase ${view.phase.type}`);
  assert.equal(Buffer.from(view.result.unwrap()).readUInt32LE(0), sample.label);
  const paid = rewarded(taskId).sort();
  const expected = ['//Bob', '//Charlie', '//Dave'].map((u) => keyring.addFromUri(u).address).sort();
  assert.deepEqual(paid, expected);
});

test('speech and silence get the right voice-activity decisions', async () => {
  const speech = audioInput(path.join(ROOT, 'inference-worker/tests/fixtures/speech.wav'));
  const silence = audioInput(path.join(ROOT, 'inference-worker/tests/fixtures/silence.wav'));
  const [speechTask, silenceTask] = [await createTask(SILERO_VAD, speech), await createTask(SILERO_VAD, silence)];
  const bits = (view) => [...view.result.unwrap()].reduce((n, b) => n + b.toString(2).split('1').length - 1, 0);
  const speechView = await settled(speechTask, 'the speech task');
  const silenceView = await settled(silenceTask, 'the silence task');
  assert.ok(speechView.phase.isCompleted && silenceView.phase.isCompleted);
  assert.ok(bits(speechView) >= 16, `speech in ${bits(speechView)} of 32 chunks`);
  assert.equal(bits(silenceView), 0);
  assert.equal(rewarded(speechTask).length, 3);

  // Rewards are counted from finalized blocks: wait for finality to pass the settlements.
  const text = await waitFor(async () => {
    const t = await (await fetch(workers.bob.metricsUrl)).text();
    return metric(t, 'deai_worker_tasks_rewarded_total') >= 2 ? t : null;
  }, { what: 'the rewards in the metrics (counted at finality)', timeoutMs: 60_000 });
  assert.ok(metric(text, 'deai_worker_tasks_committed_total') >= 2, 'the metrics count commits');
  // The models' own time, by model; the worker's version and the node's runtime; the process.
  assert.ok(metric(text, 'deai_worker_inference_seconds_count\\{model="silero-vad"\\}') >= 2, 'two VAD runs timed');
  assert.ok(metric(text, 'deai_worker_inference_seconds_count\\{model="digits-mlp"\\}') >= 1, 'a digits run timed');
  assert.match(text, /^deai_worker_build_info\{version="[0-9.]+"\} 1$/m);
  assert.match(text, /^deai_worker_device_info\{device="cpu",instances="[1-9][0-9]*",threads="1"\} 1$/m);
  assert.equal(metric(text, 'deai_worker_tasks_missed_total'), 0, 'nothing missed');
  const version = (await api.rpc.state.getRuntimeVersion()).specVersion.toNumber();
  assert.equal(metric(text, 'deai_worker_runtime_spec_version'), version);
  assert.ok(metric(text, 'process_resident_memory_bytes') > 1e6, 'the process collector');
  assert.ok(!fs.readFileSync(workers.bob.logFile, 'utf8').includes('\x1b['), 'no colour codes in a log file');
});

test('sampled tasks complete with the right labels; executions per task match 1 + 2 x rate; cost of both modes', async () => {
  const heldOut = digitsData().filter((_, i) => i % 5 === 4);
  const samples = heldOut.slice(60, 76); // 16 tasks
  const PERMILLE = 500;
  const feesBefore = await inferenceHold(api, alice.address, 'TaskFee');
  const created = [];
  for (const s of samples) {
    const { error, events: evs } = await submit(
      api,
      api.tx.inference.createSampledTask(DIGITS_MLP, u8aToHex(s.pixels), FEE, PERMILLE),
      alice,
    );
    assert.equal(error, null);
    created.push({ id: eventsOf(api, evs, 'inference', 'TaskCreated')[0].data.task.toNumber(), label: s.label, evs });
  }
  let executions = 0;
  let checkedCount = 0;
  for (const c of created) {
    const view = await settled(c.id, `sampled task ${c.id}`);
    assert.ok(view.phase.isCompleted, `task ${c.id}: ${view.phase.type} ${view.phase.isFailed ? view.phase.asFailed.type : ''}`);
    assert.equal(Buffer.from(view.result.unwrap()).readUInt32LE(0), c.label);
    const checked = view.verification.asSampled.checked.unwrap().isTrue;
    checkedCount += checked ? 1 : 0;
    assert.equal(view.assignments.length, checked ? 3 : 1);
    executions += view.assignments.length;
  }
  // Expected 1 + 2 x 0.5 = 2 executions per task; the standard deviation of the mean over 16
  // tasks is 2 x sqrt(0.25 / 16) = 0.25: the bound is 3 standard deviations.
  const perTask = executions / created.length;
  assert.ok(Math.abs(perTask - (1 + (2 * PERMILLE) / 1000)) <= 0.75, `${perTask} executions per task`);
  // What the creator paid for its sampled tasks' results (fees to nodes; transaction fees apart).
  const paidToNodes = events
    .filter((e) => e.method === 'NodeRewarded' && created.some((c) => c.id === e.data.task.toNumber()))
    .reduce((sum, e) => sum + e.data.amount.toBigInt(), 0n);
  const perTaskFee = Number(paidToNodes) / created.length / Number(FEE);
  console.log(`cost per verified digits task, in fees per node: sampled at ${PERMILLE / 10}%: ${perTaskFee.toFixed(2)} ` +
    `(${checkedCount} of ${created.length} checked); full redundancy r = 3: 3.00`);
  assert.ok(perTaskFee <= 3, 'never more than a full check');
  assert.equal(await inferenceHold(api, alice.address, 'TaskFee'), feesBefore, 'no fee stays held');
});

test('a worker killed between commit and reveal, then restarted, still reveals', async () => {
  // Dave steps aside and Eve (played by this test) joins: the task goes to Bob, Charlie and Eve.
  const dave = keyring.addFromUri('//Dave');
  assert.equal((await submit(api, api.tx.inference.pause(), dave)).error, null);
  assert.equal((await submit(api, api.tx.inference.join(100n * UNIT, [DIGITS_MLP], 1), eve)).error, null);

  const sample = digitsData().filter((_, i) => i % 5 === 4)[11];
  const taskId = await createTask(DIGITS_MLP, sample.pixels);
  const charlie = keyring.addFromUri('//Charlie').address;
  const bob = keyring.addFromUri('//Bob').address;
  // Bob and Charlie commit; Eve holds back, so the reveal phase cannot open yet.
  await untilBlock(
    api,
    async () => {
      const view = (await api.call.inferenceApi.task(taskId)).unwrap();
      const done = (who) => view.assignments.some((a) => a.node.toString() === who && a.committed.isTrue);
      return done(bob) && done(charlie);
    },
    { what: 'Bob and Charlie to commit' },
  );
  await workers.charlie.kill();
  assert.ok(
    recordsIn(stateDirs.charlie).some((r) => r.task === taskId && /^[0-9a-f]{64}$/.test(r.salt)),
    'the salt survived the kill',
  );
  workers.charlie = await startWorker({ dev: 'charlie', wsUrl: node.wsUrl, stateDir: stateDirs.charlie });

  // Eve commits the right label: the reveal phase opens.
  const result = new Uint8Array(4);
  new DataView(result.buffer).setUint32(0, sample.label, true);
  const salt = randomAsU8a(32);
  assert.equal((await submit(api, api.tx.inference.commit(taskId, commitment(api, taskId, eve.address, result, salt)), eve)).error, null);
  assert.equal((await submit(api, api.tx.inference.reveal(taskId, u8aToHex(result), salt), eve)).error, null);

  const view = await settled(taskId, 'the task with a restarted worker');
  assert.ok(view.phase.isCompleted);
  assert.equal(Buffer.from(view.result.unwrap()).readUInt32LE(0), sample.label);
  assert.ok(rewarded(taskId).includes(charlie), 'the restarted worker revealed and was paid');
  assert.equal(rewarded(taskId).length, 3);
  const commits = events.filter((e) => e.method === 'Committed' && e.data.task.toNumber() === taskId);
  assert.equal(commits.filter((e) => e.data.node.toString() === charlie).length, 1, 'Charlie committed once');
});

test('the workers ride out a restart of their node', async () => {
  const rpcPort = Number(new URL(node.wsUrl).port);
  await api.disconnect();
  assert.equal(await node.stop(), 0);
  node = await startNode({ name: 'workers-again', args: nodeArgs, rpcPort });
  api = await connect(node.wsUrl);
  await followEvents();
  // Dave is back in play, Eve steps aside: the three workers take the task.
  assert.equal((await submit(api, api.tx.inference.resume(), keyring.addFromUri('//Dave'))).error, null);
  assert.equal((await submit(api, api.tx.inference.pause(), eve)).error, null);
  const sample = digitsData().filter((_, i) => i % 5 === 4)[12];
  const taskId = await createTask(DIGITS_MLP, sample.pixels);
  const view = await settled(taskId, 'a task after the node restart');
  assert.ok(view.phase.isCompleted);
  assert.equal(Buffer.from(view.result.unwrap()).readUInt32LE(0), sample.label);
  for (const w of Object.values(workers)) assert.equal(w.exitCode(), null, `${w.dev}'s worker is still running`);
});

test('the task client submits from a file, follows the task, and names what is wrong', async () => {
  const run = (...args) =>
    promisify(execFile)(TASK_CLIENT, ['--rpc', node.wsUrl, '--dev', 'ferdie', ...args], { timeout: 120_000 }).then(
      (r) => ({ code: 0, out: r.stdout, err: r.stderr }),
      (e) => ({ code: e.code, out: e.stdout, err: e.stderr }),
    );
  const sample = digitsData().filter((_, i) => i % 5 === 4)[13];
  const digit = path.join(nodeDir, 'digit.txt');
  fs.writeFileSync(digit, [...sample.pixels].join(' '));
  const ok = await run('submit', '--model', 'digits', '--file', digit);
  assert.equal(ok.code, 0, ok.err);
  assert.match(ok.out, new RegExp(`result  label ${sample.label}\\b`));
  for (const phase of ['created', 'committed 3/3', 'completed', 'cost', 'latency']) assert.match(ok.out, new RegExp(phase));

  const unknown = await run('submit', '--model', `0x${'12'.repeat(32)}`, '--file', digit);
  assert.equal(unknown.code, 1);
  assert.match(unknown.err, /unknown model/);
  const unfit = await run('submit', '--model', 'vad', '--file', digit);
  assert.equal(unfit.code, 1);
  assert.match(unfit.err, /16 kHz mono \.wav/);
  const poor = await run('submit', '--model', 'digits', '--file', digit, '--fee', '500000');
  assert.equal(poor.code, 1);
  assert.match(poor.err, /too little balance/);
  // One second of audio with a NaN in it: the nodes agree that the input is invalid for the
  // model, and the client says so by its exit status (3), not 0 as if it were an answer.
  const nan = Buffer.alloc(64_000);
  nan.writeFloatLE(Number.NaN, 0);
  const raw = path.join(nodeDir, 'nan.f32');
  fs.writeFileSync(raw, nan);
  const invalid = await run('submit', '--model', 'vad', '--file', raw);
  assert.equal(invalid.code, 3, invalid.out + invalid.err);
  assert.match(invalid.out, /could not take this input/);
  const help = await run('--help');
  assert.match(help.out, /Exit status: 0 a verified result/);
});

test('the workers go on serving while finality stalls, across a runtime upgrade: their transactions are built past the stalled finalized block, for the runtime in force', async () => {
  const rpcPort = Number(new URL(node.wsUrl).port);
  await api.disconnect();
  assert.equal(await node.stop(), 0);
  // The same chain without its GRANDPA voter: blocks and assignments go on, nothing is finalized.
  // Transactions built at the last finalized block (old workers) were refused 64 blocks later.
  node = await startNode({ name: 'workers-unfinalized', args: [...nodeArgs, '--no-grandpa'], rpcPort });
  api = await connect(node.wsUrl);
  await followEvents();
  const stalledAt = (await heights(node.httpUrl)).finalized;
  await waitFor(async () => (await heights(node.httpUrl)).best >= stalledAt + 24, {
    what: 'blocks well past the last finalized one',
    timeoutMs: 150_000,
  });
  const from = (await heights(node.httpUrl)).best;
  const sample = digitsData().filter((_, i) => i % 5 === 4)[14];
  const taskId = await createTask(DIGITS_MLP, sample.pixels);
  const view = await settled(taskId, 'a task while finality stalls');
  assert.ok(view.phase.isCompleted);
  assert.equal(Buffer.from(view.result.unwrap()).readUInt32LE(0), sample.label);
  const to = (await heights(node.httpUrl)).best;
  assert.equal((await heights(node.httpUrl)).finalized, stalledAt, 'nothing was finalized meanwhile');
  // Each commit and reveal names the block its mortality counts from: past the stalled one, so
  // it stays valid while blocks go on.
  const sent = await workOf(taskId, from, to);
  assert.equal(sent.length, 6, 'three commits and three reveals');
  for (const tx of sent) assert.ok(tx.birth > stalledAt, `${tx.method} in block ${tx.n} counts from block ${tx.birth}, past ${stalledAt}`);

  // A runtime upgrade while finality still stalls. A transaction carries the spec version of the
  // runtime at the block it is built at, and the new runtime refuses the old one's: old workers
  // kept building at a block of the old runtime (8 below the best, moved every 4 blocks), so every
  // commit failed for about ten blocks, a whole window, after the upgrade.
  const version = async () => (await api.rpc.state.getRuntimeVersion()).specVersion.toNumber();
  const oldVersion = await version();
  const setCode = api.tx.system.setCode(u8aToHex(fs.readFileSync(UPGRADE_WASM)));
  assert.equal((await submit(api, api.tx.sudo.sudoUncheckedWeight(setCode, { refTime: 1, proofSize: 1 }), alice)).error, null);
  await waitFor(async () => (await version().catch(() => 0)) === oldVersion + 1, { what: 'the new runtime', timeoutMs: 60_000 });
  const upgradedAt = (await heights(node.httpUrl)).best;
  // A client of the new runtime (this one re-decorates its runtime calls meanwhile).
  await api.disconnect();
  api = await connect(node.wsUrl);
  await followEvents();
  const next = digitsData().filter((_, i) => i % 5 === 4)[15];
  const upgradedTask = await createTask(DIGITS_MLP, next.pixels);
  const after = await settled(upgradedTask, 'a task right after the upgrade');
  assert.ok(after.phase.isCompleted, `phase ${after.phase.type}`);
  assert.equal(Buffer.from(after.result.unwrap()).readUInt32LE(0), next.label);
  const work = await workOf(upgradedTask, upgradedAt, (await heights(node.httpUrl)).best);
  const assigned = await assignedAt(upgradedTask, upgradedAt);
  const commits = work.filter((tx) => tx.method === 'commit');
  assert.equal(commits.length, 3, 'three commits');
  for (const tx of commits) assert.ok(tx.n <= assigned + 6, `a commit in block ${tx.n}, assigned in ${assigned}: built for the new runtime at once`);
  // Old workers' first commits after the upgrade were refused, as signed for the old runtime.
  for (const w of Object.values(workers)) {
    assert.doesNotMatch(fs.readFileSync(w.logFile, 'utf8'), /bad signature/, `${w.dev}'s transactions were all valid`);
  }
  assert.equal((await heights(node.httpUrl)).finalized, stalledAt, 'finality still stalled');
});

/** The commits and reveals of `taskId` in blocks `from` to `to`: their method, block and the block their mortality counts from. */
async function workOf(taskId, from, to) {
  const sent = [];
  for (let n = from; n <= to; n++) {
    const block = await api.rpc.chain.getBlock(await api.rpc.chain.getBlockHash(n));
    for (const ext of block.block.extrinsics) {
      const { section, method, args } = ext.method;
      if (section !== 'inference' || !['commit', 'reveal'].includes(method) || args[0].toNumber() !== taskId) continue;
      assert.ok(ext.era.isMortalEra, `${method} is mortal`);
      sent.push({ method, birth: ext.era.asMortalEra.birth(n), n });
    }
  }
  return sent;
}

/** The block, from `from` to the best one, whose events assign `taskId`. */
async function assignedAt(taskId, from) {
  const best = (await heights(node.httpUrl)).best;
  for (let n = from; n <= best; n++) {
    const records = await api.query.system.events.at(await api.rpc.chain.getBlockHash(n));
    if (records.some(({ event }) => event.section === 'inference' && event.method === 'TaskAssigned' && event.data.task.toNumber() === taskId)) return n;
  }
  throw new Error(`task ${taskId} was not assigned in blocks ${from} to ${best}`);
}

test('a worker whose node comes back with a chain started anew stops and says why; restarted, it joins afresh', async () => {
  const rpcPort = Number(new URL(node.wsUrl).port);
  await api.disconnect();
  assert.equal(await node.stop(), 0);
  const freshDir = fs.mkdtempSync(path.join(os.tmpdir(), 'deai-dev-anew-'));
  node = await startNode({ name: 'workers-anew', args: ['--dev', '--base-path', freshDir], rpcPort });
  api = await connect(node.wsUrl);
  events.length = 0; // the new chain counts its tasks from 0 again
  await followEvents();
  for (const dev of DEVS) {
    await waitFor(() => workers[dev].exitCode() !== null, { what: `${dev}'s worker to notice the new chain`, timeoutMs: 60_000 });
    assert.notEqual(workers[dev].exitCode(), 0, `${dev}'s worker reports a failure`);
    assert.match(fs.readFileSync(workers[dev].logFile, 'utf8'), /not a compute node on the chain the node now serves/);
  }

  // Restarted with the same state folders, they join the new chain and serve it.
  for (const dev of DEVS) workers[dev] = await startWorker({ dev, wsUrl: node.wsUrl, stateDir: stateDirs[dev] });
  await untilJoined();
  const sample = digitsData().filter((_, i) => i % 5 === 4)[14];
  const taskId = await createTask(DIGITS_MLP, sample.pixels);
  assert.equal(taskId, 0, 'the new chain reuses task id 0');
  const view = await settled(taskId, 'the first task of the new chain');
  assert.ok(view.phase.isCompleted);
  assert.equal(Buffer.from(view.result.unwrap()).readUInt32LE(0), sample.label);
  assert.equal(rewarded(taskId).length, 3, 'all three workers are paid on the new chain');
});
