// A network's genesis from chain-spec/: the script builds plain and raw specs from the inputs,
// and two validators started from the raw spec share the genesis, author and finalize together.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { heights, rpc, startNode, waitFor } from './lib/node.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

test('specs built from chain-spec/testnet.json start a two-validator network', async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'deai-spec-'));
  execFileSync(path.join(root, 'scripts/build-chain-spec.sh'), [path.join(root, 'chain-spec/testnet.json'), out], {
    stdio: 'inherit',
  });
  const inputs = JSON.parse(fs.readFileSync(path.join(root, 'chain-spec/testnet.json'), 'utf8'));
  const plain = JSON.parse(fs.readFileSync(path.join(out, 'deai_testnet.plain.json'), 'utf8'));
  const rawPath = path.join(out, 'deai_testnet.raw.json');
  const raw = JSON.parse(fs.readFileSync(rawPath, 'utf8'));

  assert.equal(plain.name, inputs.name);
  assert.deepEqual(plain.properties, inputs.properties);
  const patch = plain.genesis.runtimeGenesis.patch;
  assert.deepEqual(patch.session.keys.map(([stash, , keys]) => [stash, keys.babe, keys.grandpa]),
    inputs.validators.map((v) => [v.stash, v.babe, v.grandpa]));
  assert.deepEqual(patch.staking.stakers.map(([stash, , bond]) => [stash, BigInt(bond)]),
    inputs.validators.map((v) => [v.stash, BigInt(v.bond)]));
  assert.equal(patch.sudo, undefined, 'no sudo key in a spec built from chain-spec/');
  assert.equal(patch.timing, undefined, 'the public periods (the runtime defaults)');
  assert.ok(raw.genesis.raw.top['0x3a636f6465'], 'the raw spec embeds the runtime code');

  // A live network's validators keep a persistent network key (`deai-node key generate-node-key`).
  const nodeKey = () => ['--node-key', randomBytes(32).toString('hex')];
  const alice = await startNode({ name: 'alice', args: ['--chain', rawPath, '--alice', '--tmp', ...nodeKey()] });
  let bob;
  try {
    const peerId = await rpc(alice.httpUrl, 'system_localPeerId');
    bob = await startNode({
      name: 'bob',
      args: ['--chain', rawPath, '--bob', '--tmp', ...nodeKey(), '--bootnodes', `/ip4/127.0.0.1/tcp/${alice.p2pPort}/p2p/${peerId}`],
    });
    const genesisA = await rpc(alice.httpUrl, 'chain_getBlockHash', [0]);
    const genesisB = await rpc(bob.httpUrl, 'chain_getBlockHash', [0]);
    assert.equal(genesisA, genesisB, 'both nodes share the genesis');
    assert.equal((await rpc(bob.httpUrl, 'system_chain')), inputs.name);

    // Two GRANDPA voters: finality needs both, so finalized blocks prove they cooperate.
    await waitFor(async () => (await heights(bob.httpUrl)).finalized >= 3, {
      what: 'finality with both validators',
      timeoutMs: 120_000,
    });
    const props = await rpc(alice.httpUrl, 'system_properties');
    assert.equal(props.tokenSymbol, 'DEAI');
    // The runtime in the spec is the runtime in the source.
    const source = fs.readFileSync(path.join(root, 'runtime/src/lib.rs'), 'utf8');
    const version = await rpc(bob.httpUrl, 'state_getRuntimeVersion');
    assert.equal(version.specName, 'deai');
    assert.equal(version.specVersion, Number(source.match(/runtime_version!\((\d+)\);/)[1]));
  } finally {
    await bob?.stop();
    await alice.stop();
    fs.rmSync(out, { recursive: true, force: true });
  }
});
