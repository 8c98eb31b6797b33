// The whole network end to end, on the honest path: two validators, a full node, three real
// workers (Charlie, Dave, Ferdie) and Alice creating tasks. The attacks (a cheating, a
// withholding and a silent node) run on a network of their own: e2e-attacks.test.mjs.
//   1. honest path on both demo models, every fee accounted for to the unit;
//   2. bad input is refused at creation by name and holds nothing;
//   3. a worker killed mid-task and restarted: the task completes;
//   4. a validator restart: the network keeps going and no task is lost;
//   5. the workers' node hangs: they move to the second node they were given.
// Prints a latency report: blocks and seconds from inclusion to settlement.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { u8aToHex } from '@polkadot/util';
import { blake2AsHex } from '@polkadot/util-crypto';
import { authorFeeShare, blockAuthor, connect, submit } from './lib/chain.mjs';
import { FEE, createTask, eventsOfBlocks, finalizedNumber, heldOut, label, settled, taskAtBest, useNetwork } from './lib/e2e.mjs';
import { untilBlock } from './lib/inference.mjs';
import { heights, startNode, waitFor } from './lib/node.mjs';
import { startNetworkWorker } from './lib/network.mjs';
import { DIGITS_MLP, ROOT, SILERO_VAD, audioInput } from './lib/worker.mjs';

let net, api, keyring, alice;
const ctx = useNetwork((c) => ({ net, api, keyring, alice } = c));
const addr = (uri) => keyring.addFromUri(uri).address;

async function totalAt(hash, who) {
  const { data } = await (await api.at(hash)).query.system.account(who);
  return data.free.toBigInt() + data.reserved.toBigInt();
}

test('1. honest path: both demo models give the right answers; every fee is accounted for to the unit', async () => {
  const from = await finalizedNumber(ctx);
  const fromHash = await api.rpc.chain.getBlockHash(from);
  const digits = heldOut().slice(20, 23);
  const speech = audioInput(path.join(ROOT, 'inference-worker/tests/fixtures/speech.wav'));
  const silence = audioInput(path.join(ROOT, 'inference-worker/tests/fixtures/silence.wav'));
  const created = [];
  for (const d of digits) created.push({ ...(await createTask(ctx, DIGITS_MLP, d.pixels, `digit ${d.label}`)), label: d.label });
  created.push({ ...(await createTask(ctx, SILERO_VAD, speech, 'speech')), speech: true });
  created.push({ ...(await createTask(ctx, SILERO_VAD, silence, 'silence')), speech: false });

  let last = 0;
  for (const c of created) {
    const { view, at } = await settled(ctx, c);
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
  await waitFor(async () => (await finalizedNumber(ctx)) >= last, { what: 'finality of the settlements', timeoutMs: 120_000 });
  const to = await finalizedNumber(ctx);
  const toHash = await api.rpc.chain.getBlockHash(to);
  const events = await eventsOfBlocks(ctx, from + 1, to);
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

test('2. bad input is refused at creation by name and holds nothing', async () => {
  const before = (await api.query.system.account(alice.address)).data.reserved.toBigInt();
  const wrong = await submit(api, api.tx.inference.createTask(DIGITS_MLP, u8aToHex(new Uint8Array(63)), FEE, 3), alice);
  assert.equal(wrong.error, 'inference.InputLengthMismatch');
  const unknown = await submit(api, api.tx.inference.createTask(blake2AsHex('nope', 256), u8aToHex(new Uint8Array(64)), FEE, 3), alice);
  assert.equal(unknown.error, 'inference.UnknownModel');
  assert.equal((await api.query.system.account(alice.address)).data.reserved.toBigInt(), before);
});

test('3. a worker killed mid-task and restarted: the task completes', async () => {
  const sample = heldOut()[33];
  const c = await createTask(ctx, DIGITS_MLP, sample.pixels, 'with a worker killed and restarted');
  await untilBlock(api, async () => (await taskAtBest(api, c.task))?.phase.isCommit || null, {
    what: 'the assignment',
  });
  await net.workers.charlie.kill();
  net.workers.charlie = await startNetworkWorker(net, 'charlie');
  const { view } = await settled(ctx, c);
  assert.ok(view.phase.isCompleted);
  assert.equal(label(view), sample.label);
  assert.equal(view.assignments.filter((a) => a.revealed.isTrue).length, 3, 'the restarted worker revealed too');
});

test('4. a validator restart: the network keeps going and no task is lost', async () => {
  const code = await net.bob.stop();
  assert.equal(code, 0);
  const samples = heldOut().slice(40, 42);
  const created = [];
  for (const s of samples) created.push({ ...(await createTask(ctx, DIGITS_MLP, s.pixels, 'while a validator is down')), label: s.label });
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
    const { view, at } = await settled(ctx, c);
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

test('5. the workers move to their second node when their node hangs', async () => {
  // SIGSTOP: the full node neither answers nor closes its connections, as behind a dead link.
  // The workers were also given Alice's node.
  const stale = ctx.api;
  process.kill(net.full.child.pid, 'SIGSTOP');
  try {
    ctx.api = await connect(net.alice.wsUrl);
    api = ctx.api;
    // No new block for thirty seconds: each worker subscribes again, and the node that does not
    // answer within six is replaced by the next.
    await waitFor(
      () => Object.values(net.workers).every((w) => /RPC endpoint switched/.test(fs.readFileSync(w.logFile, 'utf8'))),
      { what: 'every worker to switch nodes', timeoutMs: 120_000 },
    );
    const sample = heldOut()[44];
    const c = await createTask(ctx, DIGITS_MLP, sample.pixels, "with the workers' node hung");
    const { view } = await settled(ctx, c);
    assert.ok(view.phase.isCompleted);
    assert.equal(label(view), sample.label);
    assert.equal(view.assignments.filter((a) => a.revealed.isTrue).length, 3, 'every worker revealed');
    for (const w of Object.values(net.workers)) assert.equal(w.exitCode(), null, `${w.dev}'s worker still runs`);
  } finally {
    process.kill(net.full.child.pid, 'SIGCONT');
    await stale.disconnect();
  }
});
