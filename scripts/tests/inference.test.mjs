// The inference protocol through a real @polkadot/api client: register a model, join as a node,
// create a task, read its assignment through the runtime API and storage, commit, reveal, and
// read the verified result; bad input is refused with named errors and holds nothing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { u8aToHex } from '@polkadot/util';
import { blake2AsHex, randomAsU8a } from '@polkadot/util-crypto';
import { connect, devKeyring, eventsOf, feePaid, freeBalance, inferenceHold, inputDeposit, submit } from './lib/chain.mjs';
import { commitment, untilBlock } from './lib/inference.mjs';
import { startNode } from './lib/node.mjs';

const UNIT = 10n ** 12n;
const FEE = 10n ** 10n; // 10 milli-DEAI per node

let node, api, keyring, alice, bob, charlie;
const model = blake2AsHex(`js-test-model-${Date.now()}`, 256);

before(async () => {
  node = await startNode({ name: 'inference' });
  api = await connect(node.wsUrl);
  keyring = await devKeyring();
  [alice, bob, charlie] = ['//Alice', '//Bob', '//Charlie'].map((u) => keyring.addFromUri(u));
  const { error } = await submit(
    api,
    api.tx.inference.registerModel(model, 'js-test', 'U8', [2, 2], '', [], 'Argmax', 'Exact'),
    alice,
  );
  assert.equal(error, null);
});

after(async () => {
  await api?.disconnect();
  await node?.stop();
});

test('the JavaScript commitment matches the published test vector', () => {
  const c = commitment(
    api,
    42,
    '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY',
    new Uint8Array([7, 0, 0, 0]),
    new Uint8Array(32).fill(0x11),
  );
  assert.equal(c, '0x861355229bd988e80140ab41300b26db88806290127a6a5c6db3de2558dacaba');
});

test('a task goes from creation to a verified result', async () => {
  const registered = (await api.query.inference.models(model)).unwrap();
  assert.equal(registered.spec.inputShape.map((d) => d.toNumber()).join('x'), '2x2');

  const joined = await submit(api, api.tx.inference.join(100n * UNIT, [model], 2), bob);
  assert.equal(joined.error, null);
  assert.equal(eventsOf(api, joined.events, 'inference', 'NodeJoined').length, 1);

  const creatorBefore = await freeBalance(api, charlie.address);
  const created = await submit(api, api.tx.inference.createTask(model, '0x01020304', FEE, 1), charlie);
  assert.equal(created.error, null);
  const [event] = eventsOf(api, created.events, 'inference', 'TaskCreated');
  const taskId = event.data.task.toNumber();

  // The worker's view: the runtime API lists the task for Bob once it is drawn.
  const assignedTask = await untilBlock(
    api,
    async () => (await api.call.inferenceApi.assignedTasks(bob.address)).find((t) => t.id.toNumber() === taskId),
    { what: 'the assignment' },
  );
  assert.ok(assignedTask.phase.isCommit);
  assert.equal(assignedTask.model.toHex(), model);
  assert.equal(assignedTask.input.toHex(), '0x01020304');
  const stored = (await api.query.inference.tasks(taskId)).unwrap();
  assert.equal(stored.assignments[0].node.toString(), bob.address);
  let view = (await api.call.inferenceApi.task(taskId)).unwrap();
  assert.equal(view.quorum.toNumber(), 1);

  // Bob commits to label 3 and reveals it.
  const result = new Uint8Array([3, 0, 0, 0]);
  const salt = randomAsU8a(32);
  const committed = await submit(
    api,
    api.tx.inference.commit(taskId, commitment(api, taskId, bob.address, result, salt)),
    bob,
  );
  assert.equal(committed.error, null);
  assert.equal(eventsOf(api, committed.events, 'inference', 'RevealStarted').length, 1);
  const bobBefore = await freeBalance(api, bob.address);
  const revealed = await submit(api, api.tx.inference.reveal(taskId, u8aToHex(result), salt), bob);
  assert.equal(revealed.error, null);
  const [completed] = eventsOf(api, revealed.events, 'inference', 'TaskCompleted');
  assert.equal(completed.data.result.toHex(), '0x03000000');

  view = (await api.call.inferenceApi.task(taskId)).unwrap();
  assert.ok(view.phase.isCompleted);
  assert.equal(view.result.unwrap().toHex(), '0x03000000');
  const at = await api.at(revealed.blockHash);
  const bobAfter = (await at.query.system.account(bob.address)).data.free.toBigInt();
  assert.equal(bobAfter, bobBefore + FEE - feePaid(api, revealed.events, bob.address));
  const charlieAfter = (await at.query.system.account(charlie.address)).data;
  // The input's deposit stays held until the task is pruned; no fee does.
  const deposit = inputDeposit(api, 4);
  assert.equal(charlieAfter.free.toBigInt(), creatorBefore - FEE - deposit - feePaid(api, created.events, charlie.address));
  assert.equal(await inferenceHold(at, charlie.address, 'TaskFee'), 0n, 'no fee stays held from the creator');
  assert.equal(await inferenceHold(at, charlie.address, 'InputDeposit'), deposit, 'the input deposit until pruning');
});

test('an input of the wrong length is refused by name and holds nothing', async () => {
  const before = (await api.query.system.account(charlie.address)).data;
  const { error, events } = await submit(
    api,
    api.tx.inference.createTask(model, '0x010203', FEE, null),
    charlie,
  );
  assert.equal(error, 'inference.InputLengthMismatch');
  assert.equal(eventsOf(api, events, 'inference', 'TaskCreated').length, 0);
  const after = (await api.query.system.account(charlie.address)).data;
  assert.equal(after.reserved.toBigInt(), before.reserved.toBigInt());
  assert.equal(after.free.toBigInt(), before.free.toBigInt() - feePaid(api, events, charlie.address));

  const unknown = await submit(
    api,
    api.tx.inference.createTask(blake2AsHex('no such model', 256), '0x01020304', FEE, null),
    charlie,
  );
  assert.equal(unknown.error, 'inference.UnknownModel');
});

test('a sampled task: one node computes; a check by two more nodes, decided after its commit', async () => {
  // Three nodes besides Bob: a sampled task needs its primary and two possible checkers.
  const players = ['//Dave', '//Eve', '//Ferdie'].map((u) => keyring.addFromUri(u));
  for (const p of players) {
    if ((await api.call.inferenceApi.node(p.address)).isNone) {
      assert.equal((await submit(api, api.tx.inference.join(100n * UNIT, [model], 2), p)).error, null);
    }
  }
  const byAddress = new Map([bob, ...players].map((p) => [p.address, p]));
  // A rate at which cheating would pay for a node with the minimum stake is refused by name.
  const refused = await submit(api, api.tx.inference.createSampledTask(model, '0x01020304', UNIT, 10), charlie);
  assert.equal(refused.error, 'inference.CheatingWouldPay');

  // Checked for sure (1000 per thousand), to see every step.
  const created = await submit(api, api.tx.inference.createSampledTask(model, '0x04030201', FEE, 1000), charlie);
  assert.equal(created.error, null);
  const taskId = eventsOf(api, created.events, 'inference', 'TaskCreated')[0].data.task.toNumber();
  const at = await api.at(created.blockHash);
  assert.equal(await inferenceHold(at, charlie.address, 'TaskFee'), 3n * FEE, 'a full check is held');

  const view = await untilBlock(api, async () => {
    const v = (await api.call.inferenceApi.task(taskId)).unwrap();
    return v.assignments.length === 1 ? v : null;
  }, { what: 'the primary' });
  assert.ok(view.verification.isSampled);
  assert.ok(view.verification.asSampled.checked.isNone, 'undecided before the commit');
  const result = new Uint8Array([2, 0, 0, 0]);
  const salts = new Map();
  const commitAs = async (who) => {
    const salt = randomAsU8a(32);
    salts.set(who.address, salt);
    const c = await submit(api, api.tx.inference.commit(taskId, commitment(api, taskId, who.address, result, salt)), who);
    assert.equal(c.error, null);
    return c;
  };
  const primary = byAddress.get(view.assignments[0].node.toString());
  await commitAs(primary);
  const checked = await untilBlock(api, async () => {
    const v = (await api.call.inferenceApi.task(taskId)).unwrap();
    return v.assignments.length === 3 ? v : null;
  }, { what: 'the checkers' });
  assert.ok(checked.verification.asSampled.checked.unwrap().isTrue);
  const checkers = checked.assignments.slice(1).map((a) => byAddress.get(a.node.toString()));
  assert.ok(checkers.every((c) => c.address !== primary.address), 'the checkers are other nodes');
  for (const c of checkers) await commitAs(c);
  let last;
  for (const who of [primary, ...checkers]) {
    last = await submit(api, api.tx.inference.reveal(taskId, u8aToHex(result), salts.get(who.address)), who);
    assert.equal(last.error, null);
  }
  const [completed] = eventsOf(api, last.events, 'inference', 'TaskCompleted');
  assert.equal(completed.data.result.toHex(), '0x02000000');
  assert.equal(eventsOf(api, last.events, 'inference', 'NodeRewarded').length, 3);
});
