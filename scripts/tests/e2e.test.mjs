// The whole network end to end: two validators, a full node, three real workers, and the
// test's own accounts as task creator (Alice) and as misbehaving compute nodes (Eve, and Eve's
// stash account: one misbehaviour too many pauses a node on probation).
//   1. honest path on both demo models, every fee accounted for to the unit;
//   2. a cheating node is slashed and the task completes with the honest result;
//   3. a withholding node is slashed;
//   4. a silent node loses reputation, keeps its stake, and the task completes with 2 of 3;
//   5. bad input is refused at creation by name and holds nothing;
//   6. a worker killed mid-task and restarted: the task completes;
//   7. a validator restart: the network keeps going and no task is lost.
// Prints a latency report: blocks and seconds from inclusion to settlement.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { u8aToHex } from '@polkadot/util';
import { blake2AsHex, randomAsU8a } from '@polkadot/util-crypto';
import { authorFeeShare, blockAuthor, connect, devKeyring, eventsOf, submit } from './lib/chain.mjs';
import { commitment, untilBlock } from './lib/inference.mjs';
import { startNetwork, stopNetwork } from './lib/network.mjs';
import { heights, startNode, waitFor } from './lib/node.mjs';
import { DIGITS_MLP, ROOT, SILERO_VAD, digitsData, startWorker, wavAsF32 } from './lib/worker.mjs';

const UNIT = 10n ** 12n;
const FEE = 20n * 10n ** 9n;
const EVE_STAKE = 1000n * UNIT;

let net, api, keyring, alice, eve, eveStash, treasury;
const latency = [];
const heldOut = () => digitsData().filter((_, i) => i % 5 === 4);
const addr = (uri) => keyring.addFromUri(uri).address;

before(async () => {
  net = await startNetwork();
  api = await connect(net.full.wsUrl);
  keyring = await devKeyring();
  alice = keyring.addFromUri('//Alice');
  eve = keyring.addFromUri('//Eve');
  eveStash = keyring.addFromUri('//Eve//stash');
  treasury = '5EYCAe5gKMjzAUKRq7SJSUMSi4CzQLvZGcWcigdkfsuc6AUs';
  for (const uri of ['//Charlie', '//Dave', '//Ferdie']) {
    await untilBlock(api, async () => (await api.call.inferenceApi.node(addr(uri))).isSome, {
      what: `${uri} to join`,
      timeoutMs: 120_000,
    });
  }
});

after(async () => {
  console.log('latency report (inclusion to settlement):');
  for (const l of latency) console.log(`  task ${l.task} ${l.what}: ${l.blocks} blocks, ${l.seconds.toFixed(1)} s`);
  await api?.disconnect();
  if (net) {
    const codes = await stopNetwork(net);
    for (const [name, code] of Object.entries(codes)) assert.equal(code, 0, `${name} stops cleanly`);
  }
});

async function bestNumber() {
  return (await api.rpc.chain.getHeader()).number.toNumber();
}

async function createTask(model, input, what) {
  const started = Date.now();
  const { error, events, blockHash } = await submit(api, api.tx.inference.createTask(model, u8aToHex(input), FEE, 3), alice);
  assert.equal(error, null);
  const task = eventsOf(api, events, 'inference', 'TaskCreated')[0].data.task.toNumber();
  const included = (await api.rpc.chain.getHeader(blockHash)).number.toNumber();
  return { task, included, started, what };
}

async function settled(created, timeoutMs = 150_000) {
  const view = await untilBlock(
    api,
    async () => {
      const v = (await api.call.inferenceApi.task(created.task)).unwrap();
      return v.phase.isCompleted || v.phase.isFailed ? v : null;
    },
    { what: `task ${created.task} (${created.what}) to settle`, timeoutMs },
  );
  const at = await bestNumber();
  latency.push({ ...created, blocks: at - created.included, seconds: (Date.now() - created.started) / 1000 });
  return { view, at };
}

const label = (view) => Buffer.from(view.result.unwrap()).readUInt32LE(0);

/** All events of the blocks numbered first..last (inclusive) on the best chain. */
async function eventsOfBlocks(first, last) {
  const all = [];
  for (let n = first; n <= last; n++) {
    const hash = await api.rpc.chain.getBlockHash(n);
    for (const { event } of await api.query.system.events.at(hash)) all.push(event);
  }
  return all;
}

async function totalAt(hash, who) {
  const { data } = await (await api.at(hash)).query.system.account(who);
  return data.free.toBigInt() + data.reserved.toBigInt();
}

async function finalizedNumber() {
  return (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
}

test('1. honest path: both demo models give the right answers; every fee is accounted for to the unit', async () => {
  const from = await finalizedNumber();
  const fromHash = await api.rpc.chain.getBlockHash(from);
  const digits = heldOut().slice(20, 23);
  const speech = wavAsF32(path.join(ROOT, 'inference-worker/tests/fixtures/speech.wav')).bytes;
  const silence = wavAsF32(path.join(ROOT, 'inference-worker/tests/fixtures/silence.wav')).bytes;
  const created = [];
  for (const d of digits) created.push({ ...(await createTask(DIGITS_MLP, d.pixels, `digit ${d.label}`)), label: d.label });
  created.push({ ...(await createTask(SILERO_VAD, speech, 'speech')), speech: true });
  created.push({ ...(await createTask(SILERO_VAD, silence, 'silence')), speech: false });

  let last = 0;
  for (const c of created) {
    const { view, at } = await settled(c);
    last = Math.max(last, at);
    assert.ok(view.phase.isCompleted, `task ${c.task}: ${view.phase.type}`);
    if (c.label !== undefined) assert.equal(label(view), c.label);
    else {
      const bits = [...view.result.unwrap()].reduce((n, b) => n + b.toString(2).split('1').length - 1, 0);
      assert.ok(c.speech ? bits >= 16 : bits === 0, `${c.what}: ${bits} of 32 chunks`);
    }
  }

  // Accounting over the finalized chain: each account's total balance changed by exactly the
  // rewards it received, minus the fees its tasks paid out, minus its transaction fees.
  await waitFor(async () => (await finalizedNumber()) >= last, { what: 'finality of the settlements', timeoutMs: 120_000 });
  const to = await finalizedNumber();
  const toHash = await api.rpc.chain.getBlockHash(to);
  const events = await eventsOfBlocks(from + 1, to);
  const ours = new Set(created.map((c) => c.task));
  const accounts = [alice.address, ...['//Charlie', '//Dave', '//Ferdie'].map(addr)];
  const authored = [];
  for (let n = from + 1; n <= to; n++) {
    const header = await api.rpc.chain.getHeader(await api.rpc.chain.getBlockHash(n));
    const blockEvents = await api.query.system.events.at(header.hash);
    authored.push({ author: await blockAuthor(api, header), feeShare: authorFeeShare(api, blockEvents) });
  }
  for (const who of accounts) {
    let expected = 0n;
    for (const e of events) {
      if (e.section === 'inference' && e.method === 'NodeRewarded') {
        if (e.data.node.toString() === who) expected += e.data.amount.toBigInt();
        if (who === alice.address && ours.has(e.data.task.toNumber())) expected -= e.data.amount.toBigInt();
      }
      if (e.section === 'transactionPayment' && e.method === 'TransactionFeePaid' && e.data.who.toString() === who) {
        expected -= e.data.actualFee.toBigInt() + e.data.tip.toBigInt();
      }
    }
    // A validator gets a fifth of the fees (and the tips) of the blocks it authors.
    for (const block of authored) if (block.author === who) expected += block.feeShare;
    const change = (await totalAt(toHash, who)) - (await totalAt(fromHash, who));
    assert.equal(change, expected, `balance change of ${who}`);
  }
  const rewards = events.filter((e) => e.method === 'NodeRewarded' && ours.has(e.data.task.toNumber()));
  assert.equal(rewards.length, 3 * created.length, 'three agreeing nodes paid per task');
  assert.ok(rewards.every((e) => e.data.amount.toBigInt() === FEE));
  // Alice's validator bond stays held; no task fee does.
  const holds = await (await api.at(toHash)).query.balances.holds(alice.address);
  const taskFees = holds.filter((h) => h.id.isInference && h.id.asInference.isTaskFee);
  assert.equal(taskFees.reduce((sum, h) => sum + h.amount.toBigInt(), 0n), 0n, 'no task fee stays held from the creator');
});

async function stepAside(dev, pause) {
  const who = keyring.addFromUri(`//${dev}`);
  const { error } = await submit(api, pause ? api.tx.inference.pause() : api.tx.inference.resume(), who);
  assert.equal(error, null);
}

/** Pauses `who` if it is active (not paused by itself or the chain). */
async function pauseIfActive(who) {
  const node = await api.call.inferenceApi.node(who.address);
  if (node.isSome && node.unwrap().status.isActive) {
    assert.equal((await submit(api, api.tx.inference.pause(), who)).error, null);
  }
}

/**
 * `attacker` (Eve or her stash account) is the only active node beside Charlie and Dave, so the
 * three take the next task: it joins once, resumes if it paused itself, and the others step
 * aside.
 */
async function inPlay(attacker) {
  const node = await api.call.inferenceApi.node(attacker.address);
  if (node.isNone) {
    assert.equal((await submit(api, api.tx.inference.join(EVE_STAKE, [DIGITS_MLP], 1), attacker)).error, null);
  } else if (node.unwrap().status.isPaused) {
    assert.equal((await submit(api, api.tx.inference.resume(), attacker)).error, null);
  }
  for (const other of [keyring.addFromUri('//Ferdie'), eve, eveStash]) {
    if (other.address !== attacker.address) await pauseIfActive(other);
  }
}

async function attackerAssigned(attacker, task) {
  return untilBlock(
    api,
    async () => {
      const v = (await api.call.inferenceApi.task(task)).unwrap();
      return v.assignments.some((a) => a.node.toString() === attacker.address) ? v : null;
    },
    { what: `the attacker's assignment to task ${task}` },
  );
}

async function attackerCommit(attacker, task, value) {
  const result = new Uint8Array(4);
  new DataView(result.buffer).setUint32(0, value, true);
  const salt = randomAsU8a(32);
  const c = commitment(api, task, attacker.address, result, salt);
  const { error } = await againAfterFork(
    () => submit(api, api.tx.inference.commit(task, c), attacker),
    async () => {
      const view = await attackerAssigned(attacker, task);
      return view.assignments.find((a) => a.node.toString() === attacker.address).committed.isTrue;
    },
  );
  assert.equal(error, null);
  return { result, salt };
}

/**
 * `send()`, sent again (up to three times) when the pool dropped it as invalid: a short BABE
 * fork without the task's draw became the best chain for a moment, and the pool revalidated the
 * transaction against it. `ready()` waits until the best chain shows the step open again, as a
 * worker re-plans on each new block, and says whether the step is already on that chain.
 */
async function againAfterFork(send, ready) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (e) {
      if (attempt >= 3 || !/Invalid/.test(e.message)) throw e;
      if (await ready()) return { error: null };
    }
  }
}

async function attackerReveal(attacker, task, { result, salt }) {
  await untilBlock(api, async () => (await api.call.inferenceApi.task(task)).unwrap().phase.isReveal, {
    what: `the reveal phase of task ${task}`,
  });
  const { error } = await againAfterFork(
    () => submit(api, api.tx.inference.reveal(task, u8aToHex(result), salt), attacker),
    () =>
      untilBlock(
        api,
        async () => {
          const view = (await api.call.inferenceApi.task(task)).unwrap();
          if (!view.phase.isReveal) return null;
          return { revealed: view.assignments.find((a) => a.node.toString() === attacker.address).revealed.isTrue };
        },
        { what: `the reveal phase of task ${task}, again` },
      ).then((r) => r.revealed),
  );
  assert.equal(error, null);
}

const slashesOf = (events, task) =>
  events.filter((e) => e.method === 'NodeSlashed' && e.data.task.toNumber() === task);

async function settlementEvents(from, to) {
  return (await eventsOfBlocks(from, to)).filter((e) => e.section === 'inference');
}

test('2. a cheating node is slashed and the task completes with the honest result', async () => {
  await inPlay(eve);
  const sample = heldOut()[30];
  const stakeBefore = (await api.call.inferenceApi.node(eve.address)).unwrap().stake.toBigInt();
  const treasuryBefore = (await api.query.system.account(treasury)).data.free.toBigInt();
  const c = await createTask(DIGITS_MLP, sample.pixels, 'with a cheater');
  await attackerAssigned(eve, c.task);
  const secret = await attackerCommit(eve, c.task, (sample.label + 1) % 10);
  await attackerReveal(eve, c.task, secret);
  const { view, at } = await settled(c);
  assert.ok(view.phase.isCompleted);
  assert.equal(label(view), sample.label, 'the honest majority decides');
  const events = await settlementEvents(c.included, at);
  const [slash] = slashesOf(events, c.task);
  assert.equal(slash.data.node.toString(), eve.address);
  assert.equal(slash.data.amount.toBigInt(), stakeBefore / 10n);
  assert.equal((await api.call.inferenceApi.node(eve.address)).unwrap().stake.toBigInt(), stakeBefore - stakeBefore / 10n);
  // The slash goes to the treasury (which also receives fee shares and inflation remainders).
  const deposits = (await eventsOfBlocks(c.included, at)).filter(
    (e) => e.section === 'balances' && e.method === 'Deposit' && e.data.who.toString() === treasury,
  );
  assert.ok(deposits.some((e) => e.data.amount.toBigInt() === stakeBefore / 10n), 'the slash is deposited to the treasury');
  assert.ok((await api.query.system.account(treasury)).data.free.toBigInt() >= treasuryBefore + stakeBefore / 10n);
  assert.equal(events.filter((e) => e.method === 'NodeRewarded' && e.data.task.toNumber() === c.task).length, 2);
});

test('3. a withholding node (commits, never reveals) is slashed', async () => {
  await inPlay(eveStash);
  const sample = heldOut()[31];
  const stakeBefore = (await api.call.inferenceApi.node(eveStash.address)).unwrap().stake.toBigInt();
  const c = await createTask(DIGITS_MLP, sample.pixels, 'with a withholder');
  await attackerAssigned(eveStash, c.task);
  await attackerCommit(eveStash, c.task, sample.label);
  const { view, at } = await settled(c);
  assert.ok(view.phase.isCompleted);
  assert.equal(label(view), sample.label);
  const [slash] = slashesOf(await settlementEvents(c.included, at), c.task);
  assert.equal(slash.data.node.toString(), eveStash.address);
  assert.equal(slash.data.amount.toBigInt(), stakeBefore / 10n);
});

test('4. a silent node loses reputation, keeps its stake, and the task completes with 2 of 3', async () => {
  await inPlay(eve);
  const sample = heldOut()[32];
  const before = (await api.call.inferenceApi.node(eve.address)).unwrap();
  const c = await createTask(DIGITS_MLP, sample.pixels, 'with a silent node');
  await attackerAssigned(eve, c.task);
  const { view, at } = await settled(c);
  assert.ok(view.phase.isCompleted);
  assert.equal(label(view), sample.label);
  assert.equal(view.assignments.filter((a) => a.revealed.isTrue).length, 2);
  const after = (await api.call.inferenceApi.node(eve.address)).unwrap();
  assert.equal(after.stake.toBigInt(), before.stake.toBigInt(), 'a timeout costs no stake');
  assert.equal(after.reputation.toNumber(), before.reputation.toNumber() - 100);
  assert.equal(slashesOf(await settlementEvents(c.included, at), c.task).length, 0);
  // Two failures on probation (600 -> 500 -> 400): paused by the chain, with a cooldown.
  assert.ok(after.status.isAutoPaused, `Eve is ${after.status.type}`);
  const resumed = await submit(api, api.tx.inference.resume(), eve);
  assert.equal(resumed.error, 'inference.CoolingDown');
});

test('5. bad input is refused at creation by name and holds nothing', async () => {
  const before = (await api.query.system.account(alice.address)).data.reserved.toBigInt();
  const wrong = await submit(api, api.tx.inference.createTask(DIGITS_MLP, u8aToHex(new Uint8Array(63)), FEE, 3), alice);
  assert.equal(wrong.error, 'inference.InputLengthMismatch');
  const unknown = await submit(api, api.tx.inference.createTask(blake2AsHex('nope', 256), u8aToHex(new Uint8Array(64)), FEE, 3), alice);
  assert.equal(unknown.error, 'inference.UnknownModel');
  assert.equal((await api.query.system.account(alice.address)).data.reserved.toBigInt(), before);
});

test('6. a worker killed mid-task and restarted: the task completes', async () => {
  // The attackers are out and Ferdie is back: the task goes to the three workers.
  await pauseIfActive(eve);
  await pauseIfActive(eveStash);
  await stepAside('Ferdie', false);
  const sample = heldOut()[33];
  const c = await createTask(DIGITS_MLP, sample.pixels, 'with a worker killed and restarted');
  await untilBlock(api, async () => (await api.call.inferenceApi.task(c.task)).unwrap().phase.isCommit || null, {
    what: 'the assignment',
  });
  await net.workers.charlie.kill();
  net.workers.charlie = await startWorker({ dev: 'charlie', wsUrl: net.full.wsUrl, stateDir: net.stateDirs.charlie });
  const { view } = await settled(c);
  assert.ok(view.phase.isCompleted);
  assert.equal(label(view), sample.label);
  assert.equal(view.assignments.filter((a) => a.revealed.isTrue).length, 3, 'the restarted worker revealed too');
});

test('7. a validator restart: the network keeps going and no task is lost', async () => {
  const code = await net.bob.stop();
  assert.equal(code, 0);
  const samples = heldOut().slice(40, 42);
  const created = [];
  for (const s of samples) created.push({ ...(await createTask(DIGITS_MLP, s.pixels, 'while a validator is down')), label: s.label });
  // Alice alone authors every block: blocks go on, but no block brings randomness its author
  // could not know (a seed needs two consecutive blocks by different authors), so the tasks wait
  // in the queue instead of being drawn by a lone author.
  const start = (await heights(net.full.httpUrl)).best;
  await waitFor(async () => (await heights(net.full.httpUrl)).best >= start + 4, { what: 'blocks with one validator', timeoutMs: 90_000 });
  for (const c of created) {
    assert.ok((await api.call.inferenceApi.task(c.task)).unwrap().phase.isQueued, `task ${c.task} waits for a fresh seed`);
  }
  net.bob = await startNode({ name: 'bob', args: net.bobArgs });
  let last = 0;
  for (const c of created) {
    const { view, at } = await settled(c);
    assert.ok(view.phase.isCompleted);
    last = Math.max(last, at);
  }
  // With both GRANDPA voters back, finality catches up past every settlement.
  await waitFor(async () => (await heights(net.full.httpUrl)).finalized >= last, {
    what: 'finality after the restart',
    timeoutMs: 180_000,
  });
  const finalized = await api.rpc.chain.getFinalizedHead();
  for (const c of created) {
    const view = (await (await api.at(finalized)).call.inferenceApi.task(c.task)).unwrap();
    assert.ok(view.phase.isCompleted, `task ${c.task} completed in the finalized chain`);
    assert.equal(label(view), c.label);
  }
});
