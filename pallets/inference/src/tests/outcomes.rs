//! Settlement: one test per row of PROTOCOL.md's outcome table (r = 3), cases for r = 1 and
//! r = 5, and each comparison mode at and just past its threshold.

use super::*;

const FEE: Balance = 100;
const SLASH: Balance = MIN_STAKE / 10;

/// What one assigned node does.
#[derive(Clone)]
enum Act {
	/// Commits and reveals this result.
	Reveal(Vec<u8>),
	/// Commits to this result and never reveals.
	Withhold(Vec<u8>),
	/// Never commits.
	Silent,
}
use Act::*;

/// Runs a task of `model` with one node per act (nodes 10, 11, ...; they reveal in that order)
/// through every phase. Returns the task id.
fn play(model: ModelId, acts: &[Act]) -> TaskId {
	let nodes: Vec<AccountId> = (10..10 + acts.len() as u64).collect();
	for n in &nodes {
		join(*n, &[model]);
	}
	let id = create(1, model, FEE, Some(acts.len() as u32));
	let mut drawn = assign(id);
	drawn.sort();
	assert_eq!(drawn, nodes, "every node is drawn when exactly r serve the model");
	for (n, act) in nodes.iter().zip(acts) {
		match act {
			Reveal(r) | Withhold(r) => commit(id, *n, r),
			Silent => {},
		}
	}
	if phase(id) == Phase::Commit {
		advance(COMMIT_PERIOD);
	}
	if phase(id) == Phase::Reveal {
		for (n, act) in nodes.iter().zip(acts) {
			if let Reveal(r) = act {
				assert_ok!(reveal(id, *n, r));
			}
		}
	}
	if phase(id) == Phase::Reveal {
		advance(REVEAL_PERIOD);
	}
	id
}

/// Expected effect on one node.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Fate {
	Paid,
	Slashed,
	/// Lost reputation only.
	Timeout,
	Untouched,
}
use Fate::*;

/// Checks every balance, stake and reputation against the expected fates, and the creator's
/// refund.
fn check(id: TaskId, fates: &[Fate]) {
	let paid = fates.iter().filter(|f| **f == Paid).count() as Balance;
	let slashed = fates.iter().filter(|f| **f == Slashed).count() as Balance;
	for (i, fate) in fates.iter().enumerate() {
		let n = 10 + i as u64;
		let node = Nodes::<Test>::get(n).unwrap();
		let (free_expected, stake_expected, rep_expected) = match fate {
			Paid => (ENDOWMENT - MIN_STAKE + FEE, MIN_STAKE, INITIAL_REPUTATION + REPUTATION_REWARD),
			Slashed => (ENDOWMENT - MIN_STAKE, MIN_STAKE - SLASH, INITIAL_REPUTATION - REPUTATION_PENALTY),
			Timeout => (ENDOWMENT - MIN_STAKE, MIN_STAKE, INITIAL_REPUTATION - REPUTATION_PENALTY),
			Untouched => (ENDOWMENT - MIN_STAKE, MIN_STAKE, INITIAL_REPUTATION),
		};
		assert_eq!(free(n), free_expected, "free balance of node {n} ({fate:?})");
		assert_eq!((node.stake, held_stake(n)), (stake_expected, stake_expected), "stake of node {n}");
		assert_eq!(node.reputation, rep_expected, "reputation of node {n}");
		assert!(NodeTasks::<Test>::get(n).is_empty(), "node {n} was freed");
	}
	assert_eq!(free(1), ENDOWMENT - paid * FEE, "the creator pays only agreeing nodes");
	assert_eq!(held_fee(1), 0, "nothing stays held");
	assert_eq!(free(TREASURY), 1 + slashed * SLASH, "slashes go to the treasury");
	if paid < fates.len() as Balance {
		assert!(emitted(Event::FeeRefunded {
			task: id,
			creator: 1,
			amount: (fates.len() as Balance - paid) * FEE
		}));
	}
}

fn completed_with(id: TaskId, result: &[u8]) {
	assert_eq!(phase(id), Phase::Completed);
	assert_eq!(task(id).result.unwrap().to_vec(), result.to_vec());
	assert!(emitted(Event::TaskCompleted { task: id, result: result.to_vec() }));
}

fn failed_with(id: TaskId, reason: FailReason) {
	assert_eq!(phase(id), Phase::Failed(reason));
	assert_eq!(task(id).result, None);
}

fn a() -> Vec<u8> {
	vec![7]
}
fn b() -> Vec<u8> {
	vec![8]
}
fn c() -> Vec<u8> {
	vec![9]
}

#[test]
fn aaa_completes_and_pays_everyone() {
	ExtBuilder::default().build_and_execute(|| {
		let id = play(DIGITS, &[Reveal(a()), Reveal(a()), Reveal(a())]);
		completed_with(id, &a());
		check(id, &[Paid, Paid, Paid]);
		for n in 10..13 {
			assert!(emitted(Event::NodeRewarded { task: id, node: n, amount: FEE }));
		}
	});
}

#[test]
fn aab_completes_and_slashes_the_deviator() {
	ExtBuilder::default().build_and_execute(|| {
		let id = play(DIGITS, &[Reveal(a()), Reveal(b()), Reveal(a())]);
		completed_with(id, &a());
		check(id, &[Paid, Slashed, Paid]);
		assert!(emitted(Event::NodeSlashed { task: id, node: 11, amount: SLASH }));
	});
}

#[test]
fn aah_completes_and_slashes_the_withholder() {
	ExtBuilder::default().build_and_execute(|| {
		let id = play(DIGITS, &[Reveal(a()), Withhold(a()), Reveal(a())]);
		completed_with(id, &a());
		check(id, &[Paid, Slashed, Paid]);
	});
}

#[test]
fn aa_silent_completes_and_the_silent_node_loses_reputation_only() {
	ExtBuilder::default().build_and_execute(|| {
		let id = play(DIGITS, &[Reveal(a()), Silent, Reveal(a())]);
		completed_with(id, &a());
		check(id, &[Paid, Timeout, Paid]);
	});
}

#[test]
fn abc_has_no_quorum_refunds_and_slashes_nobody() {
	ExtBuilder::default().build_and_execute(|| {
		let id = play(DIGITS, &[Reveal(a()), Reveal(b()), Reveal(c())]);
		failed_with(id, FailReason::NoQuorum);
		check(id, &[Untouched, Untouched, Untouched]);
	});
}

#[test]
fn ab_silent_has_no_quorum_and_only_the_silent_node_loses_reputation() {
	ExtBuilder::default().build_and_execute(|| {
		let id = play(DIGITS, &[Reveal(a()), Reveal(b()), Silent]);
		failed_with(id, FailReason::NoQuorum);
		check(id, &[Untouched, Untouched, Timeout]);
	});
}

#[test]
fn abh_has_no_quorum_but_the_withholder_is_still_slashed() {
	ExtBuilder::default().build_and_execute(|| {
		let id = play(DIGITS, &[Reveal(a()), Reveal(b()), Withhold(a())]);
		failed_with(id, FailReason::NoQuorum);
		check(id, &[Untouched, Untouched, Slashed]);
	});
}

#[test]
fn one_commit_of_three_fails_and_refunds() {
	ExtBuilder::default().build_and_execute(|| {
		let id = play(DIGITS, &[Reveal(a()), Silent, Silent]);
		failed_with(id, FailReason::NotEnoughCommits);
		check(id, &[Untouched, Timeout, Timeout]);
		assert!(emitted(Event::TaskFailed { task: id, reason: FailReason::NotEnoughCommits }));
	});
}

#[test]
fn no_commit_at_all_fails_and_every_node_loses_reputation() {
	ExtBuilder::default().build_and_execute(|| {
		let id = play(DIGITS, &[Silent, Silent, Silent]);
		failed_with(id, FailReason::NotEnoughCommits);
		check(id, &[Timeout, Timeout, Timeout]);
	});
}

#[test]
fn redundancy_one_completes_with_a_single_node() {
	ExtBuilder::default().build_and_execute(|| {
		let id = play(DIGITS, &[Reveal(a())]);
		completed_with(id, &a());
		// Issue 16, attack 4: paid, but nobody confirmed the result: no reputation for it.
		let rep = Nodes::<Test>::get(10).unwrap().reputation;
		assert_eq!(rep, INITIAL_REPUTATION, "unconfirmed work earns no reputation");
		// The shared check expects a paid node's reward: give it, to check the rest.
		set_reputation(10, rep + REPUTATION_REWARD);
		check(id, &[Paid]);
	});
	ExtBuilder::default().build_and_execute(|| {
		let id = play(DIGITS, &[Silent]);
		failed_with(id, FailReason::NotEnoughCommits);
		check(id, &[Timeout]);
	});
}

#[test]
fn redundancy_five_needs_three_agreeing() {
	ExtBuilder::default().build_and_execute(|| {
		let id = play(DIGITS, &[Reveal(b()), Reveal(a()), Reveal(a()), Reveal(b()), Reveal(a())]);
		completed_with(id, &a());
		check(id, &[Slashed, Paid, Paid, Slashed, Paid]);
	});
	ExtBuilder::default().build_and_execute(|| {
		let id = play(DIGITS, &[Reveal(a()), Reveal(a()), Reveal(b()), Reveal(b()), Reveal(c())]);
		failed_with(id, FailReason::NoQuorum);
		check(id, &[Untouched; 5]);
	});
	ExtBuilder::default().build_and_execute(|| {
		// Three commits of five reach the quorum at the end of the commit window.
		let id = play(DIGITS, &[Reveal(a()), Silent, Reveal(a()), Silent, Reveal(a())]);
		completed_with(id, &a());
		check(id, &[Paid, Timeout, Paid, Timeout, Paid]);
	});
	ExtBuilder::default().build_and_execute(|| {
		let id = play(DIGITS, &[Reveal(a()), Silent, Reveal(a()), Silent, Silent]);
		failed_with(id, FailReason::NotEnoughCommits);
		check(id, &[Untouched, Timeout, Untouched, Timeout, Timeout]);
	});
}

#[test]
fn an_even_split_has_no_quorum_and_the_middle_value_gathers_a_cluster() {
	ExtBuilder::default().build_and_execute(|| {
		// r = 4, quorum 3: two against two is no quorum, whatever the order.
		let id = play(DIGITS, &[Reveal(b()), Reveal(a()), Reveal(a()), Reveal(b())]);
		failed_with(id, FailReason::NoQuorum);
	});
	ExtBuilder::default().build_and_execute(|| {
		// Tolerance 5: 0 ~ 5 ~ 10 but 0 !~ 10. The reveals 0, 10, 5: candidates 0 and 10 have
		// two agreeing each, 5 has three: 5 wins and all are paid.
		let v = |x: i32| x.to_le_bytes().to_vec();
		let id = play(VAD, &[Reveal(v(0)), Reveal(v(10)), Reveal(v(5))]);
		completed_with(id, &v(5));
		check(id, &[Paid, Paid, Paid]);
	});
}

fn fixed(values: &[i32]) -> Vec<u8> {
	values.iter().flat_map(|v| v.to_le_bytes()).collect()
}

#[test]
fn tolerance_at_the_threshold_agrees() {
	ExtBuilder::default().build_and_execute(|| {
		let id = play(VAD, &[Reveal(fixed(&[100, 7])), Reveal(fixed(&[105, 2])), Reveal(fixed(&[100, 7]))]);
		// All three agree with each other: every candidate has the same cluster, and the
		// smaller hash of the two results is the stored one.
		let (x, y) = (fixed(&[100, 7]), fixed(&[105, 2]));
		let expected = if deai_primitives::blake2_256(&x) < deai_primitives::blake2_256(&y) { x } else { y };
		completed_with(id, &expected);
		check(id, &[Paid, Paid, Paid]);
	});
}

#[test]
fn tolerance_just_past_the_threshold_deviates() {
	ExtBuilder::default().build_and_execute(|| {
		let id = play(VAD, &[Reveal(fixed(&[100, 7])), Reveal(fixed(&[106, 7])), Reveal(fixed(&[100, 7]))]);
		completed_with(id, &fixed(&[100, 7]));
		check(id, &[Paid, Slashed, Paid]);
	});
}

#[test]
fn hamming_at_the_threshold_agrees() {
	ExtBuilder::default().build_and_execute(|| {
		let id = play(HASHER, &[Reveal(vec![0, 0]), Reveal(vec![0b0011, 0]), Reveal(vec![0, 0])]);
		completed_with(id, &[0, 0]);
		check(id, &[Paid, Paid, Paid]);
	});
}

#[test]
fn hamming_just_past_the_threshold_deviates() {
	ExtBuilder::default().build_and_execute(|| {
		let id = play(HASHER, &[Reveal(vec![0, 0]), Reveal(vec![0b0111, 0]), Reveal(vec![0, 0])]);
		completed_with(id, &[0, 0]);
		check(id, &[Paid, Slashed, Paid]);
	});
}

#[test]
fn hamming_is_never_looser_than_one_bit_in_eight() {
	ExtBuilder::default().build_and_execute(|| {
		// The entry allows two bits, but one-byte results may differ in one bit only.
		let id = play(HASHER, &[Reveal(vec![0]), Reveal(vec![0b0011]), Reveal(vec![0])]);
		completed_with(id, &[0]);
		check(id, &[Paid, Slashed, Paid]);
	});
}

#[test]
fn exact_one_byte_off_deviates() {
	ExtBuilder::default().build_and_execute(|| {
		let id = play(DIGITS, &[Reveal(vec![1, 2]), Reveal(vec![1, 3]), Reveal(vec![1, 2])]);
		completed_with(id, &[1, 2]);
		check(id, &[Paid, Slashed, Paid]);
	});
}

#[test]
fn error_results_cross_validate_like_any_result() {
	ExtBuilder::default().build_and_execute(|| {
		let err = deai_primitives::ERROR_RESULT.to_vec();
		let id = play(VAD, &[Reveal(err.clone()), Reveal(err.clone()), Reveal(fixed(&[1, 2, 3]))]);
		completed_with(id, &err);
		check(id, &[Paid, Paid, Slashed]);
	});
}

/// r = 5, tolerance 5, reveals 0, 10, 5, 20, 15 in some order. Candidates 10, 5 and 15 each
/// agree with three reveals and each cluster has two agreeing pairs: the smallest hash of a
/// result decides, never the order of the reveals. Whatever wins, a reveal that agrees with a
/// member of the winning cluster is spared, and one that agrees with none is slashed.
#[test]
fn a_full_tie_is_broken_by_hash_not_by_reveal_order() {
	let v = |x: i32| x.to_le_bytes().to_vec();
	let candidates = [10, 5, 15];
	let winner = *candidates.iter().min_by_key(|x| deai_primitives::blake2_256(&v(**x))).unwrap();
	let cluster: Vec<i32> = match winner {
		10 => vec![5, 10, 15],
		5 => vec![0, 5, 10],
		_ => vec![10, 15, 20],
	};
	let agrees = |x: i32, y: i32| (x - y).abs() <= 5;
	for order in [[0, 10, 5, 20, 15], [15, 20, 5, 10, 0], [5, 0, 15, 10, 20]] {
		ExtBuilder::default().build_and_execute(|| {
			let acts: Vec<Act> = order.iter().map(|x| Reveal(v(*x))).collect();
			let id = play(VAD, &acts);
			completed_with(id, &v(winner));
			let fates: Vec<Fate> = order
				.iter()
				.map(|x| {
					if cluster.contains(x) {
						Paid
					} else if cluster.iter().any(|m| agrees(*m, *x)) {
						Untouched
					} else {
						Slashed
					}
				})
				.collect();
			check(id, &fates);
		});
	}
}
