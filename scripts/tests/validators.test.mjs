// Validators by stake, against real nodes: a new account bonds, registers the session keys its
// own node generated, calls `validate`, is elected at an era change and authors blocks, with the
// @polkadot/api calls polkadot-js apps' Staking page makes; and a network of four validators
// produces and finalizes blocks on with one of them killed.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { u8aToHex } from '@polkadot/util';
import { blockAuthor, connect, devKeyring, submit } from './lib/chain.mjs';
import { NODE_BINARY, heights, rpc, startNode, waitFor } from './lib/node.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const UNIT = 10n ** 12n;

/** A network key for a validator, and its peer id. */
function nodeKey(dir, name) {
  const file = path.join(dir, `${name}.key`);
  fs.writeFileSync(file, randomBytes(32).toString('hex'));
  const peer = execFileSync(NODE_BINARY, ['key', 'inspect-node-key', '--file', file]).toString().trim();
  return { args: ['--node-key-file', file], peer };
}

test('a new account bonds, validates, is elected at the next era and authors blocks', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deai-validators-'));
  const nodes = [];
  let api;
  try {
    const aliceKey = nodeKey(dir, 'alice');
    const alice = await startNode({ name: 'alice', args: ['--chain', 'local', '--alice', '--validator', '--tmp', ...aliceKey.args] });
    nodes.push(alice);
    const boot = ['--bootnodes', `/ip4/127.0.0.1/tcp/${alice.p2pPort}/p2p/${aliceKey.peer}`];
    nodes.push(await startNode({ name: 'bob', args: ['--chain', 'local', '--bob', '--validator', '--tmp', ...nodeKey(dir, 'bob').args, ...boot] }));
    // The newcomer's node: a validator node with an empty keystore.
    const newcomer = await startNode({ name: 'newcomer', args: ['--chain', 'local', '--validator', '--tmp', ...nodeKey(dir, 'new').args, ...boot] });
    nodes.push(newcomer);
    await waitFor(async () => (await rpc(newcomer.httpUrl, 'system_health')).peers >= 2, { what: 'the newcomer to peer' });

    api = await connect(alice.wsUrl);
    const keyring = await devKeyring();
    const aliceKeys = keyring.addFromUri('//Alice');
    const stash = keyring.addFromUri(`//deai-validator-${randomBytes(4).toString('hex')}`);
    const eve = keyring.addFromUri('//Eve');

    let r = await submit(api, api.tx.balances.transferKeepAlive(stash.address, 20_000n * UNIT), aliceKeys);
    assert.equal(r.error, null);
    // Its node generates the session keys and keeps the secrets, with a proof that it holds them
    // signed for the stash account; the account registers them.
    const { keys, proof } = await rpc(newcomer.httpUrl, 'author_rotateKeysWithOwner', [u8aToHex(stash.publicKey)]);
    r = await submit(api, api.tx.staking.bond(10_000n * UNIT, 'Staked'), stash);
    assert.equal(r.error, null, 'bond');
    r = await submit(api, api.tx.session.setKeys(keys, '0x'), stash);
    assert.equal(r.error, 'session.InvalidProof', 'keys without a proof of possession are refused');
    r = await submit(api, api.tx.session.setKeys(keys, proof), stash);
    assert.equal(r.error, null, 'setKeys');
    r = await submit(api, api.tx.staking.validate({ commission: 0, blocked: false }), stash);
    assert.equal(r.error, null, 'validate');
    // Anyone may nominate it.
    r = await submit(api, api.tx.staking.bond(1_000n * UNIT, 'Staked'), eve);
    assert.equal(r.error, null, 'nominator bond');
    r = await submit(api, api.tx.staking.nominate([stash.address]), eve);
    assert.equal(r.error, null, 'nominate');
    // Below the minimum bond, validating is refused with a named error.
    const poor = keyring.addFromUri(`//deai-poor-${randomBytes(4).toString('hex')}`);
    await submit(api, api.tx.balances.transferKeepAlive(poor.address, 100n * UNIT), aliceKeys);
    await submit(api, api.tx.staking.bond(10n * UNIT, 'Staked'), poor);
    r = await submit(api, api.tx.staking.validate({ commission: 0, blocked: false }), poor);
    assert.equal(r.error, 'staking.InsufficientBond');

    // Staking page: the candidate is listed (waiting, or already in the next elected set).
    assert.ok((await api.query.staking.validators.keys()).some((k) => k.args[0].toString() === stash.address), 'a candidate');
    const waiting = await api.derive.staking.waitingInfo();
    const nextElected = (await api.derive.staking.nextElected()).map(String);
    assert.ok(
      waiting.info.some((v) => v.accountId.toString() === stash.address) || nextElected.includes(stash.address),
      'listed by the Staking page',
    );
    const eraAtValidate = (await api.query.staking.activeEra()).unwrap().index.toNumber();

    // Elected at an era change (it validated during era e: elected for era e + 1, or e + 2 when
    // it came after that era's election), it joins the session's validators...
    await waitFor(async () => (await api.query.session.validators()).map(String).includes(stash.address), {
      what: 'the newcomer to be elected',
      timeoutMs: 240_000,
      intervalMs: 2_000,
    });
    const eraElected = (await api.query.staking.activeEra()).unwrap().index.toNumber();
    assert.ok(eraElected <= eraAtValidate + 2, `elected in era ${eraElected}, validated in ${eraAtValidate}`);

    // ...and authors blocks with the keys its node holds: a block whose BABE pre-digest names its
    // authority index in the session's validators.
    const authored = await waitFor(
      async () => {
        const header = await api.rpc.chain.getHeader();
        const author = await blockAuthor(api, header);
        return author === stash.address ? header : null;
      },
      { what: 'a block authored by the newcomer', timeoutMs: 120_000, intervalMs: 1_000 },
    );
    assert.ok(authored.number.toNumber() > 0);

    // The rest of the Staking page: overview, elected info, session progress, the exposure.
    const overview = await api.derive.staking.overview();
    assert.ok(overview.validators.map(String).includes(stash.address));
    const elected = await api.derive.staking.electedInfo();
    assert.ok(elected.info.some((v) => v.accountId.toString() === stash.address));
    const progress = await api.derive.session.progress();
    assert.equal(progress.sessionLength.toNumber(), 10, 'test networks: 10-block sessions');
    assert.equal(progress.eraLength.toNumber(), 20, 'test networks: 2-session eras');
    // Its nominator backs it from the first era whose election saw the nomination.
    const exposure = await waitFor(
      async () => {
        const era = (await api.query.staking.activeEra()).unwrap().index;
        const overview = await api.query.staking.erasStakersOverview(era, stash.address);
        return overview.isSome && overview.unwrap().nominatorCount.toNumber() >= 1 ? overview.unwrap() : null;
      },
      { what: "the nominator's backing in the active era", timeoutMs: 150_000, intervalMs: 2_000 },
    );
    assert.ok(exposure.total.toBigInt() >= 11_000n * UNIT, 'own bond and nomination');
    const account = await api.derive.staking.account(stash.address);
    assert.equal(account.stakingLedger.active.toBigInt(), 10_000n * UNIT);
  } finally {
    await api?.disconnect();
    for (const n of nodes.reverse()) await n.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('four validators produce and finalize blocks on with one of them killed', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deai-four-'));
  const nodes = [];
  try {
    // A network of four from chain-spec tooling: GRANDPA tolerates f faulty voters out of
    // 3f + 1, so four validators finalize on with one down (three could not).
    const base = JSON.parse(fs.readFileSync(path.join(root, 'chain-spec/testnet.json'), 'utf8'));
    const keyring = await devKeyring();
    const devs = ['Alice', 'Bob', 'Charlie', 'Dave'];
    const ed = (await import('@polkadot/keyring')).Keyring;
    const edKeyring = new ed({ type: 'ed25519', ss58Format: 42 });
    const inputs = {
      ...base,
      id: 'deai_four',
      chainType: 'Local',
      validators: devs.map((d) => ({
        name: d,
        stash: keyring.addFromUri(`//${d}`).address,
        babe: keyring.addFromUri(`//${d}`).address,
        grandpa: edKeyring.addFromUri(`//${d}`).address,
        bond: String(10_000n * UNIT),
      })),
      periods: {
        epochBlocks: 10, sessionsPerEra: 2, bondingEras: 2, slashDeferEras: 1, referendumPrepare: 2,
        referendumDecision: 40, referendumConfirm: 2, referendumEnactment: 2, referendumUndecided: 80,
        voteLocking: 10, referendumAlarm: 1,
      },
      balances: devs.map((d) => [keyring.addFromUri(`//${d}`).address, String(1_000_000n * UNIT)]),
    };
    const inputsFile = path.join(dir, 'four.json');
    fs.writeFileSync(inputsFile, JSON.stringify(inputs));
    execFileSync(path.join(root, 'scripts/build-chain-spec.sh'), [inputsFile, dir], { stdio: 'inherit' });
    const spec = path.join(dir, 'deai_four.raw.json');

    const first = nodeKey(dir, 'alice');
    const boot = [];
    for (const d of devs) {
      const key = d === 'Alice' ? first : nodeKey(dir, d);
      nodes.push(await startNode({ name: d.toLowerCase(), args: ['--chain', spec, `--${d.toLowerCase()}`, '--tmp', ...key.args, ...boot] }));
      if (d === 'Alice') boot.push('--bootnodes', `/ip4/127.0.0.1/tcp/${nodes[0].p2pPort}/p2p/${first.peer}`);
    }
    const [alice] = nodes;
    const api = await connect(alice.wsUrl);
    try {
      assert.equal((await api.query.session.validators()).length, 4, 'four validators elected at genesis');
      assert.ok((await api.query.sudo.key()).isNone, 'a network built from chain-spec/ has no sudo key');
    } finally {
      await api.disconnect();
    }
    await waitFor(async () => (await heights(alice.httpUrl)).finalized >= 3, { what: 'finality with four validators', timeoutMs: 120_000 });

    await nodes[3].kill();
    const before = await heights(alice.httpUrl);
    const after = await waitFor(
      async () => {
        const h = await heights(alice.httpUrl);
        return h.finalized >= before.finalized + 8 && h.best >= before.best + 8 ? h : null;
      },
      { what: 'blocks produced and finalized with Dave down', timeoutMs: 120_000 },
    );
    assert.ok(after.finalized > before.finalized);
  } finally {
    for (const n of nodes.reverse()) await n.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
