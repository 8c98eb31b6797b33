// A task's life from the chain's events, step by step: what the page shows under "Follow".

/** An inference pallet event as the page reads it: its name and fields (accounts as SS58 text). */
export interface InferenceEvent {
  type: string;
  value: Record<string, unknown>;
}

/** One step of a task's life. */
export interface Step {
  /** What happened: `created`, `assigned`, `sampled`, `committed`, `reveal`, `revealed`,
   * `completed`, `failed`, `rewarded`, `slashed`, `refunded`, `charged`. */
  kind: string;
  /** The block it happened in. */
  block: number;
  /** When the page saw that block. */
  seen: number;
  /** In words. */
  text: string;
  /** The account it is about, if any. */
  who?: string;
}

/** The order a task's steps come in; a step never goes before one of a lower rank. */
export const RANK: Record<string, number> = {
  created: 0,
  assigned: 1,
  sampled: 2,
  committed: 3,
  reveal: 4,
  revealed: 5,
  completed: 6,
  failed: 6,
  rewarded: 7,
  slashed: 7,
  refunded: 7,
  charged: 7,
};

/** The step an event of task `task` makes, or null when the event is not about it. */
export function stepOf(task: bigint, event: InferenceEvent, block: number, seen: number, words: Words): Step | null {
  const v = event.value;
  if (v.task !== task) return null;
  const at = (kind: string, text: string, who?: string): Step => ({ kind, block, seen, text, who });
  switch (event.type) {
    case 'TaskCreated':
      return at('created', `created: ${v.redundancy} node(s) at ${words.amount(v.fee_per_node as bigint)} each`);
    case 'TaskAssigned':
      return at('assigned', `drawn: ${(v.nodes as string[]).map(words.account).join(', ')}; commits until block ${v.commit_deadline}`);
    case 'SampleDecided':
      return at('sampled', v.checked ? 'chosen for a check: two more nodes compute it' : 'not checked: the node reveals alone');
    case 'Committed':
      return at('committed', `${words.account(v.node as string)} committed to a result`, v.node as string);
    case 'RevealStarted':
      return at('reveal', `every node committed: reveals until block ${v.reveal_deadline}`);
    case 'Revealed':
      return at('revealed', `${words.account(v.node as string)} revealed its result`, v.node as string);
    case 'TaskCompleted':
      return at('completed', 'verified: a quorum of nodes agreed on the result');
    case 'TaskFailed':
      return at('failed', `failed: ${words.failure(String((v.reason as { type: string }).type))}`);
    case 'NodeRewarded':
      return at('rewarded', `${words.account(v.node as string)} paid ${words.amount(v.amount as bigint)}`, v.node as string);
    case 'NodeSlashed':
      return at('slashed', `${words.account(v.node as string)} slashed ${words.amount(v.amount as bigint)} for a deviating or withheld result`, v.node as string);
    case 'FeeRefunded':
      return at('refunded', `${words.amount(v.amount as bigint)} of unused fee back to the creator`);
    case 'CancellationCharged':
    case 'TimeoutCharged':
    case 'EvictionCharged':
      return at('charged', `charged ${words.amount(v.amount as bigint)} (${event.type.replace('Charged', '').toLowerCase()})`);
  }
  return null;
}

/** How the page writes accounts, amounts and failure reasons. */
export interface Words {
  account(address: string): string;
  amount(plancks: bigint): string;
  failure(reason: string): string;
}

/** `steps` with `step` added in its place (by block, then rank), once. */
export function addStep(steps: Step[], step: Step): Step[] {
  if (steps.some((s) => s.kind === step.kind && s.block === step.block && s.who === step.who && s.text === step.text)) return steps;
  return [...steps, step].sort((a, b) => a.block - b.block || RANK[a.kind] - RANK[b.kind]);
}
