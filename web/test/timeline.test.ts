import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Docs, errorName } from '../src/logic/docs';
import { type Words, addStep, stepOf } from '../src/logic/timeline';

const words: Words = { account: (a) => a, amount: (p) => `${p}p`, failure: (r) => `because ${r}` };

describe('timeline', () => {
  it("keeps only the task's events, in the order of the protocol within a block", () => {
    const ev = (type: string, value: Record<string, unknown>) => ({ type, value });
    let steps = [
      stepOf(5n, ev('RevealStarted', { task: 5n, reveal_deadline: 30 }), 21, 0, words),
      stepOf(5n, ev('Committed', { task: 5n, node: 'dave' }), 21, 0, words),
      stepOf(5n, ev('TaskCreated', { task: 5n, redundancy: 3, fee_per_node: 7n }), 10, 0, words),
      stepOf(6n, ev('TaskCreated', { task: 6n, redundancy: 3, fee_per_node: 7n }), 10, 0, words),
      stepOf(5n, ev('TaskAssigned', { task: 5n, nodes: ['charlie', 'dave'], commit_deadline: 21 }), 11, 0, words),
      stepOf(5n, ev('TaskFailed', { task: 5n, reason: { type: 'NoQuorum' } }), 31, 0, words),
      stepOf(5n, ev('NodeJoined', { node: 'eve' }), 31, 0, words),
    ].reduce((all, s) => (s ? addStep(all, s) : all), [] as ReturnType<typeof addStep>);
    expect(steps.map((s) => s.kind)).toEqual(['created', 'assigned', 'committed', 'reveal', 'failed']);
    expect(steps[1].text).toBe('drawn: charlie, dave; commits until block 21');
    expect(steps[4].text).toBe('failed: because NoQuorum');
    // The same event seen twice (a block read again) is one step.
    steps = addStep(steps, { ...steps[2] });
    expect(steps.length).toBe(5);
  });
});

describe("the runtime's own words", () => {
  const metadata = new Uint8Array(readFileSync(new URL('../../inference-worker/metadata/deai.scale', import.meta.url)));
  const docs = new Docs(metadata);

  it("names a refused call's error and says what it means, from the metadata", () => {
    const refused = { type: 'Module', value: { type: 'Inference', value: { type: 'FeeTooLow' } } };
    expect(errorName(refused)).toEqual({ pallet: 'Inference', name: 'FeeTooLow' });
    expect(docs.error('Inference', 'FeeTooLow')).toBe('The fee per node is below `MinFeePerNode`.');
    expect(docs.error('Inference', 'NoSuchError')).toBeUndefined();
    expect(errorName({ type: 'Token', value: { type: 'FundsUnavailable' } })).toEqual({ name: 'Token.FundsUnavailable' });
    expect(docs.variant('FailReason', 'NoQuorum')).toMatch(/quorum/i);
  });
});
