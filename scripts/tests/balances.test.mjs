// A real @polkadot/api client against a dev node: chain properties and balance transfers.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { authorFeeShare, connect, devKeyring, eventsOf, feePaid, freeBalance, submit } from './lib/chain.mjs';
import { startNode } from './lib/node.mjs';

let node, api, keyring, alice;

before(async () => {
  node = await startNode({ name: 'balances' });
  api = await connect(node.wsUrl);
  keyring = await devKeyring();
  alice = keyring.addFromUri('//Alice');
});

after(async () => {
  await api?.disconnect();
  await node?.stop();
});

const UNIT = 10n ** 12n;

test('the chain announces its token and address format', async () => {
  const props = await api.rpc.system.properties();
  assert.equal(props.tokenSymbol.unwrap()[0].toString(), 'DEAI');
  assert.equal(props.tokenDecimals.unwrap()[0].toNumber(), 12);
  assert.equal(props.ss58Format.unwrap().toNumber(), 42);
  assert.equal(api.consts.system.ss58Prefix.toNumber(), 42);
  assert.equal(api.runtimeVersion.specName.toString(), 'deai');
});

test('a transfer to a fresh account moves exactly the amount and emits Transfer; its fee is split', async () => {
  const fresh = keyring.addFromUri(`//fresh/${Date.now()}`);
  const bob = keyring.addFromUri('//Bob');
  const amount = 5n * UNIT;
  const before = await freeBalance(api, bob.address);
  // Alice authors every block of the dev chain: she gets a fifth of each fee.
  const authorBefore = await freeBalance(api, alice.address);

  const { events, error, blockHash } = await submit(
    api,
    api.tx.balances.transferKeepAlive(fresh.address, amount),
    bob,
  );
  assert.equal(error, null);
  const [transfer] = eventsOf(api, events, 'balances', 'Transfer');
  assert.ok(transfer, 'a Transfer event');
  assert.equal(transfer.data.from.toString(), bob.address);
  assert.equal(transfer.data.to.toString(), fresh.address);
  assert.equal(transfer.data.amount.toBigInt(), amount);

  const at = await api.at(blockHash);
  const bobAfter = (await at.query.system.account(bob.address)).data.free.toBigInt();
  const freshAfter = (await at.query.system.account(fresh.address)).data.free.toBigInt();
  const authorAfter = (await at.query.system.account(alice.address)).data.free.toBigInt();
  const fee = feePaid(api, events, bob.address);
  assert.equal(freshAfter, amount);
  assert.equal(bobAfter, before - amount - fee);
  assert.equal(authorAfter - authorBefore, authorFeeShare(api, events), "the author's fifth of the fee");
});

test('a transfer over the balance fails with its named error and moves nothing', async () => {
  const poor = keyring.addFromUri(`//poor/${Date.now()}`);
  const bob = keyring.addFromUri('//Bob');
  await submit(api, api.tx.balances.transferKeepAlive(poor.address, 2n * UNIT), alice);
  const poorBefore = await freeBalance(api, poor.address);
  const bobBefore = await freeBalance(api, bob.address);

  const { events, error, blockHash } = await submit(
    api,
    api.tx.balances.transferAllowDeath(bob.address, 3n * UNIT),
    poor,
  );
  assert.equal(error, 'token.FundsUnavailable');
  assert.equal(eventsOf(api, events, 'balances', 'Transfer').length, 0);
  const at = await api.at(blockHash);
  const fee = feePaid(api, events, poor.address);
  assert.ok(fee > 0n, 'the failed transaction still paid its fee');
  assert.equal((await at.query.system.account(poor.address)).data.free.toBigInt(), poorBefore - fee);
  assert.equal((await at.query.system.account(bob.address)).data.free.toBigInt(), bobBefore);
});
