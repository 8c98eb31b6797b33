// What a task costs, before it is signed: what is held, what comes back and when, the worst case.

/** One DEAI in plancks (12 decimals). */
export const UNIT = 10n ** 12n;

/** How a task is verified. */
export type Mode = { kind: 'full'; redundancy: number } | { kind: 'sampled'; permille: number };

/** The chain's prices the cost depends on. */
export interface Prices {
  /** Held per byte of input while the task is kept (returned when it is pruned). */
  inputDepositPerByte: bigint;
  /** Blocks a settled task is kept before it is pruned (and its input deposit returned). */
  retentionPeriod: number;
  /** `CancellationCharge`, in parts per billion of the held fees: also what a task pays when, in
   * a full queue, it drops a cheaper one. */
  cancellationPerbill: number;
  /** `MinFeePerNode`: the least such a charge is. */
  minFeePerNode: bigint;
}

/** The cost of one task, in plancks. */
export interface Cost {
  /** How many nodes' fees are held: r, or 3 for a sampled task (its node and two checkers). */
  heldNodes: number;
  /** Fees held at creation: `heldNodes * fee`. */
  heldFees: bigint;
  /** The input's deposit, held until the task is pruned. */
  deposit: bigint;
  /** Paid if a full queue makes this task drop a cheaper one (the pallet's `charge_for`). */
  evictionCharge: bigint;
  /** The transaction fee (an estimate, paid at once). */
  txFee: bigint;
  /** What leaves the free balance at once: the held fees, the deposit and the transaction fee. */
  upfront: bigint;
  /** The most the task can cost in the end: every held fee paid, the transaction fee, and the
   * eviction charge if a full queue makes it drop a cheaper task. */
  worstCase: bigint;
  /** For a sampled task: what comes back when it is not checked (the two checkers' fees). */
  backIfUnchecked: bigint;
}

/** The cost of a task paying `fee` per node with `inputBytes` of input. */
export function taskCost(mode: Mode, fee: bigint, inputBytes: number, prices: Prices, txFee: bigint): Cost {
  if (fee < 0n) throw new Error('a fee is not negative');
  const heldNodes = mode.kind === 'full' ? mode.redundancy : 3;
  const heldFees = fee * BigInt(heldNodes);
  const deposit = prices.inputDepositPerByte * BigInt(inputBytes);
  const share = (heldFees * BigInt(prices.cancellationPerbill)) / 1_000_000_000n;
  const atLeast = share > prices.minFeePerNode ? share : prices.minFeePerNode;
  const evictionCharge = atLeast < heldFees ? atLeast : heldFees;
  return {
    heldNodes,
    heldFees,
    deposit,
    evictionCharge,
    txFee,
    upfront: heldFees + deposit + txFee,
    worstCase: heldFees + txFee + evictionCharge,
    backIfUnchecked: mode.kind === 'sampled' ? heldFees - fee : 0n,
  };
}

/**
 * `plancks` in DEAI, with up to `digits` decimals and no trailing zeros (`1.5 DEAI`). Exact: no
 * floating point.
 */
export function formatDeai(plancks: bigint, digits = 6): string {
  const negative = plancks < 0n;
  const abs = negative ? -plancks : plancks;
  const whole = abs / UNIT;
  const scale = 10n ** BigInt(12 - digits);
  const frac = ((abs % UNIT) + scale / 2n) / scale;
  const carry = frac === 10n ** BigInt(digits) ? 1n : 0n;
  const fracText = (carry ? 0n : frac).toString().padStart(digits, '0').replace(/0+$/, '');
  if (abs !== 0n && whole + carry === 0n && fracText === '') return `${negative ? '-' : ''}<0.${'0'.repeat(digits - 1)}1 DEAI`;
  return `${negative ? '-' : ''}${whole + carry}${fracText ? '.' + fracText : ''} DEAI`;
}

/** A DEAI amount typed by a person (`0.02`, `1.5`) in plancks; an error in words when it is not one. */
export function parseDeai(text: string): bigint {
  const m = /^\s*(\d+)(?:\.(\d{0,12}))?\s*$/.exec(text);
  if (!m) throw new Error(`"${text}" is not an amount of DEAI (up to 12 decimals, e.g. 0.02)`);
  return BigInt(m[1]) * UNIT + BigInt((m[2] ?? '').padEnd(12, '0'));
}
