// Starting real inference-worker processes, and the demo models' real inputs.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { spawnLogged } from './node.mjs';
import { ROOT, setting } from './settings.mjs';

export { ROOT };
/** The worker binary (scripts/build.sh), the demo models and the digits data (scripts/setup-models.sh). */
export const WORKER_BINARY = setting('DEAI_WORKER');
export const MODELS_DIR = setting('DEAI_MODELS_DIR');
export const DATA_DIR = setting('DEAI_DATA_DIR');

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

/** The task client, built beside the worker. */
export const TASK_CLIENT = path.join(path.dirname(WORKER_BINARY), 'deai-task');

/** `deai-task prepare ARGS` (the conversions `deai-task submit` uses), its standard output. */
function prepare(...args) {
  return execFileSync(TASK_CLIENT, ['prepare', ...args], { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The 8x8 digits data set (scikit-learn's copy): [{ pixels: Uint8Array(64), label }], in its order. */
let digits = null;
export function digitsData() {
  digits ??= prepare('--model', 'digits', '--file', path.join(DATA_DIR, 'digits.csv.gz'), '--all')
    .trim()
    .split('\n')
    .map((line) => {
      const { label, input } = JSON.parse(line);
      return { pixels: Uint8Array.from(Buffer.from(input.slice(2), 'hex')), label };
    });
  return digits;
}

/** A 16 kHz mono WAV file as the voice-activity model's input bytes (f32 little-endian, cut or padded to its length). */
export function audioInput(file) {
  return Buffer.from(prepare('--model', 'vad', '--file', file).trim().slice(2), 'hex');
}

/** The value of a Prometheus counter or gauge (without labels) in a metrics text; 0 if absent. */
export function metric(text, name) {
  const m = text.match(new RegExp(`^${name} ([-+0-9.eE]+)$`, 'm'));
  return m ? Number(m[1]) : 0;
}
