//! Commit and reveal: errors, the copy attack, reputation, and self-dealing.

use super::*;
use frame_support::{assert_noop, weights::Weight};

/// Three nodes serving DIGITS and one assigned task; returns its id.
fn assigned_task() -> TaskId {
	for who in [10, 11, 12] {
		join(who, &[DIGITS]);
	}
	let id = create(1, DIGITS, MIN_FEE, None);
	assign(id);
	id
}

#[test]
fn commit_errors() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(Inference::commit(signed(10), 5, H256::zero()), Error::<Test>::UnknownTask);
		for who in [10, 11, 12] {
			join(who, &[DIGITS]);
		}
		let id = create(1, DIGITS, MIN_FEE, None);
		assert_noop!(Inference::commit(signed(10), id, H256::zero()), Error::<Test>::NotCommitPhase);
		assign(id);
		assert_noop!(Inference::commit(signed(13), id, H256::zero()), Error::<Test>::NotAssigned);
		commit(id, 10, &[1]);
		assert!(emitted(Event::Committed { task: id, node: 10 }));
		assert_noop!(Inference::commit(signed(10), id, H256::zero()), Error::<Test>::AlreadyCommitted);
		commit(id, 11, &[1]);
		commit(id, 12, &[1]);
		assert_eq!(phase(id), Phase::Reveal);
		assert_noop!(Inference::commit(signed(10), id, H256::zero()), Error::<Test>::NotCommitPhase);
	});
}

#[test]
fn the_reveal_phase_opens_when_all_have_committed() {
	ExtBuilder::default().build_and_execute(|| {
		let id = assigned_task();
		commit(id, 10, &[1]);
		commit(id, 11, &[1]);
		assert_eq!(phase(id), Phase::Commit);
		commit(id, 12, &[1]);
		assert_eq!(phase(id), Phase::Reveal);
		let now = System::block_number();
		assert_eq!(task(id).deadline, now + REVEAL_PERIOD);
		assert!(emitted(Event::RevealStarted { task: id, reveal_deadline: now + REVEAL_PERIOD }));
	});
}

#[test]
fn reveal_errors() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(reveal(5, 10, &[1]), Error::<Test>::UnknownTask);
		let id = assigned_task();
		commit(id, 10, &[1]);
		commit(id, 11, &[1]);
		assert_noop!(reveal(id, 10, &[1]), Error::<Test>::NotRevealPhase);
		// Node 12 stays silent; at the end of the commit window the quorum of two reveals.
		advance(COMMIT_PERIOD);
		assert_eq!(phase(id), Phase::Reveal);
		assert_noop!(reveal(id, 13, &[1]), Error::<Test>::NotAssigned);
		assert_noop!(reveal(id, 12, &[1]), Error::<Test>::NotCommitted);
		assert_noop!(reveal(id, 10, &[2]), Error::<Test>::CommitmentMismatch);
		assert_noop!(
			Inference::reveal(signed(10), id, vec![1], [0u8; 32]),
			Error::<Test>::CommitmentMismatch
		);
		assert_noop!(reveal(id, 10, &[0; 33]), Error::<Test>::ResultTooLarge);
		assert_ok!(reveal(id, 10, &[1]));
		assert!(emitted(Event::Revealed { task: id, node: 10 }));
		assert_noop!(reveal(id, 10, &[1]), Error::<Test>::AlreadyRevealed);
		assert_ok!(reveal(id, 11, &[1]));
		assert_eq!(phase(id), Phase::Completed);
		assert_noop!(reveal(id, 12, &[1]), Error::<Test>::NotRevealPhase);
	});
}

#[test]
fn a_copied_commitment_cannot_be_revealed() {
	ExtBuilder::default().build_and_execute(|| {
		let id = assigned_task();
		// Node 12 is lazy: it copies node 10's commitment from the chain.
		commit(id, 10, &[4]);
		commit(id, 11, &[4]);
		let copied = task(id).assignments.iter().find(|a| a.node == 10).unwrap().commitment.unwrap();
		assert_ok!(Inference::commit(signed(12), id, copied));
		assert_ok!(reveal(id, 10, &[4]));
		// After seeing node 10's reveal, it replays node 10's result and salt: the commitment
		// binds node 10's account, so it does not match under node 12's.
		assert_noop!(
			Inference::reveal(signed(12), id, vec![4], salt_of(10)),
			Error::<Test>::CommitmentMismatch
		);
		assert_ok!(reveal(id, 11, &[4]));
		advance(REVEAL_PERIOD);
		// The copier withheld its reveal: slashed; the honest pair is paid.
		assert_eq!(phase(id), Phase::Completed);
		assert!(emitted(Event::NodeSlashed { task: id, node: 12, amount: MIN_STAKE / 10 }));
		assert_eq!(free(10), ENDOWMENT - MIN_STAKE + MIN_FEE);
	});
}

#[test]
fn reputation_below_the_floor_pauses_the_node_with_a_cooldown() {
	ExtBuilder::default().build_and_execute(|| {
		for who in [10, 11, 12] {
			assert_ok!(Inference::join(signed(who), MIN_STAKE, vec![DIGITS], 4));
		}
		// Node 12 never commits: 600 -> 500 (at the floor, still active) -> 400 (paused).
		let expected = [500, 400];
		for rep in expected {
			let id = create(1, DIGITS, MIN_FEE, None);
			assign(id);
			commit(id, 10, &[1]);
			commit(id, 11, &[1]);
			advance(COMMIT_PERIOD);
			assert_ok!(reveal(id, 10, &[1]));
			assert_ok!(reveal(id, 11, &[1]));
			assert_eq!(phase(id), Phase::Completed);
			assert_eq!(reputation(12), rep);
		}
		assert_eq!(Nodes::<Test>::get(12).unwrap().status, NodeStatus::AutoPaused);
		assert!(emitted(Event::NodeAutoPaused { node: 12, reason: AutoPauseReason::LowReputation }));
		assert_eq!(held_stake(12), MIN_STAKE, "timeouts cost reputation, not stake");
		// Paused, it is not drawn: only two active nodes serve DIGITS, too few for r = 3.
		assert_noop!(
			Inference::create_task(signed(1), DIGITS, input_for(DIGITS), MIN_FEE, None),
			Error::<Test>::NotEnoughNodes
		);
		// The operator cannot lift the pause at once: the cooldown runs first.
		let paused_at = System::block_number();
		assert_eq!(Nodes::<Test>::get(12).unwrap().resume_after, paused_at + RESUME_COOLDOWN);
		assert_noop!(Inference::resume(signed(12)), Error::<Test>::CoolingDown);
		advance(RESUME_COOLDOWN - 1);
		assert_noop!(Inference::resume(signed(12)), Error::<Test>::CoolingDown);
		advance(1);
		// Back at the floor, drawn again.
		assert_ok!(Inference::resume(signed(12)));
		assert_eq!(reputation(12), REPUTATION_FLOOR);
		let id = create(1, DIGITS, MIN_FEE, None);
		advance(1);
		assert_eq!(phase(id), Phase::Commit);
	});
}

/// Attack 3 of the v2 review: a commit or a reveal after its window is refused by block number,
/// even while the hooks have not processed the deadline (here they have no budget at all).
#[test]
fn windows_are_enforced_by_block_number_not_by_the_hooks() {
	ExtBuilder::default().build_and_execute(|| {
		let id = assigned_task();
		commit(id, 10, &[1]);
		HookWeight::set(Weight::zero());
		advance(COMMIT_PERIOD);
		assert_eq!(phase(id), Phase::Commit, "the deadline is not processed");
		assert_noop!(
			Inference::commit(signed(11), id, commitment_of(id, 11, &[1])),
			Error::<Test>::CommitWindowClosed
		);
		HookWeight::set(Weight::from_parts(200_000_000_000, u64::MAX / 5));
		// Two of three would have been a quorum; one is not: the task fails.
		advance(1);
		assert_eq!(phase(id), Phase::Failed(FailReason::NotEnoughCommits));

		let id = create(1, DIGITS, MIN_FEE, None);
		assign(id);
		for n in [10, 11, 12] {
			commit(id, n, &[1]);
		}
		assert_ok!(reveal(id, 10, &[1]));
		HookWeight::set(Weight::zero());
		advance(REVEAL_PERIOD);
		assert_eq!(phase(id), Phase::Reveal, "the deadline is not processed");
		assert_noop!(reveal(id, 11, &[1]), Error::<Test>::RevealWindowClosed);
		HookWeight::set(Weight::from_parts(200_000_000_000, u64::MAX / 5));
		advance(1);
		assert_eq!(phase(id), Phase::Failed(FailReason::NoQuorum));
	});
}

#[test]
fn a_slash_below_the_minimum_stake_pauses_the_node_until_topped_up() {
	ExtBuilder::default().build_and_execute(|| {
		let id = assigned_task();
		commit(id, 10, &[1]);
		commit(id, 11, &[1]);
		commit(id, 12, &[2]);
		for n in [10, 11, 12] {
			assert_ok!(reveal(id, n, if n == 12 { &[2] } else { &[1] }));
		}
		let node = Nodes::<Test>::get(12).unwrap();
		assert_eq!(node.stake, MIN_STAKE - MIN_STAKE / 10);
		assert_eq!(node.status, NodeStatus::AutoPaused);
		assert!(emitted(Event::NodeAutoPaused { node: 12, reason: AutoPauseReason::LowStake }));
		assert_noop!(Inference::resume(signed(12)), Error::<Test>::StakeTooLow);
		assert_ok!(Inference::add_stake(signed(12), MIN_STAKE / 10));
		assert_ok!(Inference::resume(signed(12)));
	});
}

#[test]
fn a_node_may_serve_its_own_task() {
	ExtBuilder::default().build_and_execute(|| {
		for who in [10, 11, 12] {
			join(who, &[DIGITS]);
		}
		let id = create(10, DIGITS, MIN_FEE, None);
		assign(id);
		for n in [10, 11, 12] {
			commit(id, n, &[6]);
		}
		for n in [10, 11, 12] {
			assert_ok!(reveal(id, n, &[6]));
		}
		assert_eq!(phase(id), Phase::Completed);
		// Paid its own fee back: net cost two fees.
		assert_eq!(free(10), ENDOWMENT - MIN_STAKE - 2 * MIN_FEE);
	});
}

#[test]
fn reveal_refunds_unused_weight_when_it_does_not_settle() {
	ExtBuilder::default().build_and_execute(|| {
		let id = assigned_task();
		for n in [10, 11, 12] {
			commit(id, n, &[1]);
		}
		let first = reveal(id, 10, &[1]).unwrap();
		assert_eq!(first.actual_weight, Some(<() as WeightInfo>::reveal()));
		reveal(id, 11, &[1]).unwrap();
		let last = reveal(id, 12, &[1]).unwrap();
		// Capacity 2 and one task: no node left or re-entered its pool.
		assert_eq!(last.actual_weight, Some(<() as WeightInfo>::reveal_and_settle(3)));
	});
}
