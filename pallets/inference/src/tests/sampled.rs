//! Sampled verification: one node computes; after its commit, randomness from a later block
//! decides whether two more check it.

use super::*;
use frame_support::assert_noop;

const FEE: Balance = 10;

/// Three proven nodes serving DIGITS, capacity 4.
fn nodes() {
	for who in [10, 11, 12] {
		assert_ok!(Inference::join(signed(who), MIN_STAKE, vec![DIGITS], 4));
		proven(who);
	}
}

fn create_sampled(creator: AccountId, permille: u16) -> TaskId {
	let id = NextTaskId::<Test>::get();
	assert_ok!(Inference::create_sampled_task(signed(creator), DIGITS, input_for(DIGITS), FEE, permille));
	id
}

/// Whether the decision taken in block `block` checks task `id`.
fn checked_in(block: u64, id: TaskId, permille: u16) -> bool {
	let seed = seed_at(block).expect("the block brings a seed");
	Inference::is_checked(&seed.for_subject(b"deai/sample"), id, permille)
}

/// Creates sampled tasks until one whose decision (when its primary commits in the block after
/// its draw) comes out as `want`; returns it, drawn, with its primary.
fn sampled_task_that_is(want: bool, permille: u16) -> (TaskId, AccountId) {
	loop {
		let id = create_sampled(1, permille);
		let primary = assign(id)[0];
		// The primary commits now; the decision is taken in the next block.
		if checked_in(System::block_number() + 1, id, permille) == want {
			return (id, primary)
		}
		commit(id, primary, &[1]);
		advance(1);
		serve_rest(id);
	}
}

/// On the three nodes: a sampled task that will be checked, whose primary committed `result`
/// (the check is decided in the next block); with its primary and the two other nodes.
fn a_check_after_commit(result: &[u8]) -> (TaskId, AccountId, [AccountId; 2]) {
	nodes();
	let (id, primary) = sampled_task_that_is(true, 500);
	commit(id, primary, result);
	let others: Vec<AccountId> = [10, 11, 12].into_iter().filter(|n| *n != primary).collect();
	(id, primary, [others[0], others[1]])
}

/// Every node of the task that still has something to do does it honestly (result `[1]`).
fn serve_rest(id: TaskId) {
	for _ in 0..3 {
		let t = task(id);
		if !t.phase.is_open() {
			return
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
}

#[test]
fn creation_holds_the_price_of_a_full_check_and_refuses_bad_rates() {
	ExtBuilder::default().build_and_execute(|| {
		let c = |permille| Inference::create_sampled_task(signed(1), DIGITS, input_for(DIGITS), FEE, permille);
		assert_noop!(c(500), Error::<Test>::NotEnoughNodes);
		nodes();
		assert_noop!(c(0), Error::<Test>::BadSamplingRate);
		assert_noop!(c(1001), Error::<Test>::BadSamplingRate);
		// Stake 1000, slash 10%: cheating does not pay when 100 * s >= 10 * (1 - s), s >= 91/1000.
		assert_noop!(c(90), Error::<Test>::CheatingWouldPay);
		let id = create_sampled(1, 91);
		assert_eq!(held_fee(1), 3 * FEE, "the price of a full check is held");
		let t = task(id);
		assert_eq!((t.redundancy, t.verification), (1, Verification::Sampled { permille: 91, checked: None }));
		assert_eq!(assign(id).len(), 1, "one node is drawn");
	});
}

#[test]
fn an_unchecked_task_is_revealed_by_its_primary_alone_and_refunds_the_checkers_share() {
	ExtBuilder::default().build_and_execute(|| {
		nodes();
		let (id, primary) = sampled_task_that_is(false, 500);
		commit(id, primary, &[7]);
		assert_eq!(phase(id), Phase::Commit, "the decision waits for the next block");
		advance(1);
		assert!(emitted(Event::SampleDecided { task: id, checked: false }));
		assert_eq!(phase(id), Phase::Reveal);
		assert_eq!(held_fee(1), FEE, "the checkers' share came back at once");
		assert_ok!(reveal(id, primary, &[7]));
		assert_eq!(phase(id), Phase::Completed);
		assert_eq!(task(id).result.unwrap().to_vec(), vec![7]);
		assert_eq!(task(id).verification, Verification::Sampled { permille: 500, checked: Some(false) });
		assert_eq!(held_fee(1), 0);
		assert!(emitted(Event::NodeRewarded { task: id, node: primary, amount: FEE }));
	});
}

#[test]
fn a_checked_task_draws_two_other_nodes_and_two_of_three_decide() {
	ExtBuilder::default().build_and_execute(|| {
		nodes();
		let (id, primary) = sampled_task_that_is(true, 500);
		commit(id, primary, &[4]);
		advance(1);
		assert!(emitted(Event::SampleDecided { task: id, checked: true }));
		let nodes = assigned(id);
		assert_eq!(nodes.len(), 3);
		assert_eq!(nodes[0], primary);
		assert!(!nodes[1..].contains(&primary), "the checkers are other nodes");
		assert_eq!((task(id).redundancy, phase(id)), (3, Phase::Commit));
		for n in &nodes[1..] {
			commit(id, *n, &[4]);
		}
		for n in &nodes {
			assert_ok!(reveal(id, *n, &[4]));
		}
		assert_eq!(phase(id), Phase::Completed);
		assert_eq!(held_fee(1), 0);
		for n in &nodes {
			assert!(emitted(Event::NodeRewarded { task: id, node: *n, amount: FEE }));
		}
	});
}

#[test]
fn a_cheating_primary_is_caught_by_a_check_and_slashed() {
	ExtBuilder::default().build_and_execute(|| {
		nodes();
		let (id, primary) = sampled_task_that_is(true, 500);
		commit(id, primary, &[9]); // garbage
		advance(1);
		let nodes = assigned(id);
		for n in &nodes[1..] {
			commit(id, *n, &[4]);
		}
		assert_ok!(reveal(id, primary, &[9]));
		for n in &nodes[1..] {
			assert_ok!(reveal(id, *n, &[4]));
		}
		assert_eq!(task(id).result.unwrap().to_vec(), vec![4], "the checkers' honest result");
		assert!(emitted(Event::NodeSlashed { task: id, node: primary, amount: MIN_STAKE / 10 }));
		assert!(emitted(Event::FeeRefunded { task: id, creator: 1, amount: FEE }), "the cheat's share comes back");
	});
}

#[test]
fn a_cheating_checker_is_slashed() {
	ExtBuilder::default().build_and_execute(|| {
		nodes();
		let (id, primary) = sampled_task_that_is(true, 500);
		commit(id, primary, &[4]);
		advance(1);
		let nodes = assigned(id);
		commit(id, nodes[1], &[4]);
		commit(id, nodes[2], &[5]);
		for (n, r) in [(nodes[0], 4u8), (nodes[1], 4), (nodes[2], 5)] {
			assert_ok!(reveal(id, n, &[r]));
		}
		assert_eq!(task(id).result.unwrap().to_vec(), vec![4]);
		assert!(emitted(Event::NodeSlashed { task: id, node: nodes[2], amount: MIN_STAKE / 10 }));
		assert!(emitted(Event::NodeRewarded { task: id, node: primary, amount: FEE }));
	});
}

#[test]
fn a_primary_that_withholds_its_reveal_is_slashed() {
	ExtBuilder::default().build_and_execute(|| {
		nodes();
		let (id, primary) = sampled_task_that_is(false, 500);
		commit(id, primary, &[7]);
		advance(1 + REVEAL_PERIOD);
		assert_eq!(phase(id), Phase::Failed(FailReason::NoQuorum));
		assert!(emitted(Event::NodeSlashed { task: id, node: primary, amount: MIN_STAKE / 10 }));
		assert!(emitted(Event::FeeRefunded { task: id, creator: 1, amount: FEE }), "the creator is refunded");
	});
}

#[test]
fn timeouts_in_each_phase() {
	ExtBuilder::default().build_and_execute(|| {
		nodes();
		// A silent primary: the task fails and the whole held price comes back.
		let id = create_sampled(1, 500);
		assign(id);
		advance(COMMIT_PERIOD);
		assert_eq!(phase(id), Phase::Failed(FailReason::NotEnoughCommits));
		assert_eq!(held_fee(1), 0);

		// A silent checker: primary and the other checker are a quorum of 2 of 3.
		let (id, primary) = sampled_task_that_is(true, 500);
		commit(id, primary, &[4]);
		advance(1);
		let nodes = assigned(id);
		commit(id, nodes[1], &[4]);
		advance(COMMIT_PERIOD);
		assert_eq!(phase(id), Phase::Reveal);
		assert_ok!(reveal(id, nodes[0], &[4]));
		assert_ok!(reveal(id, nodes[1], &[4]));
		assert_eq!(phase(id), Phase::Completed);
		assert!(emitted(Event::FeeRefunded { task: id, creator: 1, amount: FEE }), "the silent checker's share");
	});
}

#[test]
fn the_check_is_decided_from_a_block_after_the_commit_never_before() {
	ExtBuilder::default().build_and_execute(|| {
		nodes();
		let id = create_sampled(1, 500);
		let primary = assign(id)[0];
		commit(id, primary, &[1]);
		let commit_block = System::block_number();
		// Nothing in the state says whether it will be checked.
		assert_eq!(task(id).verification, Verification::Sampled { permille: 500, checked: None });
		// Hooks run again in the commit's own block decide nothing: the entry is due later.
		on_initialize(commit_block);
		assert_eq!(task(id).verification, Verification::Sampled { permille: 500, checked: None });
		advance(1);
		// Decided in the next block, from the hash of the block that included the commit.
		let expected = checked_in(commit_block + 1, id, 500);
		assert!(emitted(Event::SampleDecided { task: id, checked: expected }));
		serve_rest(id);
	});
}

#[test]
fn checkers_that_become_free_in_time_are_drawn() {
	ExtBuilder::default().build_and_execute(|| {
		let (id, _primary, others) = a_check_after_commit(&[1]);
		for who in &others {
			assert_ok!(Inference::pause(signed(*who)));
		}
		advance(3);
		assert_eq!(assigned(id).len(), 1, "still waiting for checkers");
		for who in &others {
			assert_ok!(Inference::resume(signed(*who)));
		}
		advance(1);
		assert_eq!(assigned(id).len(), 3, "drawn as soon as they are free");
		serve_rest(id);
		assert_eq!(phase(id), Phase::Completed);
	});
}

/// Two other nodes that are never free in the same block still check the task: each checker is
/// taken as soon as it is free (a waiting check goes before new tasks), and the reveal phase
/// waits for both. (Drawn as a pair, such a check waited until it failed with `NoCheckers`.)
#[test]
fn checkers_free_in_different_blocks_are_drawn_one_by_one() {
	ExtBuilder::default().build_and_execute(|| {
		let (id, primary, [first, second]) = a_check_after_commit(&[1]);
		assert_ok!(Inference::pause(signed(second)));
		advance(1);
		assert_eq!(assigned(id), vec![primary, first], "the free node checks at once");
		assert!(emitted(Event::TaskAssigned { task: id, nodes: vec![first], commit_deadline: task(id).checkers_by }));
		let shown = Inference::assigned_tasks(&first);
		assert_eq!(shown[0].deadline, task(id).checkers_by, "its worker is shown the check's own window");
		check_invariants();
		commit(id, first, &[1]);
		assert_eq!(phase(id), Phase::Commit, "the reveal waits for the other checker");
		check_invariants();
		assert_noop!(reveal(id, first, &[1]), Error::<Test>::NotRevealPhase);
		// Now the first checker is away and the second is back: never both free at once.
		assert_ok!(Inference::pause(signed(first)));
		assert_ok!(Inference::resume(signed(second)));
		advance(1);
		assert_eq!(assigned(id), vec![primary, first, second]);
		assert_eq!(task(id).redundancy, 3);
		serve_rest(id);
		assert_eq!(phase(id), Phase::Completed);
		for who in [primary, first, second] {
			assert!(emitted(Event::NodeRewarded { task: id, node: who, amount: FEE }), "{who} paid");
		}
	});
}

/// At `checkers_by`, a lone free node does not keep the check alive: only a draw that completes
/// the check counts then, so no check outlives the window its creator prepaid.
#[test]
fn a_lone_checker_free_only_at_the_deadline_does_not_extend_the_check() {
	ExtBuilder::default().build_and_execute(|| {
		let (id, primary, others) = a_check_after_commit(&[1]);
		for who in &others {
			assert_ok!(Inference::pause(signed(*who)));
		}
		advance(1);
		let checkers_by = task(id).checkers_by;
		advance(checkers_by - System::block_number() - 1);
		assert_eq!(phase(id), Phase::Commit);
		assert_ok!(Inference::resume(signed(others[0])));
		advance(1);
		assert_eq!(System::block_number(), checkers_by);
		assert_eq!(phase(id), Phase::Failed(FailReason::NoCheckers));
		assert_eq!(assigned(id), vec![primary], "the lone free node was not drawn");
	});
}

/// A cheating primary is caught by checkers drawn one at a time, as by a pair.
#[test]
fn a_cheating_primary_is_caught_by_checkers_drawn_one_by_one() {
	ExtBuilder::default().build_and_execute(|| {
		let (id, primary, others) = a_check_after_commit(&[9]); // garbage
		assert_ok!(Inference::pause(signed(others[1])));
		advance(1);
		commit(id, others[0], &[4]);
		assert_ok!(Inference::resume(signed(others[1])));
		advance(1);
		commit(id, others[1], &[4]);
		assert_eq!(phase(id), Phase::Reveal);
		assert_ok!(reveal(id, primary, &[9]));
		assert_ok!(reveal(id, others[0], &[4]));
		assert_ok!(reveal(id, others[1], &[4]));
		assert_eq!(task(id).result.unwrap().to_vec(), vec![4], "the checkers' honest result");
		assert!(emitted(Event::NodeSlashed { task: id, node: primary, amount: MIN_STAKE / 10 }));
	});
}

/// A check with one checker drawn and no second one in time fails as a whole: nobody is paid
/// or slashed, the fee is refunded, and the first checker is free again.
#[test]
fn a_check_left_with_one_checker_fails_and_frees_it() {
	ExtBuilder::default().build_and_execute(|| {
		let (id, primary, [first, second]) = a_check_after_commit(&[1]);
		assert_ok!(Inference::pause(signed(second)));
		advance(1);
		assert_eq!(assigned(id), vec![primary, first]);
		commit(id, first, &[1]);
		advance(COMMIT_PERIOD);
		assert_eq!(phase(id), Phase::Failed(FailReason::NoCheckers));
		assert!(emitted(Event::FeeRefunded { task: id, creator: 1, amount: 3 * FEE }), "refunded");
		assert!(!inference_events().iter().any(|e| matches!(e, Event::NodeRewarded { task, .. } if *task == id)));
		for who in [primary, first] {
			assert_eq!(held_stake(who), MIN_STAKE, "not slashed");
			assert!(!NodeTasks::<Test>::get(who).contains(&id), "{who} is free of the task");
			assert_eq!(Nodes::<Test>::get(who).unwrap().computing, 0);
		}
	});
}

#[test]
fn no_free_checkers_fails_the_task_without_paying_or_slashing() {
	ExtBuilder::default().build_and_execute(|| {
		nodes();
		let (id, primary) = sampled_task_that_is(true, 500);
		commit(id, primary, &[4]);
		for who in [10, 11, 12] {
			if who != primary {
				assert_ok!(Inference::pause(signed(who)));
			}
		}
		advance(1);
		// Checked, but no two other nodes are free: it waits for them, block after block...
		assert_eq!(phase(id), Phase::Commit);
		assert_eq!(task(id).verification, Verification::Sampled { permille: 500, checked: Some(true) });
		advance(COMMIT_PERIOD - 1);
		assert_eq!(phase(id), Phase::Commit);
		// ...for `CommitPeriod` blocks after the decision, then gives up.
		advance(1);
		assert_eq!(phase(id), Phase::Failed(FailReason::NoCheckers));
		assert!(emitted(Event::FeeRefunded { task: id, creator: 1, amount: 3 * FEE }), "refunded");
		assert_eq!(held_stake(primary), MIN_STAKE, "not slashed");
		assert!(!inference_events().iter().any(|e| matches!(e, Event::NodeRewarded { task, .. } if *task == id)));
	});
}

/// Over 2,000 sampled tasks at 300 per thousand, the observed share of checked tasks is within
/// 0.04 of 0.3 (four standard deviations), and executions per task are 1 + 2 x that share.
#[test]
fn the_observed_sampling_rate_matches_permille() {
	MaxQueueLen::set(200);
	MaxQueuedPerModel::set(200);
	MaxPoolBuckets::set(6);
	ExtBuilder::default().build_and_execute(|| {
		for who in 10..30 {
			assert_ok!(Inference::join(signed(who), MIN_STAKE * 10, vec![DIGITS], 4));
			proven(who);
		}
		let (mut created, target) = (0u64, 2_000u64);
		let mut executions = 0u64;
		while created < target || NodeTasks::<Test>::iter().count() > 0 {
			while created < target && Queue::<Test>::get().len() < 40 {
				let who = 1 + created % 9;
				assert_ok!(Inference::create_sampled_task(signed(who), DIGITS, input_for(DIGITS), FEE, 300));
				created += 1;
			}
			advance(1);
			for (node, tasks) in NodeTasks::<Test>::iter().collect::<Vec<_>>() {
				for id in tasks {
					let t = task(id);
					let a = t.assignments.iter().find(|a| a.node == node).unwrap();
					match t.phase {
						Phase::Commit if a.commitment.is_none() => {
							commit(id, node, &[1]);
							executions += 1;
						},
						Phase::Reveal if a.result.is_none() && a.commitment.is_some() => {
							assert_ok!(reveal(id, node, &[1]));
						},
						_ => {},
					}
				}
			}
		}
		let decided: Vec<bool> = inference_events()
			.iter()
			.filter_map(|e| if let Event::SampleDecided { checked, .. } = e { Some(*checked) } else { None })
			.collect();
		assert!(decided.len() as u64 >= target - 10, "only {} decided", decided.len());
		let rate = decided.iter().filter(|c| **c).count() as f64 / decided.len() as f64;
		assert!((rate - 0.3).abs() < 0.04, "observed rate {rate}");
		let per_task = executions as f64 / decided.len() as f64;
		assert!((per_task - (1.0 + 2.0 * rate)).abs() < 0.05, "{per_task} executions per task at rate {rate}");
	});
	MaxQueueLen::set(MAX_QUEUE);
	MaxQueuedPerModel::set(QUEUED_PER_MODEL);
	MaxPoolBuckets::set(MAX_BUCKETS);
}
