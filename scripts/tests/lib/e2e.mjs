// What the end-to-end test files share: the multi-process network (two validators, a full node,
// three real workers: see network.mjs), the task creator (Alice), and the helpers that create a
// task, follow it to its settlement and read the events in between. Each file that calls
// `useNetwork()` gets a network of its own, so the files run side by side; each prints the
// latency report of its tasks (blocks and seconds from inclusion to settlement).
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { u8aToHex } from '@polkadot/util';
import { connect, devKeyring, eventsOf, submit } from './chain.mjs';
import { untilBlock } from './inference.mjs';
import { startNetwork, stopNetwork } from './network.mjs';
import { digitsData } from './worker.mjs';

/** One DEAI in plancks. */
export const UNIT = 10n ** 12n;
/** The fee per node of every end-to-end task. */
export const FEE = 20n * 10n ** 9n;
/** The digits data set's held-out fifth: samples the tests use as task inputs. */
export const heldOut = () => digitsData().filter((_, i) => i % 5 === 4);
/** The 32-bit label a digits task's result encodes. */
export const label = (view) => Buffer.from(view.result.unwrap()).readUInt32LE(0);

/**
 * Registers the file's `before` (start the network, connect, wait for the three workers to join,
 * then `ready(ctx)`) and `after` (latency report, clean stops). Returns the context the helpers
 * below take; its fields are set once `before` has run.
 */
export function useNetwork(ready = () => {}) {
  const ctx = { net: null, api: null, keyring: null, alice: null, latency: [] };
  before(async () => {
    ctx.net = await startNetwork();
    ctx.api = await connect(ctx.net.full.wsUrl);
    ctx.keyring = await devKeyring();
    ctx.alice = ctx.keyring.addFromUri('//Alice');
    for (const uri of ['//Charlie', '//Dave', '//Ferdie']) {
      const who = ctx.keyring.addFromUri(uri).address;
      await untilBlock(ctx.api, async () => (await ctx.api.call.inferenceApi.node(who)).isSome, {
        what: `${uri} to join`,
        timeoutMs: 120_000,
      });
    }
    ready(ctx);
  });
  after(async () => {
    console.log('latency report (inclusion to settlement):');
    for (const l of ctx.latency) console.log(`  task ${l.task} ${l.what}: ${l.blocks} blocks, ${l.seconds.toFixed(1)} s`);
    await ctx.api?.disconnect();
    if (ctx.net) {
      const codes = await stopNetwork(ctx.net);
      for (const [name, code] of Object.entries(codes)) assert.equal(code, 0, `${name} stops cleanly`);
    }
  });
  return ctx;
}

/** The best block's number. */
export async function bestNumber(ctx) {
  return (await ctx.api.rpc.chain.getHeader()).number.toNumber();
}

/** The finalized block's number. */
export async function finalizedNumber(ctx) {
  return (await ctx.api.rpc.chain.getHeader(await ctx.api.rpc.chain.getFinalizedHead())).number.toNumber();
}

/** Alice creates a task of `model` on `input` (r = 3, fee FEE): { task, included, started, what }. */
export async function createTask(ctx, model, input, what) {
  const { api, alice } = ctx;
  const started = Date.now();
  const { error, events, blockHash } = await submit(api, api.tx.inference.createTask(model, u8aToHex(input), FEE, 3), alice);
  assert.equal(error, null);
  const task = eventsOf(api, events, 'inference', 'TaskCreated')[0].data.task.toNumber();
  const included = (await api.rpc.chain.getHeader(blockHash)).number.toNumber();
  return { task, included, started, what };
}

/**
 * Task `id` as the best block shows it, or null: on a network of two BABE validators a short fork
 * can be the best chain for a moment without the block that created the task (seen in a run); the
 * transaction goes back to the pool and the task comes back with the next blocks.
 */
export async function taskAtBest(api, id) {
  const view = await api.call.inferenceApi.task(id);
  return view.isSome ? view.unwrap() : null;
}

/** Waits until `created` completes or fails; records its latency. Returns { view, at }. */
export async function settled(ctx, created, timeoutMs = 150_000) {
  const { api } = ctx;
  const view = await untilBlock(
    api,
    async () => {
      const v = await taskAtBest(api, created.task);
      return v && (v.phase.isCompleted || v.phase.isFailed) ? v : null;
    },
    { what: `task ${created.task} (${created.what}) to settle`, timeoutMs },
  );
  const at = await bestNumber(ctx);
  ctx.latency.push({ ...created, blocks: at - created.included, seconds: (Date.now() - created.started) / 1000 });
  return { view, at };
}

/** All events of the blocks numbered first..last (inclusive) on the best chain. */
export async function eventsOfBlocks(ctx, first, last) {
  const { api } = ctx;
  const all = [];
  for (let n = first; n <= last; n++) {
    const hash = await api.rpc.chain.getBlockHash(n);
    for (const { event } of await api.query.system.events.at(hash)) all.push(event);
  }
  return all;
}
