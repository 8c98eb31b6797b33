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
