// Governance without Sudo, against real nodes: on a test network (`--chain local`: no sudo key,
// short referendum periods) a runtime upgrade to the next spec version is proposed, voted and
// enacted by a referendum on the root track, with the @polkadot/api calls polkadot-js apps'
// Governance pages make; the chain goes on producing and finalizing blocks on the new runtime.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { connect, devKeyring, eventsOf, submit } from './lib/chain.mjs';
import { NODE_BINARY, UPGRADE_WASM, heights, startNode, waitFor } from './lib/node.mjs';

const UNIT = 10n ** 12n;

test('a runtime upgrade is enacted by a referendum on a network without sudo', async () => {
  assert.ok(fs.existsSync(UPGRADE_WASM), `no upgrade runtime at ${UPGRADE_WASM}: run scripts/build-upgrade-runtime.sh`);
  const code = `0x${fs.readFileSync(UPGRADE_WASM).toString('hex')}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deai-gov-'));
  const aliceKey = randomBytes(32).toString('hex');
  const nodes = [];
  let api;
  try {
    const alice = await startNode({ name: 'alice', args: ['--chain', 'local', '--alice', '--validator', '--tmp', '--node-key', aliceKey] });
    nodes.push(alice);
    const { execFileSync } = await import('node:child_process');
    const keyFile = path.join(dir, 'alice.key');
    fs.writeFileSync(keyFile, aliceKey);
    const peer = execFileSync(NODE_BINARY, ['key', 'inspect-node-key', '--file', keyFile]).toString().trim();
    nodes.push(await startNode({
      name: 'bob',
      args: ['--chain', 'local', '--bob', '--validator', '--tmp', '--node-key', randomBytes(32).toString('hex'),
        '--bootnodes', `/ip4/127.0.0.1/tcp/${alice.p2pPort}/p2p/${peer}`],
    }));
    api = await connect(alice.wsUrl);
    const keyring = await devKeyring();
    const [aliceKeys, ...voters] = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie', 'Alice//stash', 'Bob//stash', 'Charlie//stash']
      .map((n) => keyring.addFromUri(`//${n}`));

    // No sudo key: sudo calls are refused with a named error.
    assert.ok((await api.query.sudo.key()).isNone);
    let r = await submit(api, api.tx.sudo.sudo(api.tx.system.remark('0x00')), aliceKeys);
    assert.equal(r.error, 'sudo.RequireSudo');

    // The Governance pages read the tracks from the metadata.
    const tracks = api.consts.referenda.tracks;
    assert.equal(tracks.length, 1);
    const [trackId, track] = tracks[0];
    assert.equal(trackId.toNumber(), 0);
    assert.equal(Buffer.from(track.name.toU8a(true)).toString().replace(/\0+$/, ''), 'root');

    // Only root is a track's origin, and only governance kills a referendum.
    const remark = api.tx.system.remark('0x01').method;
    r = await submit(api, api.tx.referenda.submit({ system: { Signed: aliceKeys.address } }, { Inline: remark.toHex() }, { After: 1 }), aliceKeys);
    assert.equal(r.error, 'referenda.NoTrack', 'a signed origin has no track');

    const before = await api.rpc.state.getRuntimeVersion();
    // 1. The proposal's preimage: `system.setCode(next runtime)`.
    const proposal = api.tx.system.setCode(code);
    const encoded = proposal.method.toHex();
    const hash = proposal.method.hash.toHex();
    r = await submit(api, api.tx.preimage.notePreimage(encoded), aliceKeys);
    assert.equal(r.error, null, 'notePreimage');
    // 2. The referendum on the root track, enacted right after approval.
    const index = (await api.query.referenda.referendumCount()).toNumber();
    r = await submit(
      api,
      api.tx.referenda.submit({ system: 'Root' }, { Lookup: { hash, len: (encoded.length - 2) / 2 } }, { After: 1 }),
      aliceKeys,
    );
    assert.equal(r.error, null, 'submit');
    assert.equal(eventsOf(api, r.events, 'referenda', 'Submitted').length, 1);
    r = await submit(api, api.tx.referenda.kill(index), aliceKeys);
    assert.equal(r.error, 'BadOrigin', 'only governance kills a referendum');
    r = await submit(api, api.tx.referenda.placeDecisionDeposit(index), aliceKeys);
    assert.equal(r.error, null, 'placeDecisionDeposit');
    assert.ok((await api.query.referenda.referendumInfoFor(index)).unwrap().isOngoing, 'the referendum is ongoing');
    // 3. Token holders vote aye with conviction 1x (locked for the vote locking period), until
    // the referendum is decided: once approval and support pass their curves it confirms and
    // takes no more votes.
    // Each voter signs with its own account and nonce: the votes go in together.
    const results = await Promise.all(
      [aliceKeys, ...voters].map(async (voter) => {
        const balance = (await api.query.system.account(voter.address)).data.free.toBigInt();
        const vote = { Standard: { vote: { aye: true, conviction: 'Locked1x' }, balance: (balance * 9n) / 10n } };
        return submit(api, api.tx.convictionVoting.vote(index, vote), voter);
      }),
    );
    const votes = results.filter((v) => v.error === null).length;
    for (const v of results) assert.ok([null, 'convictionVoting.NotOngoing'].includes(v.error), `a vote failed: ${v.error}`);
    assert.ok(votes >= 2, `${votes} votes were cast`);
    const voting = await api.query.convictionVoting.votingFor(aliceKeys.address, 0);
    assert.ok(voting.isCasting && voting.asCasting.votes.length === 1, "Alice's vote is recorded");

    // 4. Decided, confirmed and enacted within the test periods: the runtime is upgraded.
    await waitFor(async () => (await api.rpc.state.getRuntimeVersion()).specVersion.toNumber() === before.specVersion.toNumber() + 1, {
      what: 'the runtime upgrade to be enacted',
      timeoutMs: 180_000,
      intervalMs: 2_000,
    });
    // (Right after the upgrade the client re-reads the metadata: ask until it answers.)
    await waitFor(async () => (await api.query.referenda.referendumInfoFor(index)).unwrap().isApproved, {
      what: 'the referendum to show as approved',
      timeoutMs: 30_000,
    });
    // The chain goes on under the new runtime: blocks produced and finalized.
    const at = await heights(alice.httpUrl);
    await waitFor(async () => {
      const h = await heights(alice.httpUrl);
      return h.best >= at.best + 3 && h.finalized >= at.best;
    }, { what: 'blocks produced and finalized after the upgrade', timeoutMs: 90_000 });
  } finally {
    await api?.disconnect();
    for (const n of nodes.reverse()) await n.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
