// Starting real inference-worker processes, and the demo models' real inputs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { spawnLogged } from './node.mjs';

const cache = path.join(os.homedir(), '.cache/deai');
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** Where scripts/lib.sh builds the worker: $DEAI_WORKER_TARGET_DIR, else $CARGO_TARGET_DIR-worker, else the cache. */
const workerTarget =
  process.env.DEAI_WORKER_TARGET_DIR ??
  (process.env.CARGO_TARGET_DIR ? `${path.resolve(process.env.CARGO_TARGET_DIR)}-worker` : path.join(cache, 'target-worker'));
export const WORKER_BINARY = process.env.DEAI_WORKER ?? path.join(workerTarget, 'release/inference-worker');
export const MODELS_DIR = process.env.DEAI_MODELS_DIR ?? path.join(cache, 'models');
export const DATA_DIR = process.env.DEAI_DATA_DIR ?? path.join(cache, 'data');

/** Model ids of the dev genesis. */
const modelId = (name) => JSON.parse(fs.readFileSync(path.join(ROOT, `inference-worker/models/${name}.json`), 'utf8')).model_id;
export const SILERO_VAD = modelId('silero-vad');
export const DIGITS_MLP = modelId('digits-mlp');

/**
 * Starts a worker signing as dev account `dev` (or with the secret URI `suri`, `dev` then only
 * naming its log) against `wsUrl`, serving the models in `modelsDir`. The state directory survives
 * restarts: pass the same `stateDir` to restart the same worker.
 */
export async function startWorker({ dev, suri, wsUrl, stateDir, capacity = 2, modelsDir = MODELS_DIR, extraArgs = [] }) {
  if (!fs.existsSync(WORKER_BINARY)) throw new Error(`no worker binary at ${WORKER_BINARY}: run scripts/build.sh`);
  const proc = spawnLogged({
    binary: WORKER_BINARY,
    name: `worker-${dev}`,
    args: [
      '--rpc', wsUrl,
      ...(suri ? [] : ['--dev', dev]),
      '--models', modelsDir,
      '--state-dir', stateDir,
      '--capacity', String(capacity),
      // Port 0: the worker binds a free port and logs it; a port picked here and bound later
      // could be taken meanwhile by another test's process (seen in a run: "Address already in use").
      '--metrics', '127.0.0.1:0',
      ...extraArgs,
    ],
    env: { ...process.env, RUST_LOG: process.env.RUST_LOG ?? 'info', ...(suri ? { DEAI_SURI: suri } : {}) },
  });
  return { ...proc, dev, metricsUrl: await metricsAddress(proc) };
}

/** The metrics URL a worker logs once it has bound its endpoint (null if it exits first). */
async function metricsAddress(proc) {
  for (let waited = 0; waited < 60_000; waited += 50) {
    const m = fs.readFileSync(proc.logFile, 'utf8').match(/metrics at (http:\/\/[0-9.:]+\/metrics)/);
    if (m) return m[1];
    if (proc.exitCode() !== null) return null;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the worker logged no metrics address within a minute (log: ${proc.logFile})`);
}

/** The 8x8 digits data set (scikit-learn's copy): [{ pixels: Uint8Array(64), label }]. */
export function digitsData() {
  const text = zlib.gunzipSync(fs.readFileSync(path.join(DATA_DIR, 'digits.csv.gz'))).toString('utf8');
  return text
    .trim()
    .split('\n')
    .map((line) => {
      const v = line.split(',').map(Number);
      return { pixels: Uint8Array.from(v.slice(0, 64)), label: v[64] };
    });
}

/** A 16-bit PCM mono WAV file's samples as little-endian f32 bytes in [-1, 1). */
export function wavAsF32(file) {
  const buf = fs.readFileSync(file);
  if (buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') throw new Error(`${file} is not a WAV file`);
  let offset = 12;
  let format = null;
  while (offset + 8 <= buf.length) {
    const id = buf.toString('ascii', offset, offset + 4);
    const size = buf.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      format = { channels: buf.readUInt16LE(body + 2), rate: buf.readUInt32LE(body + 4), bits: buf.readUInt16LE(body + 14) };
    } else if (id === 'data') {
      if (!format || format.bits !== 16 || format.channels !== 1) throw new Error(`${file}: 16-bit mono PCM expected`);
      const samples = size / 2;
      const out = Buffer.alloc(samples * 4);
      for (let i = 0; i < samples; i++) out.writeFloatLE(buf.readInt16LE(body + 2 * i) / 32768, 4 * i);
      return { rate: format.rate, bytes: out };
    }
    offset = body + size + (size % 2);
  }
  throw new Error(`${file}: no data chunk`);
}

/** The value of a Prometheus counter or gauge (without labels) in a metrics text; 0 if absent. */
export function metric(text, name) {
  const m = text.match(new RegExp(`^${name} ([-+0-9.eE]+)$`, 'm'));
  return m ? Number(m[1]) : 0;
}
