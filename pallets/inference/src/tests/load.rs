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

#[test]
fn a_thousand_tasks_in_one_block_settle_or_fail_within_their_deadlines() {
	MaxQueueLen::set(1_000);
	MaxQueuedPerModel::set(1_000);
	MaxPoolBuckets::set(13);
	ExtBuilder::default().build_and_execute(|| {
		for who in 10..60 {
			assert_ok!(Inference::join(signed(who), MIN_STAKE, vec![DIGITS], 4));
			proven(who);
		}
		let created = System::block_number();
		let ids: Vec<TaskId> = (0..1_000u64).map(|i| create(1 + i % 9, DIGITS, MIN_FEE + i % 50, None)).collect();
		let last_deadline = created + QUEUE_TIMEOUT + COMMIT_PERIOD + REVEAL_PERIOD;
		let mut completed_by = 0u64;
		while System::block_number() < last_deadline {
			let used = next_block();
			assert!(used.all_lte(HookWeight::get()), "hooks used {used:?}");
			check_invariants();
			// Capacity bounds each node's computations in progress.
			for (_, node) in Nodes::<Test>::iter() {
				assert!(node.computing <= node.effective_capacity(), "capacity is respected");
			}
			nodes_work();
			if ids.iter().all(|id| !state(*id).is_some_and(|p| p.is_open())) {
				completed_by = System::block_number();
				break
			}
		}
		assert!(completed_by > 0, "tasks still open at the last deadline");
		let done = inference_events().iter().filter(|e| matches!(e, Event::TaskCompleted { .. })).count();
		let timed_out = inference_events()
			.iter()
			.filter(|e| matches!(e, Event::TaskFailed { reason: FailReason::QueueTimeout, .. }))
			.count();
		assert_eq!(done + timed_out, 1_000, "every task completed or timed out in the queue");
		assert!(done >= 600, "only {done} completed");
		// Every node was freed.
		assert_eq!(NodeTasks::<Test>::iter().count(), 0);
	});
	MaxQueueLen::set(MAX_QUEUE);
	MaxQueuedPerModel::set(QUEUED_PER_MODEL);
	MaxPoolBuckets::set(MAX_BUCKETS);
}
