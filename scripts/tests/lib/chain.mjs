// @polkadot/api helpers: connecting, signing and naming errors.
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

/**
 * The runtime's own transaction extensions, which carry no data (polkadot-js would otherwise warn
 * that it does not know them): pallet-inference's `CheckNodeCall`.
 */
export const SIGNED_EXTENSIONS = { CheckNodeCall: { extrinsic: {}, payload: {} } };

/** Connects to a node. */
export async function connect(wsUrl) {
  await cryptoWaitReady();
  return ApiPromise.create({ provider: new WsProvider(wsUrl), noInitWarn: true, throwOnConnect: true, signedExtensions: SIGNED_EXTENSIONS });
}

/** The well-known development keys (sr25519, SS58 prefix 42). */
export async function devKeyring() {
  await cryptoWaitReady();
  return new Keyring({ type: 'sr25519', ss58Format: 42 });
}

/** A dispatch error's name: `pallet.Error` for module errors, `token.X` / `arithmetic.X` otherwise. */
export function errorName(api, dispatchError) {
  if (dispatchError.isModule) {
    const meta = api.registry.findMetaError(dispatchError.asModule);
    return `${meta.section}.${meta.name}`;
  }
  if (dispatchError.isToken) return `token.${dispatchError.asToken.type}`;
  if (dispatchError.isArithmetic) return `arithmetic.${dispatchError.asArithmetic.type}`;
  return dispatchError.type;
}

/**
 * Signs and submits `tx`, waits until it is in a block, and returns
 * { blockHash, events, error } where `error` names a failed dispatch (or is null).
 */
export async function submit(api, tx, signer) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await submitOnce(api, tx, signer);
    } catch (e) {
      // The best chain moved under the nonce we read (a block of a short BABE fork, with two
      // primary slot leaders, lost): sign again with a fresh nonce, as any wallet would. The same
      // fork can lose the transfer that funded the signer a moment ago ("Inability to pay some
      // fees", seen in CI-like runs): sent again once the best chain has it.
      if (attempt >= 3 || !/outdated|stale|Inability to pay/i.test(e.message)) throw e;
      await new Promise((r) => setTimeout(r, 2_500));
    }
  }
}

function submitOnce(api, tx, signer) {
  return new Promise((resolve, reject) => {
    let unsub = null;
    let done = false;
    // Immortal (`era: 0`): a mortal transaction counts from a block, and polkadot-js takes the
    // best block's parent while finality lags (a network's first blocks); a short BABE fork that
    // drops that block makes the transaction invalid (seen in a run of the validators test).
    tx.signAndSend(signer, { nonce: -1, era: 0 }, ({ status, events, dispatchError }) => {
      if (done) return;
      if (status.isInBlock) {
        done = true;
        if (unsub) unsub();
        resolve({
          blockHash: status.asInBlock.toHex(),
          events,
          error: dispatchError ? errorName(api, dispatchError) : null,
        });
      } else if (status.isInvalid || status.isDropped || status.isUsurped) {
        done = true;
        if (unsub) unsub();
        reject(new Error(`transaction ${status.type}`));
      }
    })
      .then((u) => {
        unsub = u;
        if (done) u();
      })
      .catch(reject);
  });
}

/** The events of `pallet.Name` among `events`. */
export function eventsOf(api, events, section, method) {
  return events.filter(({ event }) => api.events[section][method].is(event)).map(({ event }) => event);
}

/** Free balance of `address` (a bigint). */
export async function freeBalance(api, address) {
  const { data } = await api.query.system.account(address);
  return data.free.toBigInt();
}

/** The fee `who` paid in `events` (TransactionFeePaid), as a bigint. */
export function feePaid(api, events, who) {
  const paid = eventsOf(api, events, 'transactionPayment', 'TransactionFeePaid').find(
    (e) => e.data.who.toString() === who,
  );
  return paid ? paid.data.actualFee.toBigInt() : 0n;
}

/** The author of `header`: its BABE pre-digest's authority index among the session's validators. */
export async function blockAuthor(api, header) {
  const log = header.digest.logs.find((l) => l.isPreRuntime && l.asPreRuntime[0].toString() === 'BABE');
  if (!log) return null;
  const pre = api.registry.createType('RawBabePreDigest', log.asPreRuntime[1]);
  const index = (pre.isPrimary ? pre.asPrimary : pre.isSecondaryVRF ? pre.asSecondaryVRF : pre.asSecondaryPlain).authorityIndex.toNumber();
  const validators = await (await api.at(header.hash)).query.session.validators();
  return validators[index]?.toString() ?? null;
}

/** What the author of a block gets of the transaction fees paid in it (`events`): a fifth of each fee, and the tips. */
export function authorFeeShare(api, events) {
  return eventsOf(api, events, 'transactionPayment', 'TransactionFeePaid').reduce(
    (sum, e) => sum + (e.data.actualFee.toBigInt() * 20n) / 100n + e.data.tip.toBigInt(),
    0n,
  );
}

/** What is held from `who` for the inference pallet's `reason` ('TaskFee', 'InputDeposit', ...), at `api`'s block. */
export async function inferenceHold(api, who, reason) {
  const holds = await api.query.balances.holds(who);
  return holds
    .filter((h) => h.id.isInference && h.id.asInference.type === reason)
    .reduce((sum, h) => sum + h.amount.toBigInt(), 0n);
}

/** The input deposit a task with an input of `bytes` bytes holds until it is pruned. */
export function inputDeposit(api, bytes) {
  return api.consts.inference.inputDepositPerByte.toBigInt() * BigInt(bytes);
}
