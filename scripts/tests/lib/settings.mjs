// Where things are (the node, the worker, the models...): scripts/lib.sh decides, once for every
// script and test. A test started by scripts/test.sh finds its settings in the environment; one
// run by hand (`node --test tests/x.test.mjs`) asks lib.sh for them.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const NAMES = ['DEAI_NODE', 'DEAI_UPGRADE_WASM', 'DEAI_WORKER', 'DEAI_MODELS_DIR', 'DEAI_DATA_DIR', 'DEAI_CHROMIUM'];

let fromLib;

/** What scripts/lib.sh sets each of NAMES to (the environment's values where set). */
function readLib() {
  const script = 'source "$1"; shift; for n; do printf "%s\\0%s\\0" "$n" "${!n}"; done';
  const out = execFileSync('bash', ['-c', script, '_', path.join(ROOT, 'scripts/lib.sh'), ...NAMES], { encoding: 'utf8' });
  const parts = out.split('\0');
  const values = {};
  for (let i = 0; i + 1 < parts.length; i += 2) values[parts[i]] = parts[i + 1];
  return values;
}

/** The value of the setting `name` (one of NAMES): the environment's, else the one scripts/lib.sh gives it. */
export function setting(name) {
  if (!NAMES.includes(name)) throw new Error(`${name} is not a setting of scripts/lib.sh`);
  if (process.env[name]) return process.env[name];
  fromLib ??= readLib();
  return fromLib[name];
}
