// The node on its own: a --dev chain produces and finalizes blocks, serves metrics, and stops cleanly.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { heights, startNode, waitFor } from './lib/node.mjs';

test('deai-node --dev produces and finalizes blocks, exports metrics, and stops cleanly', async () => {
  const node = await startNode({ name: 'dev' });
  try {
    const h = await waitFor(async () => {
      const h = await heights(node.httpUrl);
      return h.finalized >= 3 ? h : null;
    }, { what: 'three finalized blocks', timeoutMs: 90_000 });
    assert.ok(h.best >= 3, `best block ${h.best}`);
    assert.ok(h.finalized >= 3, `finalized block ${h.finalized}`);

    const metrics = await (await fetch(node.prometheusUrl)).text();
    const best = metrics.match(/^substrate_block_height\{status="best"[^}]*\} (\d+)/m);
    assert.ok(best && Number(best[1]) >= 3, 'Prometheus reports the best block height');
  } finally {
    const code = await node.stop();
    assert.equal(code, 0, `clean exit (log: ${node.logFile})`);
  }
});
