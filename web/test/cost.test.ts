import { describe, expect, it } from 'vitest';
import { UNIT, formatDeai, parseDeai, taskCost } from '../src/logic/cost';

const prices = { inputDepositPerByte: 10_000_000n, retentionPeriod: 100, cancellationPerbill: 100_000_000, minFeePerNode: 1_000_000_000n };

describe('cost', () => {
  it('holds r fees and the input deposit; the worst case is every fee paid, the transaction fee and an eviction charge', () => {
    const c = taskCost({ kind: 'full', redundancy: 3 }, 20n * 10n ** 9n, 64, prices, 1_000_000n);
    expect(c.heldNodes).toBe(3);
    expect(c.heldFees).toBe(60n * 10n ** 9n);
    expect(c.deposit).toBe(640_000_000n);
    expect(c.upfront).toBe(60n * 10n ** 9n + 640_000_000n + 1_000_000n);
    // The eviction charge: 10 % of the held fees, at least the minimum fee, at most the held fees.
    expect(c.evictionCharge).toBe(6n * 10n ** 9n);
    expect(c.worstCase).toBe(60n * 10n ** 9n + 1_000_000n + 6n * 10n ** 9n);
    expect(taskCost({ kind: 'full', redundancy: 1 }, 2n * 10n ** 9n, 0, prices, 0n).evictionCharge).toBe(10n ** 9n);
    expect(taskCost({ kind: 'full', redundancy: 1 }, 5n * 10n ** 8n, 0, prices, 0n).evictionCharge).toBe(5n * 10n ** 8n);
    expect(c.backIfUnchecked).toBe(0n);
  });

  it('a sampled task holds the price of a check, two fees of which come back when it is not checked', () => {
    const c = taskCost({ kind: 'sampled', permille: 100 }, UNIT, 0, prices, 0n);
    expect(c.heldNodes).toBe(3);
    expect(c.heldFees).toBe(3n * UNIT);
    expect(c.backIfUnchecked).toBe(2n * UNIT);
    expect(() => taskCost({ kind: 'full', redundancy: 1 }, -1n, 0, prices, 0n)).toThrow();
  });

  it('writes and reads DEAI exactly', () => {
    expect(formatDeai(UNIT)).toBe('1 DEAI');
    expect(formatDeai(1_500_000_000_000n)).toBe('1.5 DEAI');
    expect(formatDeai(20n * 10n ** 9n)).toBe('0.02 DEAI');
    expect(formatDeai(999_999_999_999n)).toBe('1 DEAI');
    expect(formatDeai(1n)).toBe('<0.000001 DEAI');
    expect(formatDeai(0n)).toBe('0 DEAI');
    expect(parseDeai('0.02')).toBe(20n * 10n ** 9n);
    expect(parseDeai('12')).toBe(12n * UNIT);
    expect(parseDeai('0.000000000001')).toBe(1n);
    expect(() => parseDeai('0.0000000000001')).toThrow('not an amount of DEAI');
    expect(() => parseDeai('-1')).toThrow();
    expect(() => parseDeai('1e3')).toThrow();
  });
});
