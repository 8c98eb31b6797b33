//! The attacks of the Protocol v2 review, one test each (attack 8, meaningless models, is in
//! `models.rs`; attack 3's late commits and reveals in `protocol.rs`). Each failed on the v1
//! pallet.

use super::*;
use frame_support::{assert_noop, dispatch::GetDispatchInfo, weights::Weight};

/// Attack 1: eight high-fee tasks that cannot be drawn sat at the top of the queue and used every
/// per-block attempt, so servable tasks below them timed out while nodes were idle. Now an
/// unservable draw costs one read and no attempt counter exists: a queue full of unservable
/// tasks at any fee never delays a servable task by more than one block.
#[test]
fn unservable_tasks_never_delay_a_servable_one() {
	ExtBuilder::default().build_and_execute(|| {
		// DIGITS has five nodes of capacity one, all busy with one task (r = 5).
		for who in 10..15 {
			assert_ok!(Inference::join(signed(who), MIN_STAKE, vec![DIGITS], 1));
		}
		let busy = create(1, DIGITS, MIN_FEE, Some(5));
		assign(busy);
		// VAD has three free nodes.
		for who in 20..23 {
			join(who, &[VAD]);
		}
		// The queue fills with DIGITS tasks at high fees and every redundancy: none can be drawn.
		// (Creation needs active nodes, which the busy ones are.)
		let stuck: Vec<TaskId> =
			(0..QUEUED_PER_MODEL).map(|i| create(2, DIGITS, 1_000 - i as u64, Some(5 - i % 5))).collect();
		let servable = create(3, VAD, MIN_FEE, Some(3));
		advance(1);
		assert_eq!(phase(servable), Phase::Commit, "drawn in the block after its inclusion");
		assert!(stuck.iter().all(|id| phase(*id) == Phase::Queued));
		// Block after block, the stuck tasks cost the hook next to nothing.
		for _ in 0..3 {
			let used = on_initialize_next();
			let ceiling = <() as WeightInfo>::on_initialize_base()
				.saturating_add(<() as WeightInfo>::queue_scan(MAX_QUEUE))
				.saturating_add(db().reads_writes(8, 8));
			assert!(used.all_lte(ceiling), "unservable tasks cost {used:?}");
		}
	});
}

/// Runs the next block's hooks; returns their weight.
fn on_initialize_next() -> Weight {
	let next = System::block_number() + 1;
	System::set_block_number(next);
	System::set_parent_hash(parent_hash_of(next));
	on_initialize(next)
}

/// How often each node is picked first in `rounds` independent draws of one node for `model`.
fn draw_counts(model: ModelId, nodes: &[AccountId], rounds: u64) -> Vec<u64> {
	let mut counts = vec![0u64; nodes.len()];
	for task in 0..rounds {
		let drawn = Inference::draw(model, 1, b"statistics", task).nodes.expect("a node is drawn");
		let i = nodes.iter().position(|n| *n == drawn[0]).unwrap();
		counts[i] += 1;
	}
	counts
}

/// Attack 2a: with square-root weights, four accounts of S each got 63% of the draws against one
/// account of 4S. Now weight is linear in stake: over 4,000 draws each account's share is its
/// share of the stake within 3 percentage points (more than 4 standard deviations).
#[test]
fn splitting_a_stake_over_accounts_gains_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Inference::join(signed(10), 4 * MIN_STAKE, vec![DIGITS], 4));
		for who in 11..15 {
			assert_ok!(Inference::join(signed(who), MIN_STAKE, vec![DIGITS], 4));
		}
		// Same reputation for all.
		for who in 10..15 {
			set_reputation(who, MAX_REPUTATION);
		}
		let rounds = 4_000;
		let counts = draw_counts(DIGITS, &[10, 11, 12, 13, 14], rounds);
		let share = |c: u64| c as f64 / rounds as f64;
		assert!((share(counts[0]) - 0.5).abs() < 0.03, "the 4S account: {counts:?}");
		let split: u64 = counts[1..].iter().sum();
		assert!((share(split) - 0.5).abs() < 0.03, "the four S accounts together: {counts:?}");
		for c in &counts[1..] {
			assert!((share(*c) - 0.125).abs() < 0.03, "one S account: {counts:?}");
		}
	});
}

/// Attack 2b: new accounts started at the maximum reputation. Now they start on probation:
/// a new account's share is below an equal-stake node that has served (reputation 1000 against
/// 600: expected 62.5% and 37.5%).
#[test]
fn a_new_account_is_drawn_less_than_a_proven_one() {
	ExtBuilder::default().build_and_execute(|| {
		join(10, &[DIGITS]);
		join(11, &[DIGITS]);
		set_reputation(10, MAX_REPUTATION);
		let rounds = 4_000;
		let counts = draw_counts(DIGITS, &[10, 11], rounds);
		let proven = counts[0] as f64 / rounds as f64;
		assert!((proven - 0.625).abs() < 0.03, "{counts:?}");
		assert!(counts[1] < counts[0]);
		// And one honest task lifts a node above every new account.
		assert!(INITIAL_REPUTATION + REPUTATION_REWARD > INITIAL_REPUTATION);
	});
}

/// Attack 2c: `leave` then `join` reset a bad reputation, and `resume` lifted an automatic pause
/// at once. Now reputation (and a running cooldown) survives leaving for `ReputationMemory`.
#[test]
fn leaving_and_joining_again_keeps_the_reputation() {
	ExtBuilder::default().build_and_execute(|| {
		for who in [10, 11, 12] {
			join(who, &[DIGITS]);
		}
		// Node 12 misses a commit: 600 -> 500.
		let id = create(1, DIGITS, MIN_FEE, None);
		assign(id);
		commit(id, 10, &[1]);
		commit(id, 11, &[1]);
		advance(COMMIT_PERIOD);
		assert_ok!(reveal(id, 10, &[1]));
		assert_ok!(reveal(id, 11, &[1]));
		assert_eq!(reputation(12), 500);
		assert_ok!(Inference::leave(signed(12)));
		assert_eq!(RetainedReputations::<Test>::get(12).unwrap().reputation, 500);
		assert_ok!(Inference::join(signed(12), MIN_STAKE, vec![DIGITS], 2));
		assert_eq!(reputation(12), 500, "not reset to the initial 600");
		assert!(!RetainedReputations::<Test>::contains_key(12));

		// An automatic pause: leaving and joining again does not lift it, nor its cooldown.
		set_reputation(12, REPUTATION_FLOOR);
		let id = create(1, DIGITS, MIN_FEE, None);
		assign(id);
		commit(id, 10, &[1]);
		commit(id, 11, &[1]);
		advance(COMMIT_PERIOD);
		assert_ok!(reveal(id, 10, &[1]));
		assert_ok!(reveal(id, 11, &[1]));
		assert_eq!(Nodes::<Test>::get(12).unwrap().status, NodeStatus::AutoPaused);
		assert_ok!(Inference::leave(signed(12)));
		assert_ok!(Inference::join(signed(12), MIN_STAKE, vec![DIGITS], 2));
		let node = Nodes::<Test>::get(12).unwrap();
		assert_eq!((node.status, node.reputation), (NodeStatus::AutoPaused, REPUTATION_FLOOR - REPUTATION_PENALTY));
		assert_noop!(Inference::resume(signed(12)), Error::<Test>::CoolingDown);
		assert_eq!(Pools::<Test>::get(DIGITS).unwrap().active, 2, "it is in the pool, not active");
	});
}

/// Remembered reputations are forgotten only after `ReputationMemory`, by anyone, for free.
#[test]
fn a_remembered_reputation_is_forgotten_after_its_memory() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(Inference::forget_reputation(signed(1), 10), Error::<Test>::NoRetainedReputation);
		join(10, &[DIGITS]);
		set_reputation(10, 900);
		assert_ok!(Inference::leave(signed(10)));
		assert_noop!(Inference::forget_reputation(signed(1), 10), Error::<Test>::ReputationNotExpired);
		advance(REPUTATION_MEMORY + 1);
		let info = Inference::forget_reputation(signed(1), 10).unwrap();
		assert_eq!(info.pays_fee, frame_support::dispatch::Pays::No);
		assert!(emitted(Event::ReputationForgotten { account: 10 }));
		// A node whose reputation equals a new account's leaves nothing to remember.
		join(11, &[DIGITS]);
		assert_ok!(Inference::leave(signed(11)));
		assert!(!RetainedReputations::<Test>::contains_key(11));
	});
}

/// Attack 2d: the 65th node of a model was refused whatever its stake, so early accounts could
/// hold every slot. Now a full pool admits a node with more stake in place of the one with the
/// least.
#[test]
fn a_full_pool_admits_more_stake_in_place_of_the_least() {
	ExtBuilder::default().build_and_execute(|| {
		// Squatters fill DIGITS's pool with the minimum stake.
		let squatters: Vec<AccountId> = (10..10 + POOL_CAPACITY as u64).collect();
		for who in &squatters {
			join(*who, &[DIGITS, VAD]);
		}
		assert_eq!(Pools::<Test>::get(DIGITS).unwrap().members, POOL_CAPACITY);
		// As much stake as the least: refused.
		assert_noop!(Inference::join(signed(50), MIN_STAKE, vec![DIGITS], 1), Error::<Test>::PoolFull);
		// More stake: admitted, and the least-staked squatter no longer serves DIGITS.
		assert_ok!(Inference::join(signed(50), 5 * MIN_STAKE, vec![DIGITS], 1));
		let displaced = squatters.iter().copied().find(|s| !pool_members(DIGITS).contains(s)).unwrap();
		assert!(emitted(Event::NodeDisplaced { node: displaced, model: DIGITS, by: 50 }));
		assert_eq!(Nodes::<Test>::get(displaced).unwrap().model_ids(), vec![VAD], "it still serves VAD");
		assert_eq!(Pools::<Test>::get(DIGITS).unwrap().members, POOL_CAPACITY);
		assert!(pool_members(DIGITS).contains(&50));
		// The same through `update_node`.
		join(51, &[HASHER]);
		assert_ok!(Inference::add_stake(signed(51), 2 * MIN_STAKE));
		assert_ok!(Inference::update_node(signed(51), vec![HASHER, DIGITS], 2));
		assert!(pool_members(DIGITS).contains(&51));
	});
}

/// Attack 3: create + cancel pairs cost almost nothing and each left hook work behind. Now a
/// cancellation costs `CancellationCharge` (at least `MinFeePerNode`), and `create_task` pays
/// for the hook work its task causes: its draw, two deadline entries, its pruning.
#[test]
fn churning_the_queue_costs_the_churner() {
	ExtBuilder::default().build_and_execute(|| {
		for who in [10, 11, 12] {
			join(who, &[DIGITS]);
		}
		let treasury = free(TREASURY);
		for _ in 0..5 {
			let id = create(1, DIGITS, MIN_FEE, None);
			assert_ok!(Inference::cancel_task(signed(1), id));
		}
		assert_eq!(free(1), ENDOWMENT - 5 * MIN_FEE);
		assert_eq!(free(TREASURY), treasury + 5 * MIN_FEE);

		let call = crate::Call::<Test>::create_task {
			model: DIGITS,
			input: input_for(DIGITS),
			fee_per_node: MIN_FEE,
			redundancy: None,
		};
		let charged = call.get_dispatch_info().call_weight;
		let hook_work = <() as WeightInfo>::assign_task(3, POOL_CAPACITY)
			.saturating_add(<() as WeightInfo>::deadline_stale().saturating_mul(2))
			.saturating_add(<() as WeightInfo>::prune());
		assert!(charged.all_gte(<() as WeightInfo>::create_task(4).saturating_add(hook_work)));
	});
}

/// Attack 4: a hook step could fail half-way (scheduling into full slots) and leave a task
/// refunded but queued, or settled but still in its reveal phase for a second settlement. Now
/// scheduling cannot fail, every step is one transaction, and a settled task cannot be revealed
/// into again.
#[test]
fn a_settled_task_is_never_settled_twice() {
	ExtBuilder::default().build_and_execute(|| {
		for who in [10, 11, 12] {
			join(who, &[DIGITS]);
			proven(who);
		}
		// Another open task of the same creator keeps fees held that a second settlement could
		// have paid from.
		let other = create(1, DIGITS, 50, Some(1));
		let id = create(1, DIGITS, 50, None);
		advance(1);
		let nodes = assigned(id);
		for n in &nodes {
			commit(id, *n, &[1]);
		}
		assert_ok!(reveal(id, nodes[0], &[1]));
		assert_ok!(reveal(id, nodes[1], &[1]));
		let due = task(id).deadline;
		run_to_block(due);
		assert_eq!(phase(id), Phase::Completed);
		assert!(emitted(Event::NodeSlashed { task: id, node: nodes[2], amount: MIN_STAKE / 10 }));
		// The withholder reveals after settlement: refused, nothing paid twice.
		let held = held_fee(1);
		assert_noop!(reveal(id, nodes[2], &[1]), Error::<Test>::NotRevealPhase);
		assert_eq!(held_fee(1), held);
		let _ = other;
	});
}

/// Attack 5: r = 5, tolerance 5; honest nodes reveal 0, 3, 5, attackers reveal 6 first, then 11.
/// v1 broke the tie among 3, 5 and 6 by the earliest reveal (6): the honest 0 was slashed and
/// 11 was paid. Now the denser cluster {0, 3, 5, 6} wins whatever the order, and 11, which
/// agrees with the member 6, is neither paid nor slashed.
#[test]
fn an_honest_node_is_never_slashed_by_where_attackers_place_results() {
	let v = |x: i32| x.to_le_bytes().to_vec();
	for order in [[6, 11, 0, 3, 5], [0, 3, 5, 6, 11], [11, 6, 5, 3, 0]] {
		ExtBuilder::default().build_and_execute(|| {
			let nodes: Vec<AccountId> = (10..15).collect();
			for n in &nodes {
				join(*n, &[VAD]);
			}
			let id = create(1, VAD, 100, Some(5));
			assign(id);
			for (n, x) in nodes.iter().zip(order) {
				commit(id, *n, &v(x));
			}
			for (n, x) in nodes.iter().zip(order) {
				assert_ok!(reveal(id, *n, &v(x)));
			}
			assert_eq!(phase(id), Phase::Completed);
			for (n, x) in nodes.iter().zip(order) {
				let node = Nodes::<Test>::get(n).unwrap();
				match x {
					11 => {
						assert_eq!(node.stake, MIN_STAKE, "the near-tie is not slashed");
						assert_eq!(free(*n), ENDOWMENT - MIN_STAKE, "nor paid");
					},
					_ => assert_eq!(free(*n), ENDOWMENT - MIN_STAKE + 100, "{x} is paid"),
				}
			}
			assert_eq!(free(1), ENDOWMENT - 4 * 100, "the near-tie's share is refunded");
		});
	}
}

/// Attack 6: moving a node away from a model stored an empty list for it. Now nothing empty is
/// stored (the invariant check after every test looks for empty pools and buckets).
#[test]
fn moving_away_from_a_model_leaves_nothing_empty() {
	ExtBuilder::default().build_and_execute(|| {
		join(10, &[DIGITS, VAD]);
		assert_ok!(Inference::update_node(signed(10), vec![VAD], 2));
		assert!(!Pools::<Test>::contains_key(DIGITS));
		assert_eq!(PoolBuckets::<Test>::iter_prefix(DIGITS).count(), 0);
		check_invariants();
	});
}

/// Attack 7: a task evicted the cheapest queued one by paying one unit more, then cancelled for
/// a full refund. Now the cancellation costs it a real charge.
#[test]
fn evicting_then_cancelling_costs_the_evictor() {
	ExtBuilder::default().build_and_execute(|| {
		for who in [10, 11, 12] {
			join(who, &[DIGITS, VAD]);
		}
		for i in 0..MAX_QUEUE as u64 {
			create(1 + i % 3, if i % 2 == 0 { DIGITS } else { VAD }, MIN_FEE, None);
		}
		let evictor = create(9, DIGITS, MIN_FEE + 1, None);
		assert!(inference_events()
			.iter()
			.any(|e| matches!(e, Event::TaskFailed { reason: FailReason::Evicted, .. })));
		assert_ok!(Inference::cancel_task(signed(9), evictor));
		assert!(free(9) < ENDOWMENT, "the evictor lost the eviction and cancellation charges");
		assert_eq!(free(9), ENDOWMENT - 2 * MIN_FEE);
		assert!(emitted(Event::EvictionCharged { task: evictor, evicted: 5, amount: MIN_FEE }));
	});
}

/// Attack 9: commits and reveals rewrote a task record holding its whole input, and
/// `update_node` was charged on the new list only. Now the input is stored apart (commit and
/// reveal never touch it) and `update_node` is charged for the models it drops too.
#[test]
fn calls_are_charged_for_what_they_touch() {
	ExtBuilder::default().build_and_execute(|| {
		use codec::Encode;
		for who in [10, 11, 12] {
			join(who, &[VAD]);
		}
		let id = create(1, VAD, MIN_FEE, None);
		assert!(task(id).encoded_size() < 200, "the task record holds no input");
		assert_eq!(Inputs::<Test>::get(id).unwrap().len(), 8);

		let update = crate::Call::<Test>::update_node { models: vec![DIGITS], capacity: 1 };
		assert!(update
			.get_dispatch_info()
			.call_weight
			.all_gte(<() as WeightInfo>::update_node(3, 1)));
		let small = crate::Call::<Test>::create_task {
			model: VAD,
			input: vec![0; 8],
			fee_per_node: MIN_FEE,
			redundancy: None,
		};
		let large = crate::Call::<Test>::create_task {
			model: VAD,
			input: vec![0; 64],
			fee_per_node: MIN_FEE,
			redundancy: None,
		};
		assert!(large.get_dispatch_info().call_weight.ref_time() >= small.get_dispatch_info().call_weight.ref_time());
	});
}

/// Review finding: a new account with a large capacity could take many tasks before its first
/// miss was processed. Its slots are scaled by its reputation (and its stake): with the minimum
/// stake, a node of capacity 4 on probation takes two tasks at a time, a proven one four.
#[test]
fn probation_limits_how_many_tasks_a_new_node_holds() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Inference::join(signed(10), MIN_STAKE, vec![DIGITS], 4));
		assert_eq!(Nodes::<Test>::get(10).unwrap().effective_capacity(), 2);
		let tasks: Vec<TaskId> = (1..=3).map(|c| create(c, DIGITS, MIN_FEE, Some(1))).collect();
		advance(1);
		assert_eq!(tasks.iter().map(|t| phase(*t)).collect::<Vec<_>>(), vec![Phase::Commit, Phase::Commit, Phase::Queued]);
		serve(tasks[0], &[1]);
		serve(tasks[1], &[1]);
		serve_when_assigned(tasks[2]);
		let mut node = Nodes::<Test>::get(10).unwrap();
		node.reputation = MAX_REPUTATION;
		assert_eq!(node.effective_capacity(), 4);
		node.reputation = REPUTATION_FLOOR;
		assert_eq!(node.effective_capacity(), 2, "at the floor: two tasks");
		node.stake = 2 * MIN_STAKE;
		assert_eq!(node.effective_capacity(), 4, "slots grow with stake");
	});
}

fn serve_when_assigned(id: TaskId) {
	advance(1);
	serve(id, &[1]);
}

/// Review finding: leaving and joining again skipped a running cooldown. A remembered cooldown
/// keeps the node paused until it ends.
#[test]
fn joining_again_keeps_a_running_cooldown() {
	ExtBuilder::default().build_and_execute(|| {
		join(10, &[DIGITS]);
		let now = System::block_number();
		Nodes::<Test>::mutate(10, |n| n.as_mut().unwrap().resume_after = now + RESUME_COOLDOWN);
		assert_ok!(Inference::leave(signed(10)));
		assert_ok!(Inference::join(signed(10), MIN_STAKE, vec![DIGITS], 2));
		assert_eq!(Nodes::<Test>::get(10).unwrap().status, NodeStatus::AutoPaused);
		assert_noop!(Inference::resume(signed(10)), Error::<Test>::CoolingDown);
		advance(RESUME_COOLDOWN);
		assert_ok!(Inference::resume(signed(10)));
	});
}

/// Review finding: displacing a node and leaving at once cost only fees. A node that displaced
/// another is bonded for `ResumeCooldown` blocks.
#[test]
fn displacing_binds_the_newcomer_for_a_while() {
	ExtBuilder::default().build_and_execute(|| {
		for who in 10..10 + POOL_CAPACITY as u64 {
			join(who, &[DIGITS]);
		}
		assert_ok!(Inference::join(signed(50), 2 * MIN_STAKE, vec![DIGITS], 1));
		assert_noop!(Inference::leave(signed(50)), Error::<Test>::Bonded);
		advance(RESUME_COOLDOWN);
		assert_ok!(Inference::leave(signed(50)));
	});
}

/// A step that cannot be carried out is rolled back and the task aborted: everything it holds is
/// refunded and its nodes are freed, nobody is paid or slashed, and it is pruned as usual.
#[test]
fn an_aborted_task_refunds_and_frees_everything() {
	ExtBuilder::default().build_and_execute(|| {
		for who in [10, 11, 12] {
			join(who, &[DIGITS]);
		}
		let id = create(1, DIGITS, 40, None);
		assign(id);
		for n in [10, 11, 12] {
			commit(id, n, &[1]);
		}
		assert_ok!(reveal(id, 10, &[1]));
		Inference::abort(id, System::block_number());
		assert_eq!(phase(id), Phase::Failed(FailReason::Aborted));
		assert_eq!(free(1), ENDOWMENT, "the whole fee came back");
		for n in [10, 11, 12] {
			assert!(NodeTasks::<Test>::get(n).is_empty());
			assert_eq!((held_stake(n), reputation(n)), (MIN_STAKE, INITIAL_REPUTATION));
		}
		assert_eq!(Pools::<Test>::get(DIGITS).unwrap().eligible(), 3);
		check_invariants();
		advance(RETENTION);
		assert!(!Tasks::<Test>::contains_key(id));
	});
}
