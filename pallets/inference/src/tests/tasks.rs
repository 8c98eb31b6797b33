//! Task creation, the fee-ordered queue and its bounds, cancellation and the draw.

use super::*;
use frame_support::assert_noop;

/// Three active nodes serving DIGITS and VAD: tasks may be created (they stay queued until the
/// next block).
fn nodes() {
	for who in [10, 11, 12] {
		join(who, &[DIGITS, VAD]);
	}
}

/// The queue's task ids, in order.
fn queue_order() -> Vec<TaskId> {
	Queue::<Test>::get().iter().map(|e| e.task).collect()
}

#[test]
fn create_task_holds_the_full_fee_and_queues_the_task() {
	ExtBuilder::default().build_and_execute(|| {
		for who in [10, 11, 12] {
			join(who, &[DIGITS]);
		}
		let id = create(1, DIGITS, 25, None);
		assert_eq!(id, 0);
		assert_eq!(held_fee(1), 3 * 25);
		assert_eq!(free(1), ENDOWMENT - 75);
		let t = task(id);
		assert_eq!((t.redundancy, t.quorum(), t.phase), (3, 2, Phase::Queued));
		assert_eq!(t.deadline, 1 + QUEUE_TIMEOUT);
		assert_eq!(Inputs::<Test>::get(id).unwrap().to_vec(), input_for(DIGITS));
		assert_eq!(Queue::<Test>::get()[0].task, id);
		let model = Models::<Test>::get(DIGITS).unwrap();
		assert_eq!((model.open_tasks, model.queued), (1, 1));
		assert!(emitted(Event::TaskCreated { task: 0, creator: 1, model: DIGITS, fee_per_node: 25, redundancy: 3 }));
	});
}

#[test]
fn create_task_refuses_bad_input_and_holds_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		let c = |model, input: Vec<u8>, fee, r| Inference::create_task(signed(1), model, input, fee, r);
		assert_noop!(c(DIGITS, vec![0; 4], MIN_FEE, None), Error::<Test>::NotEnoughNodes);
		for who in [10, 11, 12] {
			join(who, &[DIGITS]);
		}
		assert_noop!(c([9; 32], vec![0; 4], MIN_FEE, None), Error::<Test>::UnknownModel);
		assert_noop!(c(DIGITS, vec![0; 3], MIN_FEE, None), Error::<Test>::InputLengthMismatch);
		assert_noop!(c(DIGITS, vec![0; 5], MIN_FEE, None), Error::<Test>::InputLengthMismatch);
		assert_noop!(c(DIGITS, vec![0; 65], MIN_FEE, None), Error::<Test>::InputTooLarge);
		assert_noop!(c(DIGITS, vec![0; 4], MIN_FEE - 1, None), Error::<Test>::FeeTooLow);
		assert_noop!(c(DIGITS, vec![0; 4], MIN_FEE, Some(0)), Error::<Test>::BadRedundancy);
		assert_noop!(c(DIGITS, vec![0; 4], MIN_FEE, Some(6)), Error::<Test>::BadRedundancy);
		// Three active nodes serve DIGITS: a redundancy of four cannot be served.
		assert_noop!(c(DIGITS, vec![0; 4], MIN_FEE, Some(4)), Error::<Test>::NotEnoughNodes);
		assert_noop!(c(DIGITS, vec![0; 4], ENDOWMENT / 3 + 1, None), Error::<Test>::InsufficientBalance);
		assert_noop!(c(DIGITS, vec![0; 4], u64::MAX / 2, None), sp_runtime::ArithmeticError::Overflow);
		assert_eq!(held_fee(1), 0);
		assert_eq!(free(1), ENDOWMENT);
		assert_eq!(NextTaskId::<Test>::get(), 0);
	});
}

#[test]
fn the_queue_is_ordered_by_fee_then_age() {
	ExtBuilder::default().build_and_execute(|| {
		nodes();
		let a = create(1, DIGITS, 20, None);
		let b = create(2, DIGITS, 30, None);
		let c = create(3, VAD, 20, None);
		assert_eq!(queue_order(), vec![b, a, c]);
	});
}

#[test]
fn a_full_queue_evicts_the_cheapest_or_refuses_the_newcomer() {
	ExtBuilder::default().build_and_execute(|| {
		nodes();
		// Three tasks of each model fill the queue (6).
		let ids: Vec<_> = (0..MAX_QUEUE as u64)
			.map(|i| create(1 + i, if i % 2 == 0 { DIGITS } else { VAD }, 20 + i, None))
			.collect();
		// Not more than the cheapest (20): refused, nothing held.
		assert_noop!(
			Inference::create_task(signed(9), DIGITS, input_for(DIGITS), 20, None),
			Error::<Test>::QueueFull
		);
		assert_eq!(held_fee(9), 0);
		// More than the cheapest: the cheapest is refunded and dropped.
		let newcomer = create(9, VAD, 21, None);
		assert_eq!(phase(ids[0]), Phase::Failed(FailReason::Evicted));
		assert_eq!(held_fee(1), 0);
		assert_eq!(free(1), ENDOWMENT);
		assert!(emitted(Event::FeeRefunded { task: ids[0], creator: 1, amount: 60 }));
		assert!(emitted(Event::TaskFailed { task: ids[0], reason: FailReason::Evicted }));
		assert_eq!(queue_order(), vec![ids[5], ids[4], ids[3], ids[2], ids[1], newcomer]);
		assert_eq!(Models::<Test>::get(DIGITS).unwrap().queued, 2);
		assert_eq!(Models::<Test>::get(VAD).unwrap().queued, 4);
	});
}

#[test]
fn one_model_cannot_fill_the_queue_for_others() {
	ExtBuilder::default().build_and_execute(|| {
		nodes();
		let digits: Vec<_> = (0..QUEUED_PER_MODEL as u64).map(|i| create(1 + i, DIGITS, 50 + i, None)).collect();
		// The model's share is full: a fifth DIGITS task must beat the cheapest DIGITS task...
		assert_noop!(
			Inference::create_task(signed(9), DIGITS, input_for(DIGITS), 50, None),
			Error::<Test>::ModelQueueFull
		);
		// ...and then takes its place, even though the whole queue has room.
		let rich = create(9, DIGITS, 51, None);
		assert_eq!(phase(digits[0]), Phase::Failed(FailReason::Evicted));
		assert_eq!(Queue::<Test>::get().len() as u32, QUEUED_PER_MODEL);
		// Another model still finds room, even at the minimum fee.
		let vad = create(8, VAD, MIN_FEE, None);
		assert_eq!(phase(vad), Phase::Queued);
		assert!(queue_order().contains(&rich));
	});
}

#[test]
fn cancel_refunds_a_queued_task_less_the_cancellation_charge() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(Inference::cancel_task(signed(1), 7), Error::<Test>::UnknownTask);
		for who in [10, 11, 12] {
			join(who, &[DIGITS]);
		}
		let id = create(1, DIGITS, 50, None);
		assert_noop!(Inference::cancel_task(signed(2), id), Error::<Test>::NotTaskCreator);
		assert_ok!(Inference::cancel_task(signed(1), id));
		assert_eq!(phase(id), Phase::Failed(FailReason::Cancelled));
		// 10% of the 150 held, but at least MIN_FEE: 15 go to the treasury.
		assert_eq!(free(1), ENDOWMENT - 15);
		assert_eq!(free(TREASURY), 1 + 15);
		assert!(emitted(Event::CancellationCharged { task: id, amount: 15 }));
		assert!(emitted(Event::FeeRefunded { task: id, creator: 1, amount: 135 }));
		assert!(Queue::<Test>::get().is_empty());
		assert_noop!(Inference::cancel_task(signed(1), id), Error::<Test>::NotQueued);

		let cheap = create(2, DIGITS, MIN_FEE, None);
		assert_ok!(Inference::cancel_task(signed(2), cheap));
		assert_eq!(free(2), ENDOWMENT - MIN_FEE, "at least MIN_FEE is charged");

		let busy = create(1, DIGITS, MIN_FEE, None);
		assign(busy);
		assert_noop!(Inference::cancel_task(signed(1), busy), Error::<Test>::NotQueued);
	});
}

#[test]
fn the_draw_happens_in_the_block_after_inclusion_never_in_it() {
	ExtBuilder::default().build_and_execute(|| {
		for who in [10, 11, 12] {
			join(who, &[DIGITS]);
		}
		let id = create(1, DIGITS, MIN_FEE, None); // included in block 1
		// A draw in block 1 itself would use the hash of block 0, known before the inclusion.
		on_initialize(1);
		assert_eq!(phase(id), Phase::Queued);
		advance(1); // block 2: its parent hash, block 1's, was sealed after the inclusion
		assert_eq!(phase(id), Phase::Commit);
		let mut nodes = assigned(id);
		nodes.sort();
		assert_eq!(nodes, vec![10, 11, 12]);
		assert_eq!(task(id).deadline, 2 + COMMIT_PERIOD);
		assert!(emitted(Event::TaskAssigned { task: id, nodes: assigned(id), commit_deadline: 2 + COMMIT_PERIOD }));
		assert_eq!(Models::<Test>::get(DIGITS).unwrap().queued, 0);
	});
}

#[test]
fn tasks_wait_while_too_few_nodes_are_free_and_capacity_is_respected() {
	ExtBuilder::default().build_and_execute(|| {
		for who in [10, 11, 12] {
			assert_ok!(Inference::join(signed(who), MIN_STAKE, vec![DIGITS], 1));
		}
		let first = create(1, DIGITS, MIN_FEE, None);
		let second = create(2, DIGITS, MIN_FEE, None);
		advance(1);
		assert_eq!(phase(first), Phase::Commit);
		assert_eq!(phase(second), Phase::Queued, "every node is at capacity");
		assert_eq!(Pools::<Test>::get(DIGITS).unwrap().eligible(), 0, "busy nodes leave the draw");
		serve(first, &[5]);
		assert_eq!(Pools::<Test>::get(DIGITS).unwrap().eligible(), 3, "freed nodes are back");
		advance(1);
		assert_eq!(phase(second), Phase::Commit, "freed nodes take the waiting task");
	});
}

#[test]
fn higher_fees_are_assigned_first() {
	ExtBuilder::default().build_and_execute(|| {
		for who in [10, 11, 12] {
			assert_ok!(Inference::join(signed(who), MIN_STAKE, vec![DIGITS], 1));
		}
		let cheap = create(1, DIGITS, MIN_FEE, None);
		let rich = create(2, DIGITS, MIN_FEE * 3, None);
		advance(1);
		assert_eq!(phase(rich), Phase::Commit);
		assert_eq!(phase(cheap), Phase::Queued);
	});
}

/// Issue 16, attack 6: tasks whose model's nodes all paused after their creation held the
/// queue for free until their timeout. Now such a timeout costs the creator the cancellation
/// charge; a timeout from congestion (active nodes, all busy) is refunded in full.
#[test]
fn a_task_times_out_in_the_queue_charged_when_its_nodes_paused() {
	ExtBuilder::default().build_and_execute(|| {
		nodes();
		let id = create(1, DIGITS, MIN_FEE, None);
		for who in [10, 11, 12] {
			assert_ok!(Inference::pause(signed(who)));
		}
		advance(QUEUE_TIMEOUT - 1);
		assert_eq!(phase(id), Phase::Queued);
		advance(1);
		assert_eq!(phase(id), Phase::Failed(FailReason::QueueTimeout));
		let charge = Inference::charge_for(3 * MIN_FEE);
		assert_eq!(free(1), ENDOWMENT - charge, "refunded less the cancellation charge");
		assert!(emitted(Event::TimeoutCharged { task: id, amount: charge }));
		assert!(Queue::<Test>::get().is_empty());
		assert_eq!(Models::<Test>::get(DIGITS).unwrap().queued, 0);
		assert!(emitted(Event::TaskFailed { task: id, reason: FailReason::QueueTimeout }));
	});
}

#[test]
fn a_task_timed_out_by_congestion_is_refunded_in_full() {
	ExtBuilder::default().build_and_execute(|| {
		nodes();
		let id = create(1, DIGITS, MIN_FEE, None);
		// Better-paying tasks keep every slot busy: the cheap task waits behind them while its
		// model's nodes stay active.
		for _ in 0..QUEUE_TIMEOUT {
			let rich: Vec<TaskId> = (0..2).map(|_| create(2, DIGITS, MIN_FEE * 5, None)).collect();
			advance(1);
			for t in rich {
				if phase(t) == Phase::Commit {
					serve(t, &[1]);
				}
			}
		}
		assert_eq!(phase(id), Phase::Failed(FailReason::QueueTimeout));
		assert_eq!(free(1), ENDOWMENT, "a congested model's timeout costs nothing");
		assert!(!inference_events().iter().any(|e| matches!(e, Event::TimeoutCharged { .. })));
	});
}

#[test]
fn a_pause_at_the_end_of_the_wait_does_not_charge_the_timeout() {
	ExtBuilder::default().build_and_execute(|| {
		nodes();
		let id = create(1, DIGITS, MIN_FEE, None);
		for i in 0..QUEUE_TIMEOUT {
			let rich: Vec<TaskId> = (0..2).map(|_| create(2, DIGITS, MIN_FEE * 5, None)).collect();
			// A node pauses for maintenance in the block before the task times out.
			if i == QUEUE_TIMEOUT - 1 {
				assert_ok!(Inference::pause(signed(10)));
			}
			advance(1);
			for t in rich {
				if phase(t) == Phase::Commit {
					serve(t, &[1]);
				}
			}
		}
		assert_eq!(phase(id), Phase::Failed(FailReason::QueueTimeout));
		assert_eq!(free(1), ENDOWMENT, "not charged: the model had its nodes for most of the wait");
	});
}

#[test]
fn the_runtime_api_shows_assignments_and_status() {
	ExtBuilder::default().build_and_execute(|| {
		for who in [10, 11, 12] {
			join(who, &[DIGITS]);
		}
		let id = create(1, DIGITS, MIN_FEE, None);
		assert!(Inference::assigned_tasks(&10).is_empty());
		assign(id);
		let mine = Inference::assigned_tasks(&10);
		assert_eq!(mine.len(), 1);
		assert_eq!((mine[0].id, mine[0].model, mine[0].phase), (id, DIGITS, Phase::Commit));
		assert_eq!(mine[0].input, input_for(DIGITS));
		assert!(!mine[0].committed);
		commit(id, 10, &[2]);
		assert!(Inference::assigned_tasks(&10)[0].committed);

		let view = Inference::task_view(id).unwrap();
		assert_eq!((view.creator, view.redundancy, view.quorum), (1, 3, 2));
		assert_eq!(view.assignments.iter().filter(|a| a.committed).count(), 1);
		assert_eq!(view.result, None);
		for n in [11, 12] {
			commit(id, n, &[2]);
		}
		for n in [10, 11, 12] {
			assert_ok!(reveal(id, n, &[2]));
		}
		let view = Inference::task_view(id).unwrap();
		assert_eq!((view.phase, view.result), (Phase::Completed, Some(vec![2])));
		assert!(Inference::assigned_tasks(&10).is_empty());
		assert!(Inference::task_view(99).is_none());
	});
}

#[test]
fn the_runtime_api_shows_models_and_nodes() {
	ExtBuilder::default().build_and_execute(|| {
		let model = Inference::model_view(VAD).unwrap();
		assert_eq!(model.method, b"audio_forward".to_vec());
		assert_eq!(model.extra_args, vec![16_000]);
		assert_eq!(model.input_len(), Some(8));
		assert!(Inference::model_view([7; 32]).is_none());

		assert!(Inference::node_view(&10).is_none());
		join(10, &[DIGITS, VAD]);
		let id = create(1, DIGITS, MIN_FEE, Some(1));
		assign(id);
		let node = Inference::node_view(&10).unwrap();
		assert_eq!(node.models, vec![DIGITS, VAD]);
		assert_eq!((node.stake, node.capacity, node.active_tasks), (MIN_STAKE, 2, 1));
		assert_eq!((node.reputation, node.status, node.leaving), (INITIAL_REPUTATION, NodeStatus::Active, false));
	});
}
