// An operator's ordinary actions and mistakes cost nothing. A registration the chain would refuse
// is dry-run, never sent, and the worker stops with the configuration-error status (78) that its
// systemd unit does not restart on (RestartPreventExitStatus), instead of paying a refused `join`
// every ten seconds forever; a registered model whose file went bad is not dropped silently; and a
// stop (`systemctl stop`, SIGTERM) pauses the node and reveals what it committed before exiting,
// so it is neither slashed for withholding nor given tasks while it is down.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { u8aToHex } from '@polkadot/util';
import { randomAsU8a } from '@polkadot/util-crypto';
import { connect, devKeyring, eventsOf, submit } from './lib/chain.mjs';
import { commitment, untilBlock } from './lib/inference.mjs';
import { startNode } from './lib/node.mjs';
import { DIGITS_MLP, MODELS_DIR, ROOT, SILERO_VAD, digitsData, metric, startWorker } from './lib/worker.mjs';

const UNIT = 10n ** 12n;
const CONFIG_ERROR_EXIT = 78;

let node, api, keyring;

before(async () => {
  node = await startNode({ name: 'operator' });
  api = await connect(node.wsUrl);
  keyring = await devKeyring();
});

after(async () => {
  await api?.disconnect();
  await node?.stop();
});

/** Starts a worker that is expected to stop by itself; returns its exit code and its log. */
async function startExpectingExit({ dev, suri, capacity, modelsDir, extraArgs = [], stateDir = fs.mkdtempSync(path.join(os.tmpdir(), `deai-state-${dev}-`)) }) {
  const worker = await startWorker({ dev, suri, wsUrl: node.wsUrl, stateDir, capacity, modelsDir, extraArgs });
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => resolve('still running'), 90_000);
  });
  const code = await Promise.race([worker.exited, timeout]);
  clearTimeout(timer);
  if (code === 'still running') await worker.kill();
  return { code, log: fs.readFileSync(worker.logFile, 'utf8') };
}

/** Waits until `worker` follows blocks (its start-up, registration included, is over). */
async function untilFollowing(worker) {
  await untilBlock(
    api,
    async () => {
      if (worker.exitCode() !== null) throw new Error(`the worker exited: ${fs.readFileSync(worker.logFile, 'utf8')}`);
      return metric(await (await fetch(worker.metricsUrl)).text(), 'deai_worker_best_block') > 0;
    },
    { what: `${worker.dev}'s worker to follow blocks` },
  );
}

/** Pauses every active compute node among the dev accounts but `keep`, so a task's draw is known. */
async function onlyActive(keep) {
  for (const dev of ['Charlie', 'Dave', 'Eve', 'Ferdie']) {
    const pair = keyring.addFromUri(`//${dev}`);
    if (keep.includes(pair.address)) continue;
    const view = await api.call.inferenceApi.node(pair.address);
    if (view.isSome && view.unwrap().status.isActive) {
      assert.equal((await submit(api, api.tx.inference.pause(), pair)).error, null);
    }
  }
}

const account = async (address) => {
  const info = await api.query.system.account(address);
  return { nonce: info.nonce.toNumber(), free: info.data.free.toBigInt() };
};

test('a registration the chain would refuse is never sent: nothing is paid and the worker stops with status 78', async () => {
  const ferdie = keyring.addFromUri('//Ferdie').address;
  const before = await account(ferdie);
  const minStake = api.consts.inference.minStake.toBigInt();
  const maxCapacity = api.consts.inference.maxCapacity.toNumber();

  const low = await startExpectingExit({ dev: 'ferdie', extraArgs: ['--stake', String(minStake / UNIT - 1n)] });
  assert.equal(low.code, CONFIG_ERROR_EXIT, low.log);
  assert.match(low.log, /StakeTooLow.*MinStake/);

  const wide = await startExpectingExit({ dev: 'ferdie', capacity: maxCapacity + 1 });
  assert.equal(wide.code, CONFIG_ERROR_EXIT, wide.log);
  assert.match(wide.log, /BadCapacity/);

  const rich = await startExpectingExit({ dev: 'ferdie', extraArgs: ['--stake', String(before.free / UNIT + 1n)] });
  assert.equal(rich.code, CONFIG_ERROR_EXIT, rich.log);
  assert.match(rich.log, /InsufficientBalance/);

  // Before the dry run, each of these was a `join` included and refused: a fee paid each time.
  assert.deepEqual(await account(ferdie), before, 'no transaction was sent, no fee was paid');
  assert.ok((await api.call.inferenceApi.node(ferdie)).isNone);
});

test('an account that cannot pay the fee is told so and stops with status 78', async () => {
  const broke = keyring.addFromUri('//NoMoneyOperator').address;
  const { code, log } = await startExpectingExit({ dev: 'broke', suri: '//NoMoneyOperator' });
  assert.equal(code, CONFIG_ERROR_EXIT, log);
  assert.match(log, /cannot pay the transaction fee/);
  assert.equal((await account(broke)).nonce, 0);
});

test('a registered model whose file went corrupt is not dropped from the registration unless asked', async () => {
  const eve = keyring.addFromUri('//Eve').address;
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'deai-state-eve-'));
  const first = await startWorker({ dev: 'eve', wsUrl: node.wsUrl, stateDir });
  const models = async () => {
    const view = await api.call.inferenceApi.node(eve);
    return view.isSome ? view.unwrap().models.map((m) => m.toHex()).sort() : [];
  };
  await untilBlock(api, async () => (await models()).length === 2, { what: 'Eve to join with both demo models' });
  await untilFollowing(first);
  assert.equal(await first.stop(), 0);
  const joined = await account(eve);

  // The same folder with the voice-activity model's file damaged: its hash is no model id any more.
  const damaged = fs.mkdtempSync(path.join(os.tmpdir(), 'deai-models-damaged-'));
  for (const file of fs.readdirSync(MODELS_DIR)) {
    const bytes = fs.readFileSync(path.join(MODELS_DIR, file));
    if (file.startsWith('silero')) bytes[bytes.length - 1] ^= 0xff;
    fs.writeFileSync(path.join(damaged, file), bytes);
  }
  const refused = await startExpectingExit({ dev: 'eve', stateDir, modelsDir: damaged });
  // Old code: update_node to the digits model alone, leaving the voice-activity pool silently.
  assert.equal(refused.code, CONFIG_ERROR_EXIT, refused.log);
  assert.match(refused.log, new RegExp(`${SILERO_VAD}.*--drop-models`));
  assert.equal((await models()).length, 2, 'still registered for both models');
  assert.deepEqual(await account(eve), joined, 'nothing was sent');

  // Asked to, it leaves the damaged model's pool and serves the other one.
  const dropping = await startWorker({ dev: 'eve', wsUrl: node.wsUrl, stateDir, modelsDir: damaged, extraArgs: ['--drop-models'] });
  await untilBlock(api, async () => (await models()).length === 1, { what: 'Eve to serve the digits model alone' });
  await untilFollowing(dropping);
  assert.ok(!(await models()).includes(SILERO_VAD));
  assert.equal(dropping.exitCode(), null, 'the worker runs on');
  assert.equal(await dropping.stop(), 0);
});

test('a stopped worker pauses its node, reveals what it committed, exits, and resumes the node when started again', async () => {
  const dave = keyring.addFromUri('//Dave');
  const charlie = keyring.addFromUri('//Charlie'); // played by this test
  const alice = keyring.addFromUri('//Alice');
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'deai-state-dave-'));
  let worker = await startWorker({ dev: 'dave', wsUrl: node.wsUrl, stateDir });
  const status = async () => {
    const view = await api.call.inferenceApi.node(dave.address);
    return view.isSome ? view.unwrap().status.type : 'none';
  };
  await untilBlock(api, async () => (await status()) === 'Active', { what: 'Dave to join' });
  await untilFollowing(worker);
  assert.equal((await submit(api, api.tx.inference.join(100n * UNIT, [DIGITS_MLP], 1), charlie)).error, null);
  await onlyActive([dave.address, charlie.address]);

  // A task for two nodes: Dave's worker and Charlie (the only other active node of the model).
  const sample = digitsData().filter((_, i) => i % 5 === 4)[3];
  const fee = 20n * 10n ** 9n;
  const created = await submit(api, api.tx.inference.createTask(DIGITS_MLP, u8aToHex(sample.pixels), fee, 2), alice);
  assert.equal(created.error, null);
  const taskId = eventsOf(api, created.events, 'inference', 'TaskCreated')[0].data.task.toNumber();
  const task = async () => (await api.call.inferenceApi.task(taskId)).unwrap();
  const committed = (view, who) => view.assignments.some((a) => a.node.toString() === who && a.committed.isTrue);
  await untilBlock(api, async () => committed(await task(), dave.address), { what: "Dave's commit" });

  // The operator stops the worker while Charlie has not committed: the reveal phase is still to come.
  worker.child.kill('SIGTERM');
  await untilBlock(api, async () => (await status()) === 'Paused', { what: 'the stopping worker to pause its node' });
  assert.equal(worker.exitCode(), null, 'it waits: it owes a reveal');
  assert.ok(fs.existsSync(path.join(stateDir, 'paused-by-worker')));

  const result = new Uint8Array(4);
  new DataView(result.buffer).setUint32(0, sample.label, true);
  const salt = randomAsU8a(32);
  assert.equal((await submit(api, api.tx.inference.commit(taskId, commitment(api, taskId, charlie.address, result, salt)), charlie)).error, null);
  assert.equal((await submit(api, api.tx.inference.reveal(taskId, u8aToHex(result), salt), charlie)).error, null);
  const view = await untilBlock(api, async () => {
    const v = await task();
    return v.phase.isCompleted || v.phase.isFailed ? v : null;
  }, { what: 'the task to settle' });
  // Old code: the worker exited at once without revealing, and Dave was slashed for withholding.
  assert.ok(view.phase.isCompleted, `phase ${view.phase.type}`);
  assert.equal(Buffer.from(view.result.unwrap()).readUInt32LE(0), sample.label);
  const revealedByDave = view.assignments.find((a) => a.node.toString() === dave.address);
  assert.ok(revealedByDave.revealed.isTrue, 'Dave revealed while stopping');
  assert.equal(await worker.exited, 0, 'then it exits cleanly');
  assert.equal(await status(), 'Paused', 'and no new task is given to it while it is down');

  // Started again, it resumes the node it paused itself.
  worker = await startWorker({ dev: 'dave', wsUrl: node.wsUrl, stateDir });
  await untilBlock(api, async () => (await status()) === 'Active', { what: 'the restarted worker to resume its node' });
  await untilFollowing(worker);
  assert.ok(!fs.existsSync(path.join(stateDir, 'paused-by-worker')));
  assert.equal(await worker.stop(), 0);
});

test('a worker without the money for a commit and its reveal commits nothing, pauses its node, and resumes it once funded', async () => {
  const ferdie = keyring.addFromUri('//Ferdie');
  const alice = keyring.addFromUri('//Alice');
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'deai-state-ferdie-'));
  const worker = await startWorker({ dev: 'ferdie', wsUrl: node.wsUrl, stateDir });
  const view = async () => (await api.call.inferenceApi.node(ferdie.address)).unwrap();
  await untilBlock(api, async () => (await api.call.inferenceApi.node(ferdie.address)).isSome, { what: 'Ferdie to join' });
  await untilFollowing(worker);
  const metrics = async () => (await fetch(worker.metricsUrl)).text();
  const budget = BigInt(Math.round(metric(await metrics(), 'deai_worker_task_fee_budget') * 1e12));
  assert.ok(budget > 0n, 'the fees of a task are read from the chain');
  const stake = (await view()).stake.toBigInt();
  const charlie = keyring.addFromUri('//Charlie');
  const charlieNode = await api.call.inferenceApi.node(charlie.address);
  if (charlieNode.isNone) {
    assert.equal((await submit(api, api.tx.inference.join(100n * UNIT, [DIGITS_MLP], 1), charlie)).error, null);
  } else if (!charlieNode.unwrap().status.isActive) {
    assert.equal((await submit(api, api.tx.inference.resume(), charlie)).error, null);
  }
  await onlyActive([ferdie.address, charlie.address]);

  // Left with half of what one task's commit and reveal cost (the existential deposit kept).
  const existential = api.consts.balances.existentialDeposit.toBigInt();
  const setFree = api.tx.sudo.sudo(api.tx.balances.forceSetBalance(ferdie.address, existential + budget / 2n));
  assert.equal((await submit(api, setFree, alice)).error, null);

  // A task for Ferdie and Charlie (the digits model's active nodes; Charlie is played by the test and stays silent).
  const sample = digitsData().filter((_, i) => i % 5 === 4)[4];
  const created = await submit(api, api.tx.inference.createTask(DIGITS_MLP, u8aToHex(sample.pixels), 20n * 10n ** 9n, 2), alice);
  assert.equal(created.error, null);
  const taskId = eventsOf(api, created.events, 'inference', 'TaskCreated')[0].data.task.toNumber();
  await untilBlock(api, async () => (await view()).status.isPaused, { what: 'the worker to pause its node for lack of funds' });
  const task = (await api.call.inferenceApi.task(taskId)).unwrap();
  // Old code: it committed, and a reveal it could not pay would have been slashed as withholding.
  assert.ok(task.assignments.some((a) => a.node.toString() === ferdie.address), 'Ferdie was drawn');
  assert.ok(!task.assignments.some((a) => a.node.toString() === ferdie.address && a.committed.isTrue), 'no commit without the money for its reveal');
  assert.equal(metric(await metrics(), 'deai_worker_short_of_funds'), 1);
  assert.match(fs.readFileSync(worker.logFile, 'utf8'), /not committing: the free balance cannot pay/);
  assert.equal(metric(await metrics(), 'deai_worker_tasks_skipped_total\\{reason="unfunded"\\}'), 1);
  // Its commit window closes without Ferdie's commit: a miss (reputation), counted once.
  await untilBlock(api, async () => metric(await metrics(), 'deai_worker_tasks_missed_total') === 1, { what: 'the miss in the metrics' });

  // Funded again, the worker resumes the node by itself.
  assert.equal((await submit(api, api.tx.balances.transferKeepAlive(ferdie.address, 1000n * UNIT), alice)).error, null);
  await untilBlock(api, async () => (await view()).status.isActive, { what: 'the worker to resume its funded node' });
  assert.equal((await view()).stake.toBigInt(), stake, 'no stake was lost');
  assert.equal(worker.exitCode(), null);
  assert.equal(await worker.stop(), 0);
});

test('a node the chain paused for missed tasks is resumed by its worker once the cooldown is over, not before', async () => {
  const gina = keyring.addFromUri('//Gina'); // a new node, run by a worker started with its secret URI
  // The other node of its tasks: new too (the dev accounts' nodes carry earlier tests' reputation
  // and capacity), played by this test, silent.
  const hank = keyring.addFromUri('//Hank');
  const alice = keyring.addFromUri('//Alice');
  for (const who of [gina, hank]) {
    assert.equal((await submit(api, api.tx.balances.transferKeepAlive(who.address, 2000n * UNIT), alice)).error, null);
  }
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'deai-state-gina-'));
  let worker = await startWorker({ dev: 'gina', suri: '//Gina', wsUrl: node.wsUrl, stateDir });
  const view = async () => (await api.call.inferenceApi.node(gina.address)).unwrap();
  await untilBlock(api, async () => (await api.call.inferenceApi.node(gina.address)).isSome, { what: 'Gina to join' });
  await untilFollowing(worker);
  const stake = (await view()).stake.toBigInt();
  // The machine dies (no graceful stop): the node stays active with nobody to serve it.
  await worker.kill();
  assert.equal((await submit(api, api.tx.inference.join(100n * UNIT, [DIGITS_MLP], 2), hank)).error, null);
  await onlyActive([gina.address, hank.address]);

  // Two tasks for Gina and Hank, both missed (one after the other if a node's stake gives it one
  // slot): the reputation falls below the floor, and the chain pauses the node for its cooldown (an hour).
  const samples = digitsData().filter((_, i) => i % 5 === 4).slice(5, 7);
  for (const sample of samples) {
    assert.equal((await submit(api, api.tx.inference.createTask(DIGITS_MLP, u8aToHex(sample.pixels), 20n * 10n ** 9n, 2), alice)).error, null);
  }
  await untilBlock(api, async () => (await view()).status.isAutoPaused, { what: 'the chain to pause Gina for two missed tasks', timeoutMs: 180_000 });
  const entry = async () => (await api.query.inference.nodes(gina.address)).unwrap();
  const now = (await api.rpc.chain.getHeader()).number.toNumber();
  assert.ok((await entry()).resumeAfter.toNumber() > now + 600, 'cooling down for an hour');

  // Restarted while the cooldown runs, the worker leaves the node paused and says why.
  worker = await startWorker({ dev: 'gina', suri: '//Gina', wsUrl: node.wsUrl, stateDir });
  await untilFollowing(worker);
  const following = (await api.rpc.chain.getHeader()).number.toNumber();
  await untilBlock(api, async () => (await api.rpc.chain.getHeader()).number.toNumber() >= following + 12, { what: '12 blocks' });
  assert.ok((await view()).status.isAutoPaused, 'no resume while the chain refuses it');
  assert.match(fs.readFileSync(worker.logFile, 'utf8'), /the chain paused the node: no new tasks until the worker resumes it/);

  // The cooldown ends (moved to the next blocks by Sudo, the only change made to the node's entry).
  const key = api.query.inference.nodes.key(gina.address);
  const before = await entry();
  const soon = (await api.rpc.chain.getHeader()).number.toNumber() + 3;
  const changed = api.createType(before.toRawType(), { ...before.toJSON(), resumeAfter: soon });
  assert.equal((await submit(api, api.tx.sudo.sudo(api.tx.system.setStorage([[key, changed.toHex()]])), alice)).error, null);
  assert.deepEqual((await entry()).toJSON(), { ...before.toJSON(), resumeAfter: soon });
  // Old code: the worker idled on a paused node until its operator restarted it with --resume.
  await untilBlock(api, async () => (await view()).status.isActive, { what: 'the worker to resume its node after the cooldown' });
  assert.equal((await view()).stake.toBigInt(), stake, 'missed tasks cost reputation, never stake');
  // The worker's own account of it: its log once the resume's events are read, its metric at the next block.
  await untilBlock(api, async () => /cooldown is over: resumed the node/.test(fs.readFileSync(worker.logFile, 'utf8')), { what: 'the log of the resume' });
  await untilBlock(api, async () => metric(await (await fetch(worker.metricsUrl)).text(), 'deai_worker_node_status') === 0, { what: 'the status metric: active' });
  assert.equal(await worker.stop(), 0);
});

test("an operator's leave is respected: the worker reports the node, then stops with status 78 and does not join again", async () => {
  const bob = keyring.addFromUri('//Bob');
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'deai-state-bob-'));
  const worker = await startWorker({ dev: 'bob', wsUrl: node.wsUrl, stateDir });
  await untilBlock(api, async () => (await api.call.inferenceApi.node(bob.address)).isSome, { what: 'Bob to join' });
  await untilFollowing(worker);
  const view = (await api.call.inferenceApi.node(bob.address)).unwrap();
  const text = await untilBlock(api, async () => {
    const t = await (await fetch(worker.metricsUrl)).text();
    return metric(t, 'deai_worker_reputation') > 0 ? t : null;
  }, { what: "the worker's registration metrics" });
  assert.equal(metric(text, 'deai_worker_reputation'), view.reputation.toNumber());
  assert.equal(metric(text, 'deai_worker_node_status'), 0, 'active');
  assert.equal(BigInt(Math.round(metric(text, 'deai_worker_stake') * 1e12)), view.stake.toBigInt());

  // The operator leaves from another client (polkadot-js apps, say).
  assert.equal((await submit(api, api.tx.inference.leave(), bob)).error, null);
  let timer;
  const code = await Promise.race([
    worker.exited,
    new Promise((resolve) => {
      timer = setTimeout(() => resolve('still running'), 60_000);
    }),
  ]);
  clearTimeout(timer);
  if (code === 'still running') await worker.kill();
  // Old code: the worker idled on (and under systemd, a restart joined again with the stake).
  assert.equal(code, CONFIG_ERROR_EXIT, fs.readFileSync(worker.logFile, 'utf8'));
  assert.match(fs.readFileSync(worker.logFile, 'utf8'), /its operator's `leave`/);
  assert.ok((await api.call.inferenceApi.node(bob.address)).isNone, 'not joined again');
});

test('a worker stopped while its node is out of reach exits within seconds, its records kept', async () => {
  // A node of its own, killed under it (not stopped: no closed connection to tell).
  const gone = await startNode({ name: 'operator-gone' });
  const goneApi = await connect(gone.wsUrl);
  const ferdie = keyring.addFromUri('//Ferdie');
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'deai-state-gone-'));
  const worker = await startWorker({ dev: 'ferdie', wsUrl: gone.wsUrl, stateDir });
  await untilBlock(goneApi, async () => (await goneApi.call.inferenceApi.node(ferdie.address)).isSome, { what: 'Ferdie to join' });
  await untilBlock(goneApi, async () => metric(await (await fetch(worker.metricsUrl)).text(), 'deai_worker_best_block') > 0, {
    what: 'the worker to follow blocks',
  });
  await goneApi.disconnect();
  gone.child.kill('SIGKILL');
  await untilBlock(api, async () => metric(await (await fetch(worker.metricsUrl)).text(), 'deai_worker_rpc_up') === 0, {
    what: 'the worker to see its node gone',
  });
  // Past the first retry: the worker now waits in a request for the reconnection.
  await new Promise((resolve) => setTimeout(resolve, 10_000));
  // systemctl stop: old workers waited for the node forever (every request waits for the reconnection).
  worker.child.kill('SIGTERM');
  let timer;
  const code = await Promise.race([worker.exited, new Promise((resolve) => (timer = setTimeout(() => resolve('still running'), 30_000)))]);
  clearTimeout(timer);
  if (code === 'still running') await worker.kill();
  const log = fs.readFileSync(worker.logFile, 'utf8');
  assert.equal(code, 0, log);
  assert.match(log, /unreachable while stopping: stopping now/);
  assert.ok(fs.existsSync(path.join(stateDir, 'lock')), 'its state directory is as it was');
});

const systemdAnalyze = ['/usr/bin/systemd-analyze', '/bin/systemd-analyze'].find((p) => fs.existsSync(p));

test('the systemd unit is sandboxed: systemd-analyze rates its exposure at most 2.0', { skip: !systemdAnalyze && 'no systemd-analyze here' }, () => {
  const unit = path.join(ROOT, 'scripts/deai-worker.service');
  const out = execFileSync(systemdAnalyze, ['security', '--offline=true', unit], { encoding: 'utf8' });
  const exposure = Number(out.match(/Overall exposure level for deai-worker\.service: ([0-9.]+)/)[1]);
  assert.ok(exposure <= 2.0, `exposure ${exposure}:\n${out}`);
  const text = fs.readFileSync(unit, 'utf8');
  assert.match(text, /^LoadCredential=operator\.suri:/m, 'the secret comes as a credential');
  assert.match(text, /--suri-file %d\/operator\.suri/);
  assert.match(text, /^RestartPreventExitStatus=78$/m);
});
