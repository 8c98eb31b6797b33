// The page (web/) in a real browser (Debian's Chromium driven by playwright-core) against a real
// dev node and three real workers: a person picks Alice, draws a digit, sees the cost, submits,
// and watches the task to its verified label, each step in order; a fee below the chain's
// minimum shows the pallet's named error; a node out of reach is said to be so. A screenshot of
// the verified task is saved as an artifact.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { serve } from '../serve-web.mjs';
import { connect, devKeyring } from './lib/chain.mjs';
import { untilBlock } from './lib/inference.mjs';
import { freePort, startNode } from './lib/node.mjs';
import { ROOT, setting } from './lib/settings.mjs';
import { startWorker } from './lib/worker.mjs';

const DEVS = ['bob', 'charlie', 'dave'];
// Vite 8 builds the page with Node.js 20.19+ or 22.12+ only (scripts/setup.sh says so and skips it).
const [major, minor] = process.versions.node.split('.').map(Number);
const builds = (major === 20 && minor >= 19) || (major === 22 && minor >= 12) || major >= 23;
const skip = builds ? false : `Node.js ${process.versions.node} cannot build the page`;
/** Where screenshots go: $DEAI_ARTIFACTS, else a folder in the temporary directory. */
const ARTIFACTS = process.env.DEAI_ARTIFACTS ?? path.join(os.tmpdir(), 'deai-artifacts');

let node, api, site, browser, page;
/** Exceptions the page threw: none is expected. */
const pageErrors = [];
const workers = {};

before(async () => {
  if (skip) return;
  node = await startNode({ name: 'web' });
  api = await connect(node.wsUrl);
  const keyring = await devKeyring();
  for (const dev of DEVS) {
    workers[dev] = await startWorker({ dev, wsUrl: node.wsUrl, stateDir: fs.mkdtempSync(path.join(os.tmpdir(), `deai-web-${dev}-`)) });
  }
  for (const dev of DEVS) {
    const who = keyring.addFromUri(`//${dev[0].toUpperCase()}${dev.slice(1)}`).address;
    await untilBlock(api, async () => (await api.call.inferenceApi.node(who)).isSome, { what: `${dev} to join`, timeoutMs: 120_000 });
  }
  site = await serve(path.join(ROOT, 'web/dist'));
  browser = await chromium.launch({ executablePath: setting('DEAI_CHROMIUM'), args: ['--no-sandbox'] });
  page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

after(async () => {
  assert.deepEqual(pageErrors, [], 'the page threw no exception');
  await browser?.close();
  await site?.close();
  const codes = [];
  for (const w of Object.values(workers)) codes.push([w, await w.stop()]);
  await api?.disconnect();
  await node?.stop();
  for (const [w, code] of codes) assert.equal(code, 0, `${w.dev} stops cleanly (log ${w.logFile})`);
});

/** Opens the page on the test's node, as Alice, with the digits model chosen. */
async function openAsAlice() {
  await page.goto(`${site.url}?rpc=${encodeURIComponent(node.wsUrl)}`);
  await page.locator('#status.ok').waitFor({ timeout: 30_000 });
  const alice = await page.locator('#account option', { hasText: 'Alice' }).getAttribute('value');
  await page.selectOption('#account', alice);
  const digits = await page.locator('#model option', { hasText: 'digits' }).getAttribute('value');
  await page.selectOption('#model', digits);
  await page.locator('#input-digits').waitFor({ timeout: 10_000 });
}

/** Draws a 7 on the pad with the mouse, as a person would. */
async function drawSeven() {
  const box = await page.locator('#pad').boundingBox();
  const at = (x, y) => [box.x + (x * box.width) / 256, box.y + (y * box.height) / 256];
  await page.mouse.move(...at(50, 50));
  await page.mouse.down();
  for (const [x, y] of [[120, 50], [200, 50], [160, 130], [120, 210]]) await page.mouse.move(...at(x, y), { steps: 12 });
  await page.mouse.up();
}

test('a person submits a drawn digit and watches it verified, step by step', { timeout: 240_000, skip }, async () => {
  await openAsAlice();
  await drawSeven();
  await page.fill('#fee', '0.02');
  // The cost is shown before signing: three fees of 0.02 held, and the input's deposit.
  await page.locator('#cost', { hasText: 'Held now: 0.06 DEAI (3 x 0.02 DEAI)' }).waitFor({ timeout: 20_000 });
  assert.match(await page.textContent('#cost'), /input deposit of .* DEAI, plus a transaction fee of about .* DEAI/);
  await page.locator('#send:not([disabled])').waitFor();
  await page.click('#send');

  const verified = page.locator('[data-result=verified]');
  await verified.waitFor({ timeout: 180_000 });
  const shown = Number(/The digit is (\d)/.exec(await verified.textContent())[1]);
  const task = BigInt(/task (\d+)/.exec(await page.textContent('#task-title'))[1]);

  // What the page shows is what the chain verified.
  const view = (await api.call.inferenceApi.task(task)).unwrap();
  assert.ok(view.phase.isCompleted, 'the chain shows the task completed');
  assert.equal(Buffer.from(view.result.unwrap()).readUInt32LE(0), shown);

  // Each step in order, every node's commit before the reveals, the payments after the result.
  await page.locator('#timeline li[data-kind=rewarded]').first().waitFor({ timeout: 30_000 });
  const steps = await page.$$eval('#timeline li', (lis) => lis.map((li) => ({ kind: li.dataset.kind, block: Number(li.querySelector('.block').textContent.slice(1)) })));
  const kinds = steps.map((s) => s.kind);
  const first = (k) => kinds.indexOf(k);
  const last = (k) => kinds.lastIndexOf(k);
  for (const k of ['created', 'assigned', 'committed', 'reveal', 'revealed', 'completed', 'rewarded']) assert.ok(first(k) >= 0, `a ${k} step in ${kinds}`);
  assert.equal(kinds.filter((k) => k === 'committed').length, 3);
  assert.equal(kinds.filter((k) => k === 'revealed').length, 3);
  assert.ok(first('created') < first('assigned') && first('assigned') < first('committed'));
  assert.ok(last('committed') < first('reveal') && first('reveal') < first('revealed'));
  assert.ok(last('revealed') < first('completed') && first('completed') < first('rewarded'));
  for (let i = 1; i < steps.length; i++) assert.ok(steps[i - 1].block <= steps[i].block, 'blocks never go back');

  // Explore: each compute node with its stake, reputation and how its result of this task fared.
  await page.click('.tabs button[data-tab=nodes]');
  const rows = page.locator('#explore tr', { hasText: `#${task} agreed` });
  await rows.nth(2).waitFor({ timeout: 20_000 });
  assert.equal(await rows.count(), 3, 'the three workers agreed');
  for (const name of ['Bob', 'Charlie', 'Dave']) assert.match(await page.textContent('#explore'), new RegExp(`${name} \\(`));
  await page.click('.tabs button[data-tab=tasks]');

  // Opened again from the list of recent tasks: the same verified label, from the chain's view.
  await page.locator('#explore a', { hasText: String(task) }).first().click();
  await page.locator('[data-result=verified]', { hasText: `The digit is ${shown}` }).waitFor({ timeout: 20_000 });
  await page.locator('#timeline li').first().waitFor({ timeout: 20_000 });

  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const shot = path.join(ARTIFACTS, 'web-verified-task.png');
  await page.screenshot({ path: shot, fullPage: true });
  console.log(`screenshot of the verified task: ${shot}`);
});

test("a fee below the chain's minimum is refused with the pallet's named error, in words", { timeout: 60_000, skip }, async () => {
  await openAsAlice();
  await drawSeven();
  await page.fill('#fee', '0.000000000001');
  await page.locator('#send:not([disabled])').waitFor({ timeout: 20_000 });
  await page.click('#send');
  const error = page.locator('#submit-error', { hasText: 'Inference.FeeTooLow' });
  await error.waitFor({ timeout: 40_000 });
  assert.match(await error.textContent(), /Inference\.FeeTooLow: The fee per node is below `MinFeePerNode`\./);
});

test('a node out of reach is said to be so', { timeout: 30_000, skip }, async () => {
  const port = await freePort();
  await page.goto(`${site.url}?rpc=${encodeURIComponent(`ws://127.0.0.1:${port}`)}`);
  await page.locator('#status', { hasText: 'does not answer' }).waitFor({ timeout: 20_000 });
});
