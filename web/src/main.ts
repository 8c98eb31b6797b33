// The page: connect, pick an account and a model, give it an input, see the cost, sign, and follow
// the task live to its verified result; explore tasks, models and nodes. Logic that can be tested
// without a browser lives in ./logic.
import type { PolkadotClient } from 'polkadot-api';
import { type Account, type Api, type Connection, connect, devAccounts, extensionAccounts } from './chain';
import { type Cost, type Mode, formatDeai, parseDeai, taskCost } from './logic/cost';
import { errorName } from './logic/docs';
import {
  type ModelSpec,
  type Reading,
  digitsFromDrawing,
  encodeInput,
  elementCount,
  inputLength,
  readResult,
  toHex,
  wavSamples,
} from './logic/encode';
import { type InferenceEvent, type Step, type Words, addStep, stepOf } from './logic/timeline';

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

/** A registered model, as the page offers it. */
interface Model {
  id: string;
  name: string;
  spec: ModelSpec;
  /** How a person gives its input: drawing a digit, a WAV file, or raw bytes. */
  widget: 'digits' | 'audio' | 'raw';
}

const state: {
  conn: Connection | null;
  accounts: Account[];
  models: Model[];
  input: Uint8Array | null;
  samples: Float32Array | null;
  following: { task: bigint; model: Model | null; from: number; steps: Step[]; seen: Set<string>; stop: () => void } | null;
  explore: 'tasks' | 'models' | 'nodes';
} = { conn: null, accounts: [], models: [], input: null, samples: null, following: null, explore: 'tasks' };

const api = (): Api => {
  if (!state.conn) throw new Error('not connected to a node');
  return state.conn.api;
};

// --- connection and accounts -------------------------------------------------------------------

const params = new URLSearchParams(location.search);
$<HTMLInputElement>('rpc').value = params.get('rpc') ?? localStorage.getItem('deai.rpc') ?? 'ws://127.0.0.1:9944';
$('reconnect').addEventListener('click', () => {
  // A node a person chose is remembered; one a link named (`?rpc=`) is not.
  localStorage.setItem('deai.rpc', $<HTMLInputElement>('rpc').value.trim());
  void start();
});

function setStatus(text: string, ok = false) {
  const el = $('status');
  el.textContent = text;
  el.className = ok ? 'ok' : 'bad';
}

function notice(text: string | null) {
  const el = $('notice');
  el.hidden = !text;
  el.textContent = text ?? '';
}

async function start() {
  lastExplored = 0;
  state.following?.stop();
  state.following = null;
  state.conn?.client.destroy();
  state.conn = null;
  const url = $<HTMLInputElement>('rpc').value.trim();
  setStatus(`connecting to ${url}…`);
  try {
    state.conn = await connect(url, (s) => {
      if (s === 'error' || s === 'closed') setStatus(`the node at ${url} is unreachable: retrying…`);
      else if (s === 'connected' && state.conn) setStatus(`connected to ${url}`, true);
    });
  } catch (e) {
    setStatus(String((e as Error).message ?? e));
    return;
  }
  setStatus(`connected to ${url} (${state.conn.chainType} chain)`, true);
  await loadAccounts();
  await loadModels();
  watchChain(state.conn.client);
  const task = params.get('task');
  if (task) follow(BigInt(task), 0);
}

async function loadAccounts() {
  const conn = state.conn!;
  const { accounts, extensions } = await extensionAccounts();
  const dev = ['Development', 'Local'].includes(conn.chainType);
  state.accounts = [...accounts, ...(dev ? devAccounts() : [])];
  const select = $<HTMLSelectElement>('account');
  select.replaceChildren(
    ...state.accounts.map((a, i) => new Option(`${a.name} (${a.source === 'dev' ? 'development key' : a.source}) ${short(a.address)}`, String(i))),
  );
  if (extensions.length === 0 && !dev) {
    notice('No browser extension found (polkadot-js, Talisman or SubWallet): install one and allow this page to see an account to submit tasks.');
  } else if (accounts.length === 0 && !dev) {
    notice(`The extension (${extensions.join(', ')}) shows this page no account: create one, or allow this page in the extension.`);
  } else {
    notice(dev && accounts.length === 0 ? 'A development chain: the development accounts (Alice, Bob…) can sign here.' : null);
  }
  select.onchange = () => {
    void refreshBalance();
    void updateCost();
  };
  await refreshBalance();
}

const account = (): Account | undefined => state.accounts[Number($<HTMLSelectElement>('account').value)];

async function refreshBalance() {
  const who = account();
  if (!who || !state.conn) return;
  const info = await api().query.System.Account.getValue(who.address, { at: 'best' });
  $('balance').textContent = `${formatDeai(info.data.free)} free`;
}

// --- models and inputs -------------------------------------------------------------------------

async function loadModels() {
  const entries = await api().query.Inference.Models.getEntries({ at: 'best' });
  state.models = entries.map(({ keyArgs: [id], value }) => {
    const name = new TextDecoder().decode(value.spec.name);
    const spec: ModelSpec = {
      inputType: value.spec.input_type.type,
      inputShape: value.spec.input_shape,
      output: value.spec.output as ModelSpec['output'],
    };
    const widget = spec.inputType === 'U8' && elementCount(spec) === 64 ? 'digits' : spec.inputType === 'F32' && spec.output.type === 'Threshold' ? 'audio' : 'raw';
    return { id, name, spec, widget };
  });
  const select = $<HTMLSelectElement>('model');
  select.replaceChildren(...state.models.map((m, i) => new Option(`${m.name} (${short(m.id)})`, String(i))));
  select.onchange = () => showInput();
  showInput();
}

const model = (): Model | undefined => state.models[Number($<HTMLSelectElement>('model').value)];

function showInput() {
  const m = model();
  state.input = null;
  state.samples = null;
  $('input-notes').textContent = '';
  for (const w of ['digits', 'audio', 'raw']) $(`input-${w}`).hidden = m?.widget !== w;
  if (!m) {
    $('model-info').textContent = 'No model is registered on this chain.';
    return;
  }
  const shape = m.spec.inputShape.join(' x ');
  $('model-info').textContent = `Takes ${m.spec.inputType.toLowerCase()}[${shape}] (${inputLength(m.spec)} bytes); its result is ${describeOutput(m.spec)}.`;
  if (m.widget === 'digits') clearPad();
  void updateCost();
}

function describeOutput(spec: ModelSpec): string {
  switch (spec.output.type) {
    case 'Argmax':
      return 'the most likely label';
    case 'TopK':
      return `the ${spec.output.value.k} most likely labels`;
    case 'FixedPoint':
      return 'a list of numbers';
    case 'Threshold':
      return 'one mark per chunk of input above its threshold';
  }
}

// The digit pad: strokes in ink, read back as the model's 8x8 grid.
const pad = $<HTMLCanvasElement>('pad');
const padCtx = pad.getContext('2d', { willReadFrequently: true })!;
let drawing = false;
function clearPad() {
  padCtx.clearRect(0, 0, pad.width, pad.height);
  readPad();
}
function stroke(e: PointerEvent, begin: boolean) {
  const r = pad.getBoundingClientRect();
  const x = ((e.clientX - r.left) * pad.width) / r.width;
  const y = ((e.clientY - r.top) * pad.height) / r.height;
  padCtx.lineWidth = 22;
  padCtx.lineCap = 'round';
  padCtx.strokeStyle = '#111';
  if (begin) {
    padCtx.beginPath();
    padCtx.moveTo(x, y);
  }
  padCtx.lineTo(x, y);
  padCtx.stroke();
}
pad.addEventListener('pointerdown', (e) => {
  drawing = true;
  pad.setPointerCapture(e.pointerId);
  stroke(e, true);
});
pad.addEventListener('pointermove', (e) => drawing && stroke(e, false));
pad.addEventListener('pointerup', () => {
  drawing = false;
  readPad();
});
$('clear').addEventListener('click', clearPad);

function readPad() {
  const m = model();
  if (!m || m.widget !== 'digits') return;
  const grid = digitsFromDrawing(padCtx.getImageData(0, 0, pad.width, pad.height).data, pad.width);
  const g = $<HTMLCanvasElement>('grid').getContext('2d')!;
  const cell = 16;
  for (let i = 0; i < 64; i++) {
    const shade = 255 - Math.round((grid[i] / 16) * 255);
    g.fillStyle = `rgb(${shade},${shade},${shade})`;
    g.fillRect((i % 8) * cell, Math.floor(i / 8) * cell, cell, cell);
  }
  state.input = grid.some((v) => v > 0) ? encodeInput(m.spec, grid) : null;
  void updateCost();
}

$<HTMLInputElement>('wav').addEventListener('change', async (e) => {
  const m = model();
  const file = (e.target as HTMLInputElement).files?.[0];
  if (!m || !file) return;
  try {
    const { samples, notes } = wavSamples(await file.arrayBuffer(), elementCount(m.spec));
    state.samples = samples;
    state.input = encodeInput(m.spec, samples);
    $('input-notes').textContent = notes.join('; ');
    drawWave(samples, null);
  } catch (err) {
    state.input = null;
    $('input-notes').textContent = String((err as Error).message);
  }
  void updateCost();
});

$<HTMLInputElement>('raw').addEventListener('change', async (e) => {
  const m = model();
  const file = (e.target as HTMLInputElement).files?.[0];
  if (!m || !file) return;
  const bytes = new Uint8Array(await file.arrayBuffer());
  const want = inputLength(m.spec);
  state.input = bytes.length === want ? bytes : null;
  $('input-notes').textContent = bytes.length === want ? '' : `the file has ${bytes.length} bytes; the model takes ${want}`;
  void updateCost();
});

/** The waveform, with the chunks a verified result marks as speech shaded. */
function drawWave(samples: Float32Array, speech: boolean[] | null) {
  const c = $<HTMLCanvasElement>('wave');
  const g = c.getContext('2d')!;
  g.clearRect(0, 0, c.width, c.height);
  if (speech) {
    g.fillStyle = 'rgba(46, 160, 67, 0.3)';
    const w = c.width / speech.length;
    speech.forEach((on, i) => on && g.fillRect(i * w, 0, Math.ceil(w), c.height));
  }
  g.strokeStyle = '#333';
  g.beginPath();
  const step = samples.length / c.width;
  for (let x = 0; x < c.width; x++) {
    let peak = 0;
    for (let i = Math.floor(x * step); i < Math.floor((x + 1) * step); i++) peak = Math.max(peak, Math.abs(samples[i]));
    g.moveTo(x, c.height / 2 - peak * (c.height / 2));
    g.lineTo(x, c.height / 2 + peak * (c.height / 2));
  }
  g.stroke();
}

// --- cost and submission -----------------------------------------------------------------------

for (const id of ['fee', 'redundancy', 'permille']) $(id).addEventListener('input', () => void updateCost());
for (const r of document.querySelectorAll<HTMLInputElement>('input[name=mode]')) r.addEventListener('change', () => void updateCost());

/** The verification chosen; an error in words when its number is not one the chain takes. */
function mode(): Mode {
  const sampled = document.querySelector<HTMLInputElement>('input[name=mode]:checked')?.value === 'sampled';
  const whole = (id: string, min: number, max: number, what: string) => {
    const n = Number($<HTMLInputElement>(id).value);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${what} is a whole number from ${min} to ${max}`);
    return n;
  };
  return sampled
    ? { kind: 'sampled', permille: whole('permille', 1, 1000, 'the sampling rate (per thousand)') }
    : { kind: 'full', redundancy: whole('redundancy', 1, 64, 'r') };
}

function buildTx(fee: bigint) {
  const m = model()!;
  const input = state.input!;
  const md = mode();
  return md.kind === 'full'
    ? api().tx.Inference.create_task({ model: m.id, input, fee_per_node: fee, redundancy: md.redundancy })
    : api().tx.Inference.create_sampled_task({ model: m.id, input, fee_per_node: fee, permille: md.permille });
}

let costRound = 0;
/** A submission is on its way: nothing else is sent until it ends. */
let submitting = false;
/** What the cost on screen is for (model, input, verification, fee, account): the only thing Send signs. */
let quoted: string | null = null;

/** The fee and verification a person chose; null, with the reason written into `show`, when one is not valid. */
function readChoice(show: HTMLElement): { fee: bigint; md: Mode } | null {
  try {
    return { fee: parseDeai($<HTMLInputElement>('fee').value), md: mode() };
  } catch (e) {
    show.textContent = String((e as Error).message);
    return null;
  }
}

/** The inputs of a task as one string, to tell whether the cost on screen is still theirs. */
function quoteKey(fee: bigint, md: Mode, who: Account | undefined): string {
  return JSON.stringify([model()?.id, state.input ? toHex(state.input) : null, md, fee.toString(), who?.address]);
}

async function updateCost(): Promise<Cost | null> {
  const round = ++costRound;
  const el = $('cost');
  const send = $<HTMLButtonElement>('send');
  send.disabled = true;
  quoted = null;
  el.textContent = '';
  if (!state.conn || !model()) return null;
  if (!state.input) {
    el.textContent = 'Give the model an input to see the cost.';
    return null;
  }
  const choice = readChoice(el);
  if (!choice) return null;
  const { fee, md } = choice;
  const who = account();
  let prices;
  let txFee: bigint | null = null;
  let feeProblem = '';
  try {
    prices = {
      inputDepositPerByte: await api().constants.Inference.InputDepositPerByte(),
      retentionPeriod: await api().constants.Inference.RetentionPeriod(),
      cancellationPerbill: await api().constants.Inference.CancellationCharge(),
      minFeePerNode: await api().constants.Inference.MinFeePerNode(),
    };
    if (who) txFee = await buildTx(fee).getEstimatedFees(who.address).catch((e: Error) => ((feeProblem = e.message), null));
  } catch (e) {
    if (round === costRound) el.textContent = `The chain's prices cannot be read: ${(e as Error).message}`;
    return null;
  }
  if (round !== costRound) return null;
  const cost = taskCost(md, fee, state.input.length, prices, txFee ?? 0n);
  const back =
    cost.backIfUnchecked > 0n ? ` If it is not checked, ${formatDeai(cost.backIfUnchecked)} of the held fees come back at once.` : '';
  const txText = txFee === null ? `a transaction fee (not estimated${feeProblem ? `: ${feeProblem}` : ''})` : `a transaction fee of about ${formatDeai(txFee)}`;
  el.append(
    line(`Held now: ${formatDeai(cost.heldFees)} (${cost.heldNodes} x ${formatDeai(fee)}) and an input deposit of ${formatDeai(cost.deposit)}, plus ${txText}.`),
    line(`Fees of nodes that do not agree come back at settlement; the deposit comes back when the task is pruned, ${prices.retentionPeriod} blocks after it settles.${back}`),
    line(`Worst case: ${formatDeai(cost.worstCase)}${txFee === null ? ' and the transaction fee' : ''} (every held fee paid, and ${formatDeai(cost.evictionCharge)} if the queue is full and it takes a cheaper task's place).`),
  );
  quoted = quoteKey(fee, md, who);
  send.disabled = !who || submitting;
  return cost;
}

const line = (text: string) => Object.assign(document.createElement('p'), { textContent: text });

$('send').addEventListener('click', () => void submit());

async function submit() {
  const who = account();
  const m = model();
  const error = $('submit-error');
  error.textContent = '';
  if (!who || !m || !state.input || submitting) return;
  const choice = readChoice(error);
  if (!choice) return;
  const { fee, md } = choice;
  // Only what the cost on screen is for is signed.
  if (quoted !== quoteKey(fee, md, who)) {
    error.textContent = 'The cost shown is not for these inputs yet: look at it again, then submit.';
    void updateCost();
    return;
  }
  const send = $<HTMLButtonElement>('send');
  const done = () => {
    submitting = false;
    send.textContent = 'Sign and submit';
    void updateCost();
  };
  submitting = true;
  send.disabled = true;
  send.textContent = 'Waiting for the signature…';
  const input = state.input;
  // Mortal (the default): a transaction that did not land in its window is gone, never sent twice.
  buildTx(fee)
    .signSubmitAndWatch(who.signer)
    .subscribe({
      next: (ev) => {
        if (ev.type === 'broadcasted') send.textContent = 'Sent: waiting for a block…';
        if (ev.type !== 'txBestBlocksState' || !ev.found) return;
        done();
        if (!ev.ok) {
          error.textContent = refusal(ev.dispatchError);
          return;
        }
        const created = ev.events.find((e) => e.type === 'Inference' && e.value.type === 'TaskCreated');
        const task = (created?.value.value as { task: bigint } | undefined)?.task;
        if (task !== undefined) follow(task, ev.block.number, input);
        if (state.explore === 'tasks') void explore();
        void refreshBalance();
      },
      error: (e) => {
        done();
        error.textContent = invalid(e);
      },
    });
}

/** A refused call's error: its name and the runtime's own words for it. */
function refusal(dispatchError: { type: string; value: unknown }): string {
  const { pallet, name } = errorName(dispatchError);
  const doc = pallet ? state.conn?.docs.error(pallet, name) : undefined;
  return `The chain refused the task: ${pallet ? `${pallet}.${name}` : name}${doc ? `: ${doc}` : ''}`;
}

/** A transaction the node would not take (it cannot pay the fee...), or a signature refused. */
function invalid(e: unknown): string {
  const err = e as { message?: string; error?: { type?: string; value?: { type?: string } } };
  if (err.error?.type === 'Invalid' && err.error.value?.type === 'Payment') {
    return 'The account cannot pay the transaction fee (Invalid.Payment): fund it first.';
  }
  if (err.error?.type) return `The node refused the transaction: ${err.error.type}${err.error.value?.type ? `.${err.error.value.type}` : ''}`;
  return `Not sent: ${err.message ?? String(e)}`;
}

// --- following a task --------------------------------------------------------------------------

/** An account as the page writes it: its name when it is one of the accounts here (Bob, Charlie…). */
function accountName(address: string): string {
  const known = state.accounts.find((a) => a.address === address);
  return known ? `${known.name} (${short(address)})` : short(address);
}

const words: Words = {
  account: accountName,
  amount: (p) => formatDeai(p),
  failure: (reason) => state.conn?.docs.variant('FailReason', reason) ?? reason,
};

/** A task being followed. */
interface Following {
  task: bigint;
  model: Model | null;
  /** The first block whose events are read. */
  from: number;
  steps: Step[];
  /** Blocks whose events were read. */
  seen: Set<string>;
  /** The input submitted from this page, if it was (its waveform can be shaded). */
  input: Uint8Array | null;
  /** A catch-up is running; `again`: another was asked for meanwhile. */
  busy: boolean;
  again: boolean;
  stop: () => void;
}

/**
 * Follows task `task`: its events from block `from` on (its creation when submitted here). One
 * opened from the list starts from what the runtime API shows of it and reads the events of the
 * blocks the page can still read (a node keeps the state of recent blocks only).
 */
function follow(task: bigint, from: number, input: Uint8Array | null = null) {
  state.following?.stop();
  const f: Following = { task, model: null, from, steps: [], seen: new Set(), input, busy: false, again: false, stop: () => {} };
  state.following = f;
  const sub = state.conn!.client.bestBlocks$.subscribe(() => void catchUp(f));
  f.stop = () => sub.unsubscribe();
  $('task-title').textContent = `task ${task}`;
  $('follow-hint').textContent = 'Live from the chain: each step with its block.';
  $('result').replaceChildren();
  $('timeline').replaceChildren();
  void (async () => {
    const view = await api().apis.InferenceApi.task(task, { at: 'best' });
    if (state.following !== f) return;
    if (!view) {
      f.stop();
      $('follow-hint').textContent = `No task ${task} on this chain (or it was pruned).`;
      return;
    }
    f.model = state.models.find((m) => m.id === view.model) ?? null;
    if (from === 0) {
      const finalized = await state.conn!.client.getFinalizedBlock();
      f.from = Math.max(view.created_at, finalized.number);
      if (f.from > view.created_at) {
        const committed = view.assignments.filter((a) => a.committed).length;
        const revealed = view.assignments.filter((a) => a.revealed).length;
        f.steps = addStep(f.steps, {
          kind: 'created',
          block: view.created_at,
          seen: Date.now(),
          text: `created at block ${view.created_at} (earlier steps summed up): ${view.assignments.length} node(s) drawn, ${committed} committed, ${revealed} revealed; now ${view.phase.type}`,
        });
      }
    }
    if (view.result) showResult(f, view.result);
    await catchUp(f);
  })().catch((e) => state.following === f && ($('follow-hint').textContent = String((e as Error).message)));
}

/** Reads, one catch-up at a time, the events of the best chain's blocks from `f.from` on not read yet. */
async function catchUp(f: Following) {
  if (f.busy) {
    f.again = true;
    return;
  }
  f.busy = true;
  try {
    do {
      f.again = false;
      await readNewBlocks(f);
    } while (f.again && state.following === f);
  } catch {
    // A block that cannot be read now (a reorg, a reconnection): the next block tries again.
  } finally {
    f.busy = false;
  }
  if (state.following === f) renderTimeline(f.steps);
}

async function readNewBlocks(f: Following) {
  const conn = state.conn!;
  const best = await conn.client.getBestBlocks();
  const top = best[0];
  // The best chain from `top` down to the first block read, by parent links.
  const chain: { hash: string; number: number }[] = [];
  let cursor: string | undefined = top.hash;
  let number = top.number;
  while (cursor && number >= f.from && !f.seen.has(cursor)) {
    chain.push({ hash: cursor, number });
    const known = best.find((b) => b.hash === cursor);
    cursor = known ? known.parent : await parentOf(conn.client, cursor);
    number -= 1;
  }
  for (const block of chain.reverse()) {
    const records = await conn.api.query.System.Events.getValue({ at: block.hash });
    if (state.following !== f) return;
    f.seen.add(block.hash);
    const when = Date.now();
    for (const r of records) {
      if (r.event.type !== 'Inference') continue;
      const event = r.event.value as unknown as InferenceEvent;
      const step = stepOf(f.task, event, block.number, when, words);
      if (!step) continue;
      f.steps = addStep(f.steps, step);
      if (event.type === 'TaskCompleted' || event.type === 'TaskFailed') void explore();
      if (event.type === 'TaskCompleted') showResult(f, event.value.result as Uint8Array);
      if (event.type === 'TaskFailed') $('result').replaceChildren(resultBox('failed', words.failure(String((event.value.reason as { type: string }).type))));
    }
  }
}

async function parentOf(client: PolkadotClient, hash: string): Promise<string | undefined> {
  const header = await client._request<{ parentHash: string } | null>('chain_getHeader', [hash]);
  return header?.parentHash;
}

function renderTimeline(steps: Step[]) {
  $('timeline').replaceChildren(
    ...steps.map((s) => {
      const li = document.createElement('li');
      li.dataset.kind = s.kind;
      li.innerHTML = '';
      li.append(
        Object.assign(document.createElement('span'), { className: 'block', textContent: `#${s.block}` }),
        Object.assign(document.createElement('span'), { className: 'time', textContent: new Date(s.seen).toLocaleTimeString() }),
        Object.assign(document.createElement('span'), { textContent: s.text }),
      );
      return li;
    }),
  );
}

function showResult(f: Following, result: Uint8Array) {
  if (state.following !== f) return;
  const m = f.model;
  const reading: Reading = m ? readResult(m.spec.output, result) : { kind: 'bytes', hex: toHex(result) };
  let text: string;
  switch (reading.kind) {
    case 'label':
      text = m?.widget === 'digits' ? `The digit is ${reading.label}` : `Label ${reading.label}`;
      break;
    case 'labels':
      text = `Most likely labels: ${reading.labels.join(', ')}`;
      break;
    case 'values':
      text = `Values: ${reading.values.join(', ')}`;
      break;
    case 'bits': {
      const on = reading.bits.filter(Boolean).length;
      text = `Speech in ${on} of ${reading.bits.length} chunks`;
      // The waveform on screen is this task's input only when it was submitted from here.
      if (state.samples && f.input && state.input && sameBytes(f.input, state.input)) drawWave(state.samples, reading.bits);
      break;
    }
    case 'error':
      text = 'The model could not take this input: the nodes agreed on the error result';
      break;
    case 'bytes':
      text = `Result ${reading.hex}`;
  }
  $('result').replaceChildren(resultBox('verified', text));
}

function resultBox(kind: 'verified' | 'failed', text: string) {
  const div = document.createElement('div');
  div.className = kind;
  div.dataset.result = kind;
  div.textContent = kind === 'verified' ? `Verified: ${text}` : `Failed: ${text}`;
  return div;
}

// --- exploring ---------------------------------------------------------------------------------

for (const b of document.querySelectorAll<HTMLButtonElement>('.tabs button')) {
  b.addEventListener('click', () => {
    state.explore = b.dataset.tab as typeof state.explore;
    for (const o of document.querySelectorAll('.tabs button')) o.classList.toggle('active', o === b);
    void explore();
  });
}

let lastExplored = 0;
function watchChain(client: PolkadotClient) {
  client.finalizedBlock$.subscribe((b) => {
    if (b.number - lastExplored >= 2 || lastExplored === 0) {
      lastExplored = b.number;
      void explore();
      void refreshBalance();
    }
  });
}

async function explore() {
  if (!state.conn) return;
  const tab = state.explore;
  const table = $<HTMLTableElement>('explore');
  const row = (cells: (string | Node)[], head = false) => {
    const tr = document.createElement('tr');
    for (const c of cells) {
      const td = document.createElement(head ? 'th' : 'td');
      td.append(c);
      tr.append(td);
    }
    return tr;
  };
  if (state.explore === 'models') {
    table.replaceChildren(
      row(['model', 'id', 'input', 'result'], true),
      ...state.models.map((m) => row([m.name, short(m.id), `${m.spec.inputType.toLowerCase()}[${m.spec.inputShape.join(' x ')}]`, describeOutput(m.spec)])),
    );
  } else if (state.explore === 'nodes') {
    const [nodes, tasks] = await Promise.all([
      api().query.Inference.Nodes.getEntries({ at: 'best' }),
      api().query.Inference.Tasks.getEntries({ at: 'best' }),
    ]);
    if (state.explore !== tab) return;
    tasks.sort((a, b) => Number(b.keyArgs[0] - a.keyArgs[0]));
    /** The node's last three tasks still kept, with how its result fared. */
    const recent = (who: string) =>
      tasks
        .flatMap(({ keyArgs: [id], value }) => {
          const mine = value.assignments.find((a) => a.node === who);
          if (!mine) return [];
          const verified = value.result;
          const fared = !mine.commitment
            ? value.phase.type === 'Commit' || value.phase.type === 'Queued' ? 'computing' : 'no commit'
            : !verified
              ? value.phase.type.toLowerCase()
              : mine.result && sameBytes(mine.result, verified) ? 'agreed' : 'deviated';
          return [`#${id} ${fared}`];
        })
        .slice(0, 3)
        .join(', ');
    table.replaceChildren(
      row(['node', 'stake', 'reputation', 'status', 'capacity', 'models', 'recent results'], true),
      ...nodes.map(({ keyArgs: [who], value }) =>
        row([
          accountName(who),
          formatDeai(value.stake),
          String(value.reputation),
          value.status.type + (value.leaving ? ' (leaving)' : ''),
          String(value.capacity),
          value.models.map((m) => state.models.find((x) => x.id === m.model)?.name ?? short(m.model)).join(', '),
          recent(who),
        ]),
      ),
    );
  } else {
    const tasks = await api().query.Inference.Tasks.getEntries({ at: 'best' });
    if (state.explore !== tab) return;
    tasks.sort((a, b) => Number(b.keyArgs[0] - a.keyArgs[0]));
    table.replaceChildren(
      row(['task', 'model', 'creator', 'fee per node', 'phase', 'created'], true),
      ...tasks.slice(0, 25).map(({ keyArgs: [id], value }) => {
        const open = Object.assign(document.createElement('a'), { href: `?task=${id}`, textContent: String(id) });
        open.addEventListener('click', (e) => {
          e.preventDefault();
          follow(id, 0);
        });
        const phase = value.phase.type === 'Failed' ? `Failed (${(value.phase.value as { type: string }).type})` : value.phase.type;
        return row([open, state.models.find((m) => m.id === value.model)?.name ?? short(value.model), accountName(value.creator), formatDeai(value.fee_per_node), phase, `#${value.created_at}`]);
      }),
    );
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function short(text: string): string {
  return text.length > 14 ? `${text.slice(0, 6)}…${text.slice(-4)}` : text;
}

void start();
