//! Deadlines: the logs, pruning, stale entries, the weight budget and its backlog.

use super::*;
use frame_support::weights::Weight;

/// `n` tasks created and cancelled in this block by creators 1..=9 in turn.
fn cancelled(n: u64) -> Vec<TaskId> {
	(0..n)
		.map(|i| {
			let who = 1 + i % 9;
			let id = create(who, DIGITS, MIN_FEE, None);
			assert_ok!(Inference::cancel_task(signed(who), id));
			id
		})
		.collect()
}

#[test]
fn finished_tasks_stay_readable_for_the_retention_period_then_are_pruned() {
	ExtBuilder::default().build_and_execute(|| {
		for who in [10, 11, 12] {
			join(who, &[DIGITS]);
		}
		let id = create(1, DIGITS, MIN_FEE, None);
		assign(id);
		serve(id, &[9]);
		let finished = System::block_number();
		assert_eq!(task(id).deadline, finished + RETENTION);
		advance(RETENTION - 1);
		assert_eq!(Inference::task_view(id).unwrap().result, Some(vec![9]));
		advance(1);
		assert!(!Tasks::<Test>::contains_key(id));
		assert!(!Inputs::<Test>::contains_key(id), "the input goes with the task");
		assert!(emitted(Event::TaskPruned { task: id }));
		// The commit and reveal windows ended early: their entries were stale and are gone too.
		assert_eq!(DeadlinePages::<Test>::iter().count(), 0);
	});
}

#[test]
fn scheduling_never_runs_out_of_room() {
	ExtBuilder::default().build_and_execute(|| {
		for who in [10, 11, 12] {
			join(who, &[DIGITS]);
		}
		// More tasks end in one block than a log page holds: their pruning spills into new
		// pages of the log, never into another block, and nothing is refused.
		let ids = cancelled(DEADLINE_PAGE as u64 * 2 + 5);
		let due = 1 + RETENTION;
		assert!(ids.iter().all(|id| task(*id).deadline == due));
		let bounds = DeadlineLogs::<Test>::get(DeadlineKind::Prune);
		assert_eq!((bounds.head, bounds.tail), (0, 2));
		run_to_block(due);
		assert!(ids.iter().all(|id| !Tasks::<Test>::contains_key(id)));
		assert_eq!(DeadlinePages::<Test>::iter().count(), 0);
	});
}

#[test]
fn deadlines_beyond_the_weight_budget_wait_for_the_next_block() {
	ExtBuilder::default().build_and_execute(|| {
		for who in [10, 11, 12] {
			join(who, &[DIGITS]);
		}
		let ids = cancelled(20);
		let due = 1 + RETENTION;
		// A budget for the empty hooks and about five prunes.
		let db = db();
		let budget = <() as WeightInfo>::on_initialize_base()
			.saturating_add(<() as WeightInfo>::queue_scan(MAX_QUEUE))
			.saturating_add(db.writes(1))
			.saturating_add(db.reads_writes(2, 2).saturating_mul(2))
			.saturating_add(<() as WeightInfo>::prune().saturating_mul(5));
		HookWeight::set(budget);
		run_to_block(due);
		let left = ids.iter().filter(|id| Tasks::<Test>::contains_key(**id)).count();
		assert!(left > 0 && left < 20, "some pruned, some waiting: {left} left");
		let mut blocks = 0;
		while ids.iter().any(|id| Tasks::<Test>::contains_key(id)) {
			let used = on_initialize_next();
			assert!(used.all_lte(budget), "a block's hook weight {used:?} exceeded its budget {budget:?}");
			blocks += 1;
			assert!(blocks < 10, "the backlog does not shrink");
		}
	});
}

/// Runs the next block; returns the weight its hooks used.
fn on_initialize_next() -> Weight {
	let next = System::block_number() + 1;
	System::set_block_number(next);
	System::set_parent_hash(parent_hash_of(next));
	on_initialize(next)
}

#[test]
fn a_stale_entry_is_skipped_for_one_read() {
	ExtBuilder::default().build_and_execute(|| {
		for who in [10, 11, 12] {
			join(who, &[DIGITS]);
		}
		let id = create(1, DIGITS, MIN_FEE, None);
		assign(id);
		let commit_end = task(id).deadline;
		advance(1);
		for n in assigned(id) {
			commit(id, n, &[1]);
		}
		assert!(task(id).deadline > commit_end);
		// The commit window ended early; its log entry is stale.
		run_to_block(commit_end - 1);
		System::set_block_number(commit_end);
		let used = on_initialize(commit_end);
		assert_eq!(phase(id), Phase::Reveal);
		let expected = <() as WeightInfo>::on_initialize_base()
			.saturating_add(<() as WeightInfo>::deadline_stale())
			.saturating_add(db().reads_writes(2, 2));
		assert!(used.all_gte(expected), "{used:?} < {expected:?}");
		assert!(DeadlinePages::<Test>::get(DeadlineKind::CommitEnd, 0).is_empty());
	});
}
