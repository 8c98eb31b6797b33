//! A load test in the mock: a thousand tasks created in one block, fifty nodes working honestly.

use super::*;
use frame_support::weights::Weight;

/// Runs the next block's hooks; returns their weight.
fn next_block() -> Weight {
	let next = System::block_number() + 1;
	System::set_block_number(next);
	System::set_parent_hash(parent_hash_of(next));
	on_initialize(next)
}

/// A task's phase, or `None` once pruned.
fn state(id: TaskId) -> Option<Phase> {
	Tasks::<Test>::get(id).map(|t| t.phase)
}

/// Every node does what its tasks need: commit the honest result, or reveal it.
fn nodes_work() {
	for (node, tasks) in NodeTasks::<Test>::iter().collect::<Vec<_>>() {
		for id in tasks {
			let t = task(id);
			let a = t.assignments.iter().find(|a| a.node == node).unwrap();
			match t.phase {
				Phase::Commit if a.commitment.is_none() => commit(id, node, &[(id % 10) as u8]),
				Phase::Reveal if a.result.is_none() => {
					assert_ok!(reveal(id, node, &[(id % 10) as u8]));
				},
				_ => {},
			}
		}
	}
}

/// A thousand tasks offered in bursts: each block, creators submit until the model's queue
/// refuses (it holds what the model's active nodes can serve before the queue timeout); every
/// accepted task settles or times out within its deadlines, the hooks stay within budget, and
/// refusals are the model's queue being full, nothing else.
#[test]
fn a_thousand_tasks_in_bursts_settle_or_fail_within_their_deadlines() {
	MaxQueueLen::set(1_000);
	MaxQueuedPerModel::set(1_000);
	MaxPoolBuckets::set(13);
	ExtBuilder::default().build_and_execute(|| {
		for who in 10..60 {
			assert_ok!(Inference::join(signed(who), MIN_STAKE, vec![DIGITS], 4));
			proven(who);
		}
		let mut ids: Vec<TaskId> = Vec::new();
		let mut offered = 0u64;
		let mut bursts = 0;
		let mut completed_by = 0u64;
		for _ in 0..400 {
			// Creators submit until the model's queue is full.
			let mut in_burst = 0;
			while offered < 1_000 {
				let i = offered;
				let id = NextTaskId::<Test>::get();
				match Inference::create_task(signed(1 + i % 9), DIGITS, input_for(DIGITS), MIN_FEE + i % 50, None) {
					Ok(_) => {
						ids.push(id);
						offered += 1;
						in_burst += 1;
					},
					Err(e) => {
						assert_eq!(e.error, Error::<Test>::ModelQueueFull.into(), "refused only for a full model queue");
						break
					},
				}
			}
			if in_burst > 0 {
				bursts += 1;
			}
			let used = next_block();
			assert!(used.all_lte(HookWeight::get()), "hooks used {used:?}");
			check_invariants();
			// Slots bound each node's computations in progress.
			for (_, node) in Nodes::<Test>::iter() {
				assert!(node.computing <= node.effective_capacity(), "capacity is respected");
			}
			nodes_work();
			if offered == 1_000 && ids.iter().all(|id| !state(*id).is_some_and(|p| p.is_open())) {
				completed_by = System::block_number();
				break
			}
		}
		assert!(completed_by > 0, "tasks still open after 400 blocks");
		assert!(bursts > 1, "the model's queue bound split the thousand tasks into bursts");
		let done = inference_events().iter().filter(|e| matches!(e, Event::TaskCompleted { .. })).count();
		let timed_out = inference_events()
			.iter()
			.filter(|e| matches!(e, Event::TaskFailed { reason: FailReason::QueueTimeout, .. }))
			.count();
		let evicted = inference_events()
			.iter()
			.filter(|e| matches!(e, Event::TaskFailed { reason: FailReason::Evicted, .. }))
			.count();
		assert_eq!(done + timed_out + evicted, 1_000, "every task completed, timed out or was evicted by a better one");
		assert!(timed_out <= 10, "{timed_out} timed out: the queue held more than the nodes could serve");
		// Every node was freed.
		assert_eq!(NodeTasks::<Test>::iter().count(), 0);
	});
	MaxQueueLen::set(MAX_QUEUE);
	MaxQueuedPerModel::set(QUEUED_PER_MODEL);
	MaxPoolBuckets::set(MAX_BUCKETS);
}

/// The cheating node of the full-pool test.
const CHEATER: AccountId = 12;

/// The result `node` reveals for task `id` of `model`: the honest one, or for the cheater a
/// result no honest node reveals.
fn result_for(model: ModelId, id: TaskId, node: AccountId) -> Vec<u8> {
	let cheat = node == CHEATER;
	if model == VAD {
		let value = (id as i32) * 100 + if cheat { 1_000 } else { 0 };
		value.to_le_bytes().to_vec()
	} else {
		vec![((id + cheat as u64) % 10) as u8]
	}
}

/// Every pool full (two models, each pool at its capacity, a richer node displacing the least
/// staked member of both), tasks of both kinds (fully replicated and sampled) created in bursts
/// until the queues refuse, a cheating and a silent node among the workers: each block's hooks
/// stay within `MaxHookWeight` with the generated weights (the mock's `WeightInfo` is `()`, the
/// generated numbers), the invariants hold after every block, and every task ends.
#[test]
fn full_pools_keep_every_blocks_hooks_within_budget() {
	MaxQueueLen::set(64);
	MaxQueuedPerModel::set(32);
	ExtBuilder::default().build_and_execute(|| {
		let nodes: Vec<AccountId> = (10..10 + POOL_CAPACITY as AccountId).collect();
		for &who in &nodes {
			assert_ok!(Inference::join(signed(who), MIN_STAKE, vec![DIGITS, VAD], 2));
			proven(who);
		}
		// The pools are full: a node with more stake displaces the least staked member of each.
		let rich = 10 + POOL_CAPACITY as AccountId;
		assert_ok!(Inference::join(signed(rich), MIN_STAKE * 4, vec![DIGITS, VAD], 2));
		proven(rich);
		for model in [DIGITS, VAD] {
			assert_eq!(Pools::<Test>::get(model).unwrap().members, POOL_CAPACITY, "the pool is full");
		}
		let displaced = inference_events().iter().filter(|e| matches!(e, Event::NodeDisplaced { .. })).count();
		assert_eq!(displaced, 2, "one member displaced from each full pool");
		let silent: AccountId = 13;

		let mut ids: Vec<TaskId> = Vec::new();
		let mut most_used = Weight::zero();
		for block in 0..200u64 {
			// Creators fill the queues for the first sixty blocks.
			let mut i = 0u64;
			while block < 60 && i < 40 {
				let creator = 1 + (block + i) % 9;
				let model = if i % 2 == 0 { DIGITS } else { VAD };
				let id = NextTaskId::<Test>::get();
				let created = if i % 3 == 0 {
					Inference::create_sampled_task(signed(creator), model, input_for(model), MIN_FEE * 2, 500)
				} else {
					Inference::create_task(signed(creator), model, input_for(model), MIN_FEE + i, None)
				};
				match created {
					Ok(_) => ids.push(id),
					Err(e) => {
						let error = e.error;
						assert!(
							error == Error::<Test>::ModelQueueFull.into() ||
								error == Error::<Test>::QueueFull.into() ||
								error == Error::<Test>::NotEnoughNodes.into() ||
								error == Error::<Test>::CheatingWouldPay.into(),
							"refused for {error:?}"
						);
						break
					},
				}
				i += 1;
			}
			let used = next_block();
			assert!(used.all_lte(HookWeight::get()), "block {}: hooks used {used:?}", System::block_number());
			most_used = most_used.max(used);
			check_invariants();
			// Every node but the silent one does what its tasks need (the cheater cheats).
			for (node, tasks) in NodeTasks::<Test>::iter().collect::<Vec<_>>() {
				if node == silent {
					continue
				}
				for id in tasks {
					let t = task(id);
					let a = t.assignments.iter().find(|a| a.node == node).unwrap();
					let result = result_for(t.model, id, node);
					match t.phase {
						Phase::Commit if a.commitment.is_none() => {
							if Inference::can_commit(&node, id).is_ok() {
								commit(id, node, &result);
							}
						},
						Phase::Reveal if a.result.is_none() => {
							assert_ok!(reveal(id, node, &result));
						},
						_ => {},
					}
				}
			}
			if block >= 60 && ids.iter().all(|id| !Tasks::<Test>::get(id).is_some_and(|t| t.phase.is_open())) {
				break
			}
		}
		assert!(ids.len() >= 60, "only {} tasks were accepted", ids.len());
		assert!(
			ids.iter().all(|id| !Tasks::<Test>::get(id).is_some_and(|t| t.phase.is_open())),
			"every task ended"
		);
		// The hooks did real work near their budget's scale, and the attacks were met.
		assert!(most_used.ref_time() > HookWeight::get().ref_time() / 100, "the hooks were busy: {most_used:?}");
		let slashed = inference_events().iter().filter(|e| matches!(e, Event::NodeSlashed { node: CHEATER, .. })).count();
		assert!(slashed > 0, "the cheater was slashed");
		let completed = inference_events().iter().filter(|e| matches!(e, Event::TaskCompleted { .. })).count();
		assert!(completed * 2 > ids.len(), "most tasks completed: {completed} of {}", ids.len());
	});
	MaxQueueLen::set(MAX_QUEUE);
	MaxQueuedPerModel::set(QUEUED_PER_MODEL);
}
