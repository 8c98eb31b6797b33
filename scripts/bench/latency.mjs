#!/usr/bin/env node
// Latency benchmark: a dev node and three real inference workers (Bob, Charlie, Dave) serving the
// real digits and voice-activity models. Tasks are submitted one after another, each at a random
// moment of a block, and followed to their `TaskCompleted` event. Reports blocks and seconds from
// submission and from inclusion to the result (median and p95), how many tasks settled at the
// protocol's floor (three blocks after inclusion on the dev chain, four on a network of several
// validators), the workers' reaction time (a block's arrival to the extrinsic's submission,
// inference excluded, from their metrics), and memory.
//
//   node scripts/bench/latency.mjs [--tasks 50] [--minutes 0] [--network] [--out FILE]
// With --minutes M it keeps submitting for at least M minutes (for the memory run). With
// --network it runs on a two-validator network (`--chain local`: validators Alice and Bob, a full
// node the workers Charlie, Dave and Ferdie and the benchmark connect to), where each draw waits
// for the VRF outputs of two later blocks by different authors.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { u8aToHex } from '@polkadot/util';
import { connect, devKeyring, eventsOf } from '../tests/lib/chain.mjs';
import { untilBlock } from '../tests/lib/inference.mjs';
import { startNetwork, stopNetwork } from '../tests/lib/network.mjs';
import { sleep, startNode } from '../tests/lib/node.mjs';
import { DIGITS_MLP, ROOT, SILERO_VAD, digitsData, startWorker, audioInput } from '../tests/lib/worker.mjs';
import { machine, quantile, sampleMemory, writeReport } from './lib.mjs';

const { values: opt } = parseArgs({
  options: {
    tasks: { type: 'string', default: '50' },
    minutes: { type: 'string', default: '0' },
    network: { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});
const TASKS = Number(opt.tasks);
const MINUTES = Number(opt.minutes);
const FEE = 10n ** 10n;
const log = (...a) => console.error('[latency]', ...a);

/** Median and p95 of the histogram `name` (Prometheus buckets) with `labels`, in seconds. */
function histogramQuantiles(text, name, labels) {
  const re = new RegExp(`^${name}_bucket\\{([^}]*)\\} (\\S+)$`, 'gm');
  const buckets = [];
  for (const m of text.matchAll(re)) {
    const attrs = Object.fromEntries([...m[1].matchAll(/(\w+)="([^"]*)"/g)].map((a) => [a[1], a[2]]));
    if (Object.entries(labels).some(([k, v]) => attrs[k] !== v)) continue;
    buckets.push({ le: attrs.le === '+Inf' ? Infinity : Number(attrs.le), count: Number(m[2]) });
  }
  buckets.sort((a, b) => a.le - b.le);
  const total = buckets.at(-1)?.count ?? 0;
  const at = (q) => {
    if (!total) return null;
    const target = q * total;
    let prevLe = 0;
    let prevCount = 0;
    for (const b of buckets) {
      if (b.count >= target) {
        if (b.le === Infinity) return prevLe;
        const share = b.count === prevCount ? 0 : (target - prevCount) / (b.count - prevCount);
        return prevLe + share * (b.le - prevLe);
      }
      prevLe = b.le;
      prevCount = b.count;
    }
    return prevLe;
  };
  return { count: total, median: at(0.5), p95: at(0.95) };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deai-latency-'));
const net = opt.network ? await startNetwork() : null;
const node = net ? net.full : await startNode({ name: 'latency', args: ['--dev', '--base-path', path.join(dir, 'node')] });
const api = await connect(node.wsUrl);
const keyring = await devKeyring();
const alice = keyring.addFromUri('//Alice');
const workers = net ? Object.values(net.workers) : [];
// Included in block k: drawn in k + 1 on the dev chain (its sole authority is trusted), in k + 2
// at the earliest on a network; committed in the next block, revealed and settled in the one after.
const FLOOR = net ? 4 : 3;
try {
  if (!net) {
    for (const dev of ['bob', 'charlie', 'dave']) {
      workers.push(await startWorker({ dev, wsUrl: node.wsUrl, stateDir: path.join(dir, dev), capacity: 4 }));
    }
  }
  for (const w of workers) {
    const who = keyring.addFromUri(`//${w.dev[0].toUpperCase()}${w.dev.slice(1)}`).address;
    await untilBlock(api, async () => (await api.call.inferenceApi.node(who)).isSome, { what: `${w.dev} to join`, timeoutMs: 180_000 });
  }
  const slotMs = api.consts.babe?.expectedBlockTime?.toNumber?.() ?? Number(api.consts.timestamp.minimumPeriod.toBigInt() * 2n);
  log(`block time ${slotMs} ms`);
  const nodes = net ? { alice: net.alice, bob: net.bob, full: net.full } : { 'deai-node': node };
  const memory = sampleMemory(
    Object.fromEntries([...Object.entries(nodes).map(([name, n]) => [name, n.child.pid]), ...workers.map((w) => [`worker-${w.dev}`, w.child.pid])]),
  );

  // Inputs: held-out digits, and one second of speech and of silence.
  const digits = digitsData().filter((_, i) => i % 5 === 4);
  const speech = audioInput(path.join(ROOT, 'inference-worker/tests/fixtures/speech.wav'));
  const silence = audioInput(path.join(ROOT, 'inference-worker/tests/fixtures/silence.wav'));
  const completedAt = new Map(); // task -> { block, seenAt }
  await api.rpc.chain.subscribeNewHeads(async (header) => {
    const seenAt = Date.now();
    const events = await api.query.system.events.at(header.hash);
    for (const { event } of events) {
      if (event.section === 'inference' && event.method === 'TaskCompleted') {
        completedAt.set(event.data.task.toNumber(), { block: header.number.toNumber(), seenAt });
      }
    }
  });

  const results = [];
  const until = Date.now() + MINUTES * 60_000;
  for (let i = 0; i < TASKS || Date.now() < until; i++) {
    const kind = i % 4 === 3 ? (i % 8 === 7 ? 'silence' : 'speech') : 'digits';
    const [model, input] = kind === 'digits' ? [DIGITS_MLP, digits[i % digits.length].pixels] : [SILERO_VAD, kind === 'speech' ? speech : silence];
    await sleep(Math.random() * slotMs); // a random moment of the block
    const bestAtSubmission = (await api.rpc.chain.getHeader()).number.toNumber();
    const submittedAt = Date.now();
    const { task, included } = await new Promise((resolve, reject) => {
      api.tx.inference
        .createTask(model, u8aToHex(input), FEE, 3)
        .signAndSend(alice, { nonce: -1 }, ({ status, events, dispatchError }) => {
          if (dispatchError) reject(new Error(`createTask failed: ${dispatchError.toString()}`));
          if (status.isInBlock) {
            const created = eventsOf(api, events, 'inference', 'TaskCreated')[0];
            api.rpc.chain.getHeader(status.asInBlock).then((h) => resolve({ task: created.data.task.toNumber(), included: h.number.toNumber() }));
          }
        })
        .catch(reject);
    });
    const done = await untilBlock(api, async () => completedAt.get(task), { what: `task ${task}`, timeoutMs: 120_000 });
    const r = {
      task,
      kind,
      secondsFromSubmission: (done.seenAt - submittedAt) / 1000,
      blocksFromInclusion: done.block - included,
      blocksFromSubmission: done.block - bestAtSubmission,
    };
    results.push(r);
    log(`task ${task} (${kind}): ${r.secondsFromSubmission.toFixed(1)} s, ${r.blocksFromInclusion} blocks after inclusion`);
  }

  const reactions = {};
  for (const w of workers) {
    const text = await (await fetch(w.metricsUrl)).text();
    reactions[w.dev] = {
      commit: histogramQuantiles(text, 'deai_worker_reaction_seconds', { action: 'commit' }),
      reveal: histogramQuantiles(text, 'deai_worker_reaction_seconds', { action: 'reveal' }),
      inference: histogramQuantiles(text, 'deai_worker_inference_seconds', {}),
    };
  }
  const seconds = results.map((r) => r.secondsFromSubmission);
  const digitsSeconds = results.filter((r) => r.kind === 'digits').map((r) => r.secondsFromSubmission);
  const fromInclusion = results.map((r) => r.blocksFromInclusion);
  const report = {
    benchmark: 'latency',
    machine: machine(),
    chain: net ? 'two validators (--chain local)' : 'dev (one validator)',
    blockTimeMs: slotMs,
    tasks: results.length,
    secondsFromSubmission: { median: quantile(seconds, 0.5), p95: quantile(seconds, 0.95) },
    digitsSecondsFromSubmission: { median: quantile(digitsSeconds, 0.5), p95: quantile(digitsSeconds, 0.95) },
    blocksFromInclusion: { median: quantile(fromInclusion, 0.5), p95: quantile(fromInclusion, 0.95) },
    blocksFromSubmission: {
      median: quantile(results.map((r) => r.blocksFromSubmission), 0.5),
      p95: quantile(results.map((r) => r.blocksFromSubmission), 0.95),
    },
    floorBlocks: FLOOR,
    atTheFloor: results.filter((r) => r.blocksFromInclusion <= FLOOR).length / results.length,
    workerReactionSeconds: reactions,
    memory: memory.stop(),
    results,
  };
  writeReport(opt.out, report);
  console.log(JSON.stringify({ ...report, results: undefined }, null, 2));
} finally {
  await api.disconnect();
  if (net) await stopNetwork(net);
  else {
    for (const w of workers) await w.stop();
    await node.stop();
  }
}
