//! Deadlines: queue timeout, pruning, full slots, and the per-block processing budget.

use super::*;
use frame_support::{assert_noop, BoundedVec};

#[test]
fn a_task_without_nodes_times_out_in_the_queue_and_is_refunded() {
	ExtBuilder::default().build_and_execute(|| {
		let id = create(1, DIGITS, MIN_FEE, None);
		advance(QUEUE_TIMEOUT - 1);
		assert_eq!(phase(id), Phase::Queued);
		advance(1);
		assert_eq!(phase(id), Phase::Failed(FailReason::QueueTimeout));
		assert_eq!(free(1), ENDOWMENT);
		assert!(Queue::<Test>::get().is_empty());
		assert!(emitted(Event::TaskFailed { task: id, reason: FailReason::QueueTimeout }));
	});
}

#[test]
fn finished_tasks_stay_readable_for_the_retention_period_then_are_pruned() {
	ExtBuilder::default().build_and_execute(|| {
		for who in [10, 11, 12] {
			join(who, &[DIGITS]);
		}
		let id = create(1, DIGITS, MIN_FEE, None);
		assign(id);
		for n in [10, 11, 12] {
			commit(id, n, &[9]);
		}
		for n in [10, 11, 12] {
			assert_ok!(reveal(id, n, &[9]));
		}
		let finished = System::block_number();
		assert_eq!(task(id).deadline, finished + RETENTION);
		advance(RETENTION - 1);
		assert_eq!(Inference::task_view(id).unwrap().result, Some(vec![9]));
		advance(1);
		assert!(!Tasks::<Test>::contains_key(id));
		assert!(emitted(Event::TaskPruned { task: id }));
		assert!(Deadlines::<Test>::iter().next().is_none());
	});
}

#[test]
fn a_full_deadline_slot_spills_into_the_next_block() {
	ExtBuilder::default().build_and_execute(|| {
		// Seven cancelled tasks in one block: seven pruning deadlines wanted at the same block.
		let ids: Vec<TaskId> = (0..7u64)
			.map(|i| {
				let id = create(1 + i, DIGITS, MIN_FEE, None);
				assert_ok!(Inference::cancel_task(signed(1 + i), id));
				id
			})
			.collect();
		let wanted = 1 + RETENTION;
		for id in &ids[..6] {
			assert_eq!(task(*id).deadline, wanted);
		}
		assert_eq!(task(ids[6]).deadline, wanted + 1);
		assert_eq!(Deadlines::<Test>::get(wanted).len(), MAX_DEADLINES_PER_BLOCK as usize);
	});
}

#[test]
fn deadlines_beyond_the_per_block_budget_wait_for_the_next_block() {
	ExtBuilder::default().build_and_execute(|| {
		let ids: Vec<TaskId> = (0..6u64)
			.map(|i| {
				let id = create(1 + i, DIGITS, MIN_FEE, None);
				assert_ok!(Inference::cancel_task(signed(1 + i), id));
				id
			})
			.collect();
		let due = 1 + RETENTION;
		run_to_block(due);
		// Budget 4: four pruned, two wait.
		let left: Vec<_> = ids.iter().filter(|id| Tasks::<Test>::contains_key(**id)).collect();
		assert_eq!(left.len(), 2);
		assert_eq!(Deadlines::<Test>::get(due).len(), 2);
		assert_eq!(DeadlineCursor::<Test>::get(), due);
		run_to_block(due + 1);
		assert!(ids.iter().all(|id| !Tasks::<Test>::contains_key(id)));
		assert!(DeadlineCursor::<Test>::get() > due);
	});
}

#[test]
fn a_lagging_cursor_catches_up_over_empty_slots() {
	ExtBuilder::default().build_and_execute(|| {
		let id = create(1, DIGITS, MIN_FEE, None);
		// Jump ahead as if many blocks had no time for deadlines: the cursor stays behind.
		DeadlineCursor::<Test>::put(2);
		System::set_block_number(40);
		on_initialize(40);
		assert_eq!(DeadlineCursor::<Test>::get(), 2 + MAX_EXPIRIES_PER_BLOCK as u64);
		// Each block the cursor moves four slots while the chain moves one: it gains three.
		run_to_block(50);
		assert_eq!(DeadlineCursor::<Test>::get(), 2 + 11 * MAX_EXPIRIES_PER_BLOCK as u64);
		// The queue deadline (block 21) was reached on the way and processed.
		assert_eq!(phase(id), Phase::Failed(FailReason::QueueTimeout));
		run_to_block(60);
		assert_eq!(DeadlineCursor::<Test>::get(), 61, "caught up: next block is the next slot");
	});
}

#[test]
fn no_free_deadline_slot_refuses_the_task() {
	ExtBuilder::default().build_and_execute(|| {
		let wanted = 1 + QUEUE_TIMEOUT;
		let full: BoundedVec<TaskId, _> = BoundedVec::truncate_from(vec![u64::MAX; 6]);
		for b in wanted..wanted + 16 {
			Deadlines::<Test>::insert(b, full.clone());
		}
		assert_noop!(
			Inference::create_task(signed(1), DIGITS, input_for(DIGITS), MIN_FEE, None),
			Error::<Test>::TooManyDeadlines
		);
		for b in wanted..wanted + 16 {
			Deadlines::<Test>::remove(b);
		}
	});
}
