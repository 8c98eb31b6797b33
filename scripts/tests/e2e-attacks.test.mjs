// Attacks end to end, on a multi-process network of their own (two validators, a full node,
// three real workers: Charlie, Dave, Ferdie), with the test's own accounts as misbehaving
// compute nodes (Eve, and Eve's stash account: one misbehaviour too many pauses a node on
// probation) and Alice creating tasks:
//   1. a cheating node is slashed and the task completes with the honest result;
//   2. a withholding node is slashed;
//   3. a silent node loses reputation, keeps its stake, and the task completes with 2 of 3.
// Prints a latency report: blocks and seconds from inclusion to settlement.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { u8aToHex } from '@polkadot/util';
import { randomAsU8a } from '@polkadot/util-crypto';
import { submit } from './lib/chain.mjs';
import { UNIT, createTask, eventsOfBlocks, heldOut, label, settled, taskAtBest, useNetwork } from './lib/e2e.mjs';
import { commitment, untilBlock } from './lib/inference.mjs';
import { DIGITS_MLP } from './lib/worker.mjs';

const EVE_STAKE = 1000n * UNIT;
const treasury = '5EYCAe5gKMjzAUKRq7SJSUMSi4CzQLvZGcWcigdkfsuc6AUs';

let api, keyring, eve, eveStash;
const ctx = useNetwork((c) => {
  ({ api, keyring } = c);
  eve = keyring.addFromUri('//Eve');
  eveStash = keyring.addFromUri('//Eve//stash');
});

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
      const v = await taskAtBest(api, task);
      return v?.assignments.some((a) => a.node.toString() === attacker.address) ? v : null;
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
  await untilBlock(api, async () => (await taskAtBest(api, task))?.phase.isReveal, {
    what: `the reveal phase of task ${task}`,
  });
  const { error } = await againAfterFork(
    () => submit(api, api.tx.inference.reveal(task, u8aToHex(result), salt), attacker),
    () =>
      untilBlock(
        api,
        async () => {
          const view = await taskAtBest(api, task);
          if (!view?.phase.isReveal) return null;
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
  return (await eventsOfBlocks(ctx, from, to)).filter((e) => e.section === 'inference');
}

test('1. a cheating node is slashed and the task completes with the honest result', async () => {
  await inPlay(eve);
  const sample = heldOut()[30];
  const stakeBefore = (await api.call.inferenceApi.node(eve.address)).unwrap().stake.toBigInt();
  const treasuryBefore = (await api.query.system.account(treasury)).data.free.toBigInt();
  const c = await createTask(ctx, DIGITS_MLP, sample.pixels, 'with a cheater');
  await attackerAssigned(eve, c.task);
  const secret = await attackerCommit(eve, c.task, (sample.label + 1) % 10);
  await attackerReveal(eve, c.task, secret);
  const { view, at } = await settled(ctx, c);
  assert.ok(view.phase.isCompleted);
  assert.equal(label(view), sample.label, 'the honest majority decides');
  const events = await settlementEvents(c.included, at);
  const [slash] = slashesOf(events, c.task);
  assert.equal(slash.data.node.toString(), eve.address);
  assert.equal(slash.data.amount.toBigInt(), stakeBefore / 10n);
  assert.equal((await api.call.inferenceApi.node(eve.address)).unwrap().stake.toBigInt(), stakeBefore - stakeBefore / 10n);
  // The slash goes to the treasury (which also receives fee shares and inflation remainders).
  const deposits = (await eventsOfBlocks(ctx, c.included, at)).filter(
    (e) => e.section === 'balances' && e.method === 'Deposit' && e.data.who.toString() === treasury,
  );
  assert.ok(deposits.some((e) => e.data.amount.toBigInt() === stakeBefore / 10n), 'the slash is deposited to the treasury');
  assert.ok((await api.query.system.account(treasury)).data.free.toBigInt() >= treasuryBefore + stakeBefore / 10n);
  assert.equal(events.filter((e) => e.method === 'NodeRewarded' && e.data.task.toNumber() === c.task).length, 2);
});

test('2. a withholding node (commits, never reveals) is slashed', async () => {
  await inPlay(eveStash);
  const sample = heldOut()[31];
  const stakeBefore = (await api.call.inferenceApi.node(eveStash.address)).unwrap().stake.toBigInt();
  const c = await createTask(ctx, DIGITS_MLP, sample.pixels, 'with a withholder');
  await attackerAssigned(eveStash, c.task);
  await attackerCommit(eveStash, c.task, sample.label);
  const { view, at } = await settled(ctx, c);
  assert.ok(view.phase.isCompleted);
  assert.equal(label(view), sample.label);
  const [slash] = slashesOf(await settlementEvents(c.included, at), c.task);
  assert.equal(slash.data.node.toString(), eveStash.address);
  assert.equal(slash.data.amount.toBigInt(), stakeBefore / 10n);
});

test('3. a silent node loses reputation, keeps its stake, and the task completes with 2 of 3', async () => {
  await inPlay(eve);
  const sample = heldOut()[32];
  const before = (await api.call.inferenceApi.node(eve.address)).unwrap();
  const c = await createTask(ctx, DIGITS_MLP, sample.pixels, 'with a silent node');
  await attackerAssigned(eve, c.task);
  const { view, at } = await settled(ctx, c);
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

