//! Task creation, the fee-ordered queue, cancellation and the draw.

use super::*;
use frame_support::assert_noop;

#[test]
fn create_task_holds_the_full_fee_and_queues_the_task() {
	ExtBuilder::default().build_and_execute(|| {
		let id = create(1, DIGITS, 25, None);
		assert_eq!(id, 0);
		assert_eq!(held_fee(1), 3 * 25);
		assert_eq!(free(1), ENDOWMENT - 75);
		let t = task(id);
		assert_eq!((t.redundancy, t.quorum(), t.phase), (3, 2, Phase::Queued));
		assert_eq!(t.deadline, 1 + QUEUE_TIMEOUT);
		assert_eq!(Queue::<Test>::get()[0].task, id);
		assert_eq!(Models::<Test>::get(DIGITS).unwrap().open_tasks, 1);
		assert!(emitted(Event::TaskCreated { task: 0, creator: 1, model: DIGITS, fee_per_node: 25, redundancy: 3 }));
	});
}

#[test]
fn create_task_refuses_bad_input_and_holds_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		let c = |model, input: Vec<u8>, fee, r| Inference::create_task(signed(1), model, input, fee, r);
		assert_noop!(c(H256::repeat_byte(9), vec![0; 4], MIN_FEE, None), Error::<Test>::UnknownModel);
		assert_noop!(c(DIGITS, vec![0; 3], MIN_FEE, None), Error::<Test>::InputLengthMismatch);
		assert_noop!(c(DIGITS, vec![0; 5], MIN_FEE, None), Error::<Test>::InputLengthMismatch);
		assert_noop!(c(DIGITS, vec![0; 65], MIN_FEE, None), Error::<Test>::InputTooLarge);
		assert_noop!(c(DIGITS, vec![0; 4], MIN_FEE - 1, None), Error::<Test>::FeeTooLow);
		assert_noop!(c(DIGITS, vec![0; 4], MIN_FEE, Some(0)), Error::<Test>::BadRedundancy);
		assert_noop!(c(DIGITS, vec![0; 4], MIN_FEE, Some(6)), Error::<Test>::BadRedundancy);
		assert_noop!(c(DIGITS, vec![0; 4], ENDOWMENT / 3 + 1, None), Error::<Test>::InsufficientBalance);
		assert_noop!(c(DIGITS, vec![0; 4], u64::MAX / 2, None), Error::<Test>::InsufficientBalance);
		assert_eq!(held_fee(1), 0);
		assert_eq!(free(1), ENDOWMENT);
		assert_eq!(NextTaskId::<Test>::get(), 0);
	});
}

#[test]
fn the_queue_is_ordered_by_fee_then_age() {
	ExtBuilder::default().build_and_execute(|| {
		let a = create(1, DIGITS, 20, None);
		let b = create(2, DIGITS, 30, None);
		let c = create(3, DIGITS, 20, None);
		let order: Vec<_> = Queue::<Test>::get().iter().map(|e| e.task).collect();
		assert_eq!(order, vec![b, a, c]);
	});
}

#[test]
fn a_full_queue_evicts_the_cheapest_or_refuses_the_newcomer() {
	ExtBuilder::default().build_and_execute(|| {
		let ids: Vec<_> = (0..MAX_QUEUE as u64).map(|i| create(1 + i, DIGITS, 20 + i, None)).collect();
		// Not more than the cheapest (20): refused, nothing held.
		assert_noop!(
			Inference::create_task(signed(9), DIGITS, input_for(DIGITS), 20, None),
			Error::<Test>::QueueFull
		);
		assert_eq!(held_fee(9), 0);
		// More than the cheapest: the cheapest is refunded and dropped.
		let newcomer = create(9, DIGITS, 21, None);
		assert_eq!(phase(ids[0]), Phase::Failed(FailReason::Evicted));
		assert_eq!(held_fee(1), 0);
		assert_eq!(free(1), ENDOWMENT);
		assert!(emitted(Event::FeeRefunded { task: ids[0], creator: 1, amount: 60 }));
		assert!(emitted(Event::TaskFailed { task: ids[0], reason: FailReason::Evicted }));
		let order: Vec<_> = Queue::<Test>::get().iter().map(|e| e.task).collect();
		assert_eq!(order, vec![ids[3], ids[2], ids[1], newcomer]);
	});
}

#[test]
fn cancel_refunds_a_queued_task_only() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(Inference::cancel_task(signed(1), 7), Error::<Test>::UnknownTask);
		let id = create(1, DIGITS, MIN_FEE, None);
		assert_noop!(Inference::cancel_task(signed(2), id), Error::<Test>::NotTaskCreator);
		assert_ok!(Inference::cancel_task(signed(1), id));
		assert_eq!(phase(id), Phase::Failed(FailReason::Cancelled));
		assert_eq!(free(1), ENDOWMENT);
		assert!(Queue::<Test>::get().is_empty());
		assert_noop!(Inference::cancel_task(signed(1), id), Error::<Test>::NotQueued);

		for who in [10, 11, 12] {
			join(who, &[DIGITS]);
		}
		let busy = create(1, DIGITS, MIN_FEE, None);
		assign(busy);
		assert_noop!(Inference::cancel_task(signed(1), busy), Error::<Test>::NotQueued);
	});
}

#[test]
fn the_draw_waits_for_randomness_from_after_the_inclusion_block() {
	ExtBuilder::default().build_and_execute(|| {
		for who in [10, 11, 12] {
			join(who, &[DIGITS]);
		}
		let id = create(1, DIGITS, MIN_FEE, None); // included in block 1
		advance(1); // block 2: its randomness is block 1's hash, which the creator saw coming
		assert_eq!(phase(id), Phase::Queued);
		advance(1); // block 3: randomness from block 2, after the inclusion
		assert_eq!(phase(id), Phase::Commit);
		let mut nodes = assigned(id);
		nodes.sort();
		assert_eq!(nodes, vec![10, 11, 12]);
		assert_eq!(task(id).deadline, 3 + COMMIT_PERIOD);
		assert!(emitted(Event::TaskAssigned {
			task: id,
			nodes: assigned(id),
			commit_deadline: 3 + COMMIT_PERIOD
		}));
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
		advance(2);
		assert_eq!(phase(first), Phase::Commit);
		assert_eq!(phase(second), Phase::Queued, "every node is at capacity");
		for n in assigned(first) {
			commit(first, n, &[5]);
		}
		for n in assigned(first) {
			assert_ok!(reveal(first, n, &[5]));
		}
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
		advance(2);
		assert_eq!(phase(rich), Phase::Commit);
		assert_eq!(phase(cheap), Phase::Queued);
	});
}

#[test]
fn a_model_without_free_nodes_does_not_block_other_models() {
	ExtBuilder::default().build_and_execute(|| {
		for who in [10, 11, 12] {
			join(who, &[VAD]);
		}
		let stuck = create(1, DIGITS, MIN_FEE * 5, None);
		let fine = create(2, VAD, MIN_FEE, None);
		advance(2);
		assert_eq!(phase(stuck), Phase::Queued);
		assert_eq!(phase(fine), Phase::Commit);
	});
}

#[test]
fn the_draw_is_weighted_by_square_root_stake() {
	ExtBuilder::default().build_and_execute(|| {
		// Node 10 stakes 16x the others: 4x their weight.
		assert_ok!(Inference::join(signed(10), 16 * MIN_STAKE, vec![DIGITS], 4));
		for who in 11..=14 {
			assert_ok!(Inference::join(signed(who), MIN_STAKE, vec![DIGITS], 4));
		}
		let mut picked = [0u32; 5];
		for round in 0..200 {
			let id = create(1 + round % 9, DIGITS, MIN_FEE, Some(1));
			let node = assign(id)[0];
			picked[(node - 10) as usize] += 1;
			commit(id, node, &[1]);
			assert_ok!(reveal(id, node, &[1]));
		}
		// Expected share of node 10: 4 / 8 = 50%; of each other: 12.5%.
		assert!((80..=120).contains(&picked[0]), "{picked:?}");
		for p in &picked[1..] {
			assert!((10..=45).contains(p), "{picked:?}");
		}
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
		assert_eq!((mine[0].id, mine[0].model, mine[0].phase), (id, DIGITS.0, Phase::Commit));
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
		assert!(Inference::model_view(H256::repeat_byte(7)).is_none());

		assert!(Inference::node_view(&10).is_none());
		join(10, &[DIGITS, VAD]);
		let id = create(1, DIGITS, MIN_FEE, Some(1));
		assign(id);
		let node = Inference::node_view(&10).unwrap();
		assert_eq!(node.models, vec![DIGITS.0, VAD.0]);
		assert_eq!((node.stake, node.capacity, node.active_tasks), (MIN_STAKE, 2, 1));
		assert_eq!((node.reputation, node.status, node.leaving), (INITIAL_REPUTATION, NodeStatus::Active, false));
	});
}
