//! Randomness no single party can steer: draws and sampling decisions wait for the VRF outputs
//! of two later blocks by different authors, and a decision cannot be computed from the block
//! that included what it is about.

use super::*;

const FEE: Balance = 10;

/// Three proven nodes serving DIGITS, capacity 4.
fn nodes() {
	for who in [10, 11, 12] {
		assert_ok!(Inference::join(signed(who), MIN_STAKE, vec![DIGITS], 4));
		proven(who);
	}
}

fn create_sampled(creator: AccountId) -> TaskId {
	let id = NextTaskId::<Test>::get();
	assert_ok!(Inference::create_sampled_task(signed(creator), DIGITS, input_for(DIGITS), FEE, 500));
	id
}

#[test]
fn with_alternating_authors_a_task_is_drawn_two_blocks_after_its_inclusion() {
	ExtBuilder::default().build_and_execute(|| {
		set_authorship(Authorship::Rotating(vec![1, 2]));
		nodes();
		advance(1);
		let id = create(1, DIGITS, FEE, None);
		advance(1);
		assert_eq!(phase(id), Phase::Queued, "the next block's seed does not cover the including block");
		advance(1);
		assert_eq!(phase(id), Phase::Commit, "drawn with the outputs of the two blocks after it");
	});
}

#[test]
fn a_block_whose_author_also_made_the_previous_one_draws_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		// Blocks 2k and 2k+1 by the same author: only even blocks change author.
		set_authorship(Authorship::Rotating(vec![1, 1, 2, 2]));
		nodes();
		advance(1);
		while System::block_number() % 4 != 0 {
			advance(1);
		}
		// Block 4k: author 1, after author 2. Created now, covered from block 4k + 2 on; block
		// 4k + 2 (author 2 after 1) is the first that draws.
		let created = System::block_number();
		let id = create(1, DIGITS, FEE, None);
		advance(1);
		assert_eq!(phase(id), Phase::Queued, "block 4k + 1 has the author of block 4k");
		advance(1);
		assert_eq!(System::block_number(), created + 2);
		assert_eq!(phase(id), Phase::Commit);
		// Created in block 4k + 2 (author 2): block 4k + 3 is author 2 again; block 4k + 4
		// (author 1) covers 4k + 2 and draws it.
		let id = create(1, DIGITS, FEE, None);
		advance(1);
		assert_eq!(phase(id), Phase::Queued, "the same author twice in a row brings no seed");
		advance(1);
		assert_eq!(phase(id), Phase::Commit);
	});
}

#[test]
fn a_block_after_a_secondary_slot_claim_draws_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		// Authors alternate; odd blocks are secondary claims: only blocks after a primary one
		// (odd blocks) bring a seed.
		set_authorship(Authorship::Slots(vec![(1, true), (2, false)]));
		nodes();
		while System::block_number() % 2 != 0 {
			advance(1);
		}
		// Created in an even (primary) block 2k: block 2k + 1 follows a primary block but does
		// not cover 2k; block 2k + 2 follows a secondary one; block 2k + 3 draws.
		let id = create(1, DIGITS, FEE, None);
		advance(2);
		assert_eq!(phase(id), Phase::Queued, "a secondary parent can be orphaned: no seed");
		advance(1);
		assert_eq!(phase(id), Phase::Commit);
	});
}

#[test]
fn blocks_without_vrf_outputs_draw_nothing_and_queued_tasks_time_out_refunded() {
	ExtBuilder::default().build_and_execute(|| {
		set_authorship(Authorship::NoVrf);
		nodes();
		let id = create(1, DIGITS, FEE, None);
		advance(QUEUE_TIMEOUT);
		assert_eq!(phase(id), Phase::Failed(FailReason::QueueTimeout));
		assert_eq!(held_fee(1), 0);
		assert!(LastBlockVrf::<Test>::get().is_none());
	});
}

/// Creates `n` sampled tasks, draws them and has each primary commit in one block; returns the
/// tasks, the block that included the commits, and the state root at its end.
fn sampled_commits_in_one_block(n: usize) -> (Vec<TaskId>, u64, H256) {
	MaxQueueLen::set(n as u32);
	MaxQueuedPerModel::set(n as u32);
	set_authorship(Authorship::Rotating(vec![1, 2, 3]));
	for who in 10..20 {
		assert_ok!(Inference::join(signed(who), MIN_STAKE, vec![DIGITS], 4));
		proven(who);
	}
	advance(1);
	let ids: Vec<TaskId> = (0..n).map(|i| create_sampled(1 + (i as AccountId % 9))).collect();
	advance(2);
	for id in &ids {
		assert_eq!(phase(*id), Phase::Commit);
		let primary = assigned(*id)[0];
		commit(*id, primary, &[1]);
	}
	let b = System::block_number();
	let root = H256::from_slice(&sp_io::storage::root(sp_runtime::StateVersion::V1));
	(ids, b, root)
}

/// The decisions, in task order, once taken.
fn decisions(ids: &[TaskId]) -> Vec<bool> {
	ids.iter()
		.map(|id| match task(*id).verification {
			Verification::Sampled { checked: Some(c), .. } => c,
			other => panic!("task {id} is undecided: {other:?}"),
		})
		.collect()
}

#[test]
fn a_sampling_decision_cannot_be_computed_from_the_block_that_included_the_commit() {
	// Two chains identical up to and including the block of the primaries' commits (same
	// calls, same state, same parent hashes), whose later blocks carry different VRF outputs.
	let run = |later_salt: u64| {
		let mut out = None;
		ExtBuilder::default().build_and_execute(|| {
			let (ids, b, root) = sampled_commits_in_one_block(16);
			set_vrf_salt(later_salt);
			advance(1);
			for id in &ids {
				assert!(task(*id).awaits_sampling(), "nothing is decided in the block after the commit");
			}
			advance(1);
			assert_eq!(System::block_number(), b + 2);
			out = Some((root, decisions(&ids)));
			for id in &ids {
				if !task(*id).phase.is_open() {
					continue
				}
				// Let every check finish so the invariants hold.
				for n in assigned(*id).into_iter().skip(1) {
					commit(*id, n, &[1]);
				}
			}
		});
		out.unwrap()
	};
	let (root_a, a) = run(0);
	let (root_b, b) = run(1);
	assert_eq!(root_a, root_b, "the including block is the same in both chains");
	assert_ne!(a, b, "the decisions follow the later blocks' VRF outputs");
	assert!(a.iter().any(|c| *c) && a.iter().any(|c| !*c), "both outcomes occur: {a:?}");
}

#[test]
fn a_decision_that_gets_no_seed_within_the_commit_period_fails_refunded() {
	ExtBuilder::default().build_and_execute(|| {
		set_authorship(Authorship::Rotating(vec![1, 2]));
		nodes();
		advance(1);
		let id = create_sampled(1);
		advance(2);
		let primary = assigned(id)[0];
		let stake = held_stake(primary);
		let balance = free(primary);
		let creator_free = free(1) + held_fee(1);
		commit(id, primary, &[1]);
		// From now on one author produces every block of a multi-validator chain.
		set_authorship(Authorship::Rotating(vec![7]));
		advance(COMMIT_PERIOD - 1);
		assert!(task(id).awaits_sampling(), "still waiting for a seed");
		advance(1);
		assert_eq!(phase(id), Phase::Failed(FailReason::NoRandomness));
		assert_eq!(held_fee(1), 0, "the creator got everything back");
		assert_eq!(free(1), creator_free, "nothing was charged");
		assert_eq!((held_stake(primary), free(primary)), (stake, balance), "neither paid nor slashed");
		assert!(NodeTasks::<Test>::get(primary).is_empty(), "the primary is free again");
	});
}

#[test]
fn a_decision_put_off_is_taken_in_the_first_block_with_a_seed() {
	ExtBuilder::default().build_and_execute(|| {
		set_authorship(Authorship::Rotating(vec![1, 2]));
		nodes();
		advance(1);
		let id = create_sampled(1);
		advance(2);
		let primary = assigned(id)[0];
		commit(id, primary, &[1]);
		set_authorship(Authorship::Rotating(vec![7]));
		advance(2);
		assert!(task(id).awaits_sampling());
		set_authorship(Authorship::Rotating(vec![1, 2]));
		advance(1);
		assert!(!task(id).awaits_sampling() || task(id).redundancy > 1, "decided");
		assert!(matches!(task(id).verification, Verification::Sampled { checked: Some(_), .. }));
		// Finish it honestly.
		for _ in 0..3 {
			let t = task(id);
			if !t.phase.is_open() {
				break
			}
			for a in t.assignments.iter() {
				match t.phase {
					Phase::Commit if a.commitment.is_none() => commit(id, a.node, &[1]),
					Phase::Reveal if a.result.is_none() => {
						assert_ok!(reveal(id, a.node, &[1]));
					},
					_ => {},
				}
			}
			if task(id).phase.is_open() {
				advance(1);
			}
		}
		assert_eq!(phase(id), Phase::Completed, "the task completes after its late decision");
	});
}
