// The deai protocol from JavaScript: commitments and task helpers.
import { u8aToHex } from '@polkadot/util';
import { blake2AsU8a, decodeAddress } from '@polkadot/util-crypto';
import { sleep } from './node.mjs';

/** The account-bound commitment of PROTOCOL.md, computed independently of the Rust helper. */
export function commitment(api, taskId, account, result, salt) {
  const preimage = api
    .createType('(Text, u64, AccountId32, [u8; 32], [u8; 32])', [
      'deai/commit/v1',
      taskId,
      decodeAddress(account),
      blake2AsU8a(result, 256),
      salt,
    ])
    .toU8a();
  return u8aToHex(blake2AsU8a(preimage, 256));
}

/** Waits until `check()` returns a truthy value, checking at every new block. */
export async function untilBlock(api, check, { timeoutMs = 90_000, what = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check();
    if (value) return value;
    await sleep(1000);
  }
  throw new Error(`timed out waiting for ${what}`);
}
