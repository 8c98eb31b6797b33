//! Protocol v3: the attacks of the review of Protocol v2 with sampled verification, each a
//! sequence of calls an attacker with many accounts and money would make (issue 16). Each test
//! failed on the v2 code.

use super::*;
use crate::WeightInfo;
use frame_support::{
	assert_noop,
	traits::{
		fungible::{InspectHold, MutateHold},
		tokens::Precision,
	},
};
use sp_runtime::Perbill;

/// `who` joins serving DIGITS with `stake` and `capacity`, past probation.
fn proven_node(who: AccountId, stake: Balance, capacity: u32) {
	assert_ok!(Inference::join(signed(who), stake, vec![DIGITS], capacity));
	proven(who);
}

/// Every assigned node of every open task commits and reveals the honest result `[1]` (what
/// its phase needs now).
fn everyone_serves() {
	for (node, tasks) in NodeTasks::<Test>::iter().collect::<Vec<_>>() {
		for id in tasks {
			let t = task(id);
			let a = t.assignments.iter().find(|a| a.node == node).unwrap();
			match t.phase {
				Phase::Commit if a.commitment.is_none() => commit(id, node, &[1]),
				Phase::Reveal if a.result.is_none() => {
					assert_ok!(reveal(id, node, &[1]));
				},
				_ => {},
			}
		}
	}
}

fn create_sampled(creator: AccountId, fee: Balance, permille: u16) -> TaskId {
	let id = NextTaskId::<Test>::get();
	assert_ok!(Inference::create_sampled_task(signed(creator), DIGITS, input_for(DIGITS), fee, permille));
	id
}

/// Attack 1: four accounts of stake S held four times the concurrent tasks of one account of 4S,
/// so under load the split stake took most of the work. Slots now grow with stake: the split
/// stake gets its stake's share of the tasks, under load as on an idle pool.
#[test]
fn splitting_a_stake_never_raises_its_share_of_tasks_under_load() {
	MaxCapacity::set(16);
	MaxQueueLen::set(100);
	MaxQueuedPerModel::set(100);
	ExtBuilder::default().build_and_execute(|| {
		for small in [10, 11, 12, 13] {
			proven_node(small, MIN_STAKE, 16);
		}
		proven_node(20, 4 * MIN_STAKE, 16);
		let slots = |who| Nodes::<Test>::get(who).unwrap().effective_capacity();
		assert_eq!([10, 11, 12, 13].map(slots).iter().sum::<u32>(), slots(20), "the same slots for the same stake");
		let (mut small, mut big) = (0u32, 0u32);
		for _ in 0..10 {
			// A burst of 40 single-node tasks: more than the 32 slots.
			let ids: Vec<TaskId> = (0..40).map(|i| create(1 + i % 9, DIGITS, MIN_FEE, Some(1))).collect();
			advance(1);
			for id in ids.iter().filter(|id| phase(**id) == Phase::Commit) {
				if assigned(*id)[0] == 20 {
					big += 1;
				} else {
					small += 1;
				}
			}
			// The rest of the burst waits for free slots; everything is served.
			for _ in 0..3 {
				everyone_serves();
				advance(1);
			}
		}
		let share = small as f64 / (small + big) as f64;
		assert!((0.45..=0.55).contains(&share), "the split stake took {share:.2} of the draws (small {small}, big {big})");
	});
	MaxCapacity::set(4);
	MaxQueueLen::set(MAX_QUEUE);
	MaxQueuedPerModel::set(QUEUED_PER_MODEL);
}

/// Attack 2a: the creation-time promise held only for the pool at creation. A node that joined
/// later with little stake was drawn as primary for a fee at which cheating paid for it. Now
/// only a node whose stake covers the task's need is drawn.
#[test]
fn a_primary_is_drawn_only_with_the_stake_that_makes_cheating_not_pay() {
	MaxQueueLen::set(100);
	MaxQueuedPerModel::set(100);
	ExtBuilder::default().build_and_execute(|| {
		// At 50% with no collusion: stake needed = fee / SlashFraction = 10 * fee.
		let fee = 300;
		let needed = Inference::stake_needed(fee, 500).unwrap();
		assert_eq!(needed, 10 * fee);
		for who in [10, 11, 12] {
			proven_node(who, needed, 4);
		}
		let ids: Vec<TaskId> = (0..12).map(|i| create_sampled(1 + i % 9, fee, 500)).collect();
		// A node with one unit less than needed (the same weight in the draw as the others,
		// within a thousandth) joins while they wait.
		proven_node(30, needed - 1, 4);
		let mut primaries = alloc::collections::BTreeMap::new();
		for _ in 0..12 {
			advance(1);
			for id in &ids {
				if let Some(a) = Tasks::<Test>::get(id).and_then(|t| t.assignments.first().cloned()) {
					primaries.entry(*id).or_insert(a.node);
				}
			}
			everyone_serves();
		}
		assert_eq!(primaries.len(), ids.len(), "every task was drawn");
		assert!(!primaries.values().any(|p| *p == 30), "the under-staked node was drawn as a primary");
	});
	MaxQueueLen::set(MAX_QUEUE);
	MaxQueuedPerModel::set(QUEUED_PER_MODEL);
}

/// The stake needed accounts for colluding checkers: with a share `a` of the checkers' draw, a
/// cheat is caught with probability `s * (1 - a)^2`.
#[test]
fn the_stake_needed_grows_with_the_assumed_collusion() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(Inference::stake_needed(100, 100), Some(9_000), "s = 10%, a = 0: 0.9 * 100 / 0.01");
		MaxCheckerCollusion::set(Perbill::from_percent(10));
		// p = 0.1 * 0.81 = 0.081: 0.919 * 100 / 0.0081 = 11,345.7, rounded up.
		assert_eq!(Inference::stake_needed(100, 100), Some(11_346));
		assert_eq!(Inference::stake_needed(100, 1000), Some(235), "always checked: 0.19 * 100 / 0.081");
		MaxCheckerCollusion::set(Perbill::one());
		assert_eq!(Inference::stake_needed(100, 100), None, "no honest checker: no stake is enough");
		MaxCheckerCollusion::set(Perbill::zero());
	});
}

/// Attack 2b: a lazy primary was free again once it committed, so one stake backed many open
/// sampled tasks while the slash was counted as if it backed one. Now a node's stake at risk is
/// budgeted across its open sampled tasks.
#[test]
fn one_stake_backs_no_more_open_sampled_tasks_than_it_covers() {
	ExtBuilder::default().build_and_execute(|| {
		proven_node(10, 4 * MIN_STAKE, 4);
		for who in [11, 12] {
			proven_node(who, MIN_STAKE, 4);
		}
		// Each task needs 2,000 of stake: only node 10 qualifies, for two at a time.
		let fee = 200;
		assert_eq!(Inference::stake_needed(fee, 500), Some(2 * MIN_STAKE));
		let ids: Vec<TaskId> = (0..4).map(|i| create_sampled(1 + i, fee, 500)).collect();
		advance(1);
		let drawn = |ids: &[TaskId]| ids.iter().filter(|id| phase(**id) != Phase::Queued).count();
		assert_eq!(drawn(&ids), 2, "two tasks use up its stake");
		assert_eq!(Nodes::<Test>::get(10).unwrap().at_risk, 4 * MIN_STAKE);
		// It commits both: its slots are free, its stake is not.
		for id in ids.iter().filter(|id| phase(**id) != Phase::Queued) {
			commit(*id, 10, &[1]);
		}
		assert_eq!(drawn(&ids), 2, "no third task while the first two are undecided");
		// As they are decided and end, its stake backs the others.
		for _ in 0..8 {
			advance(1);
			everyone_serves();
		}
		let completed = |id: &TaskId| emitted(Event::TaskCompleted { task: *id, result: vec![1] });
		assert!(ids.iter().all(completed), "every task completed");
		assert_eq!(Nodes::<Test>::get(10).unwrap().at_risk, 0, "nothing stays at risk");
	});
}

/// Sampled tasks whose primary cannot be found do not starve the others: after one failed draw
/// per model and block, the model's tasks needing as much are skipped without a read, and a full
/// task behind them is drawn.
#[test]
fn sampled_tasks_without_a_primary_do_not_starve_the_queue() {
	MaxQueueLen::set(100);
	MaxQueuedPerModel::set(100);
	ExtBuilder::default().build_and_execute(|| {
		for who in [10, 11, 12] {
			proven_node(who, 3 * MIN_STAKE, 4);
		}
		// Each needs 3,000: the three nodes back one each, then nobody can take the rest.
		let sampled: Vec<TaskId> = (0..10).map(|i| create_sampled(1 + i % 9, 300, 500)).collect();
		advance(1);
		assert_eq!(sampled.iter().filter(|id| phase(**id) != Phase::Queued).count(), 3);
		let cheap = create(2, DIGITS, MIN_FEE, None);
		let used = {
			let next = System::block_number() + 1;
			System::set_block_number(next);
			on_initialize(next)
		};
		assert_eq!(phase(cheap), Phase::Commit, "the full task behind them is drawn");
		let draw = <() as WeightInfo>::assign_task(3, POOL_CAPACITY);
		assert!(
			used.ref_time() < draw.ref_time() * 3,
			"seven stuck sampled tasks cost the block {used:?}, not seven draws"
		);
		for _ in 0..30 {
			everyone_serves();
			advance(1);
		}
	});
	MaxQueueLen::set(MAX_QUEUE);
	MaxQueuedPerModel::set(QUEUED_PER_MODEL);
}

/// Attack 3: checkers were drawn among free nodes only, so a lazy node that keeps itself free
/// checked far more than its stake's share, and with every other node busy a check found no
/// checker and failed. Now checkers are drawn among all active nodes, busy or not.
#[test]
fn checkers_are_drawn_among_busy_nodes_too() {
	MaxQueueLen::set(100);
	MaxQueuedPerModel::set(100);
	ExtBuilder::default().build_and_execute(|| {
		for who in [10, 11, 12, 13] {
			proven_node(who, 10 * MIN_STAKE, 1);
		}
		// Rate 1000: always checked.
		let id = create_sampled(1, MIN_FEE, 1000);
		advance(1);
		let primary = assigned(id)[0];
		// The other three get a task each: all busy (one slot each).
		let busy: Vec<TaskId> = (0..3).map(|i| create(2 + i, DIGITS, MIN_FEE * 2, Some(1))).collect();
		advance(1);
		assert!(busy.iter().all(|t| phase(*t) == Phase::Commit));
		commit(id, primary, &[1]);
		advance(2);
		assert!(emitted(Event::SampleDecided { task: id, checked: true }));
		assert_eq!(assigned(id).len(), 3, "both checkers were drawn though every other node is busy");
		let checkers = &assigned(id)[1..];
		for c in checkers {
			assert!(NodeTasks::<Test>::get(c).len() >= 2, "checker {c} is busy with another task too");
			commit(id, *c, &[1]);
		}
		for n in assigned(id) {
			assert_ok!(reveal(id, n, &[1]));
		}
		assert_eq!(phase(id), Phase::Completed);
		everyone_serves();
		advance(1);
		everyone_serves();
	});
	MaxQueueLen::set(MAX_QUEUE);
	MaxQueuedPerModel::set(QUEUED_PER_MODEL);
}

/// Attack 4: paying one's own node for `r = 1` tasks of a private model earned reputation, so
/// probation could be bought. Now only work other nodes confirmed earns it.
#[test]
fn self_dealing_and_unchecked_work_earn_no_reputation() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Inference::join(signed(10), MIN_STAKE, vec![DIGITS], 2));
		for _ in 0..5 {
			let id = create(1, DIGITS, MIN_FEE, Some(1));
			advance(1);
			serve(id, &[1]);
		}
		assert_eq!(reputation(10), INITIAL_REPUTATION, "r = 1 tasks earn nothing");
		// Confirmed work (r = 2, both agree) does.
		assert_ok!(Inference::join(signed(11), MIN_STAKE, vec![DIGITS], 2));
		let id = create(1, DIGITS, MIN_FEE, Some(2));
		advance(1);
		serve(id, &[1]);
		assert_eq!(reputation(10), INITIAL_REPUTATION + REPUTATION_REWARD);
		assert_eq!(reputation(11), INITIAL_REPUTATION + REPUTATION_REWARD);
	});
}

/// Attack 4, sampled: an unchecked sampled task's reveal was unverified work, yet it earned
/// reputation.
#[test]
fn an_unchecked_sampled_task_earns_no_reputation() {
	ExtBuilder::default().build_and_execute(|| {
		for who in [10, 11, 12] {
			proven_node(who, 10 * MIN_STAKE, 4);
			set_reputation(who, INITIAL_REPUTATION);
		}
		// Rate 100 per thousand: seldom checked; find one that is not.
		let mut id = create_sampled(1, MIN_FEE, 100);
		loop {
			advance(1);
			let primary = assigned(id)[0];
			let before = reputation(primary);
			commit(id, primary, &[1]);
			advance(1);
			if task(id).verification == (Verification::Sampled { permille: 100, checked: Some(false) }) {
				assert_ok!(reveal(id, primary, &[1]));
				assert_eq!(phase(id), Phase::Completed);
				assert_eq!(reputation(primary), before, "unchecked work earns nothing");
				return
			}
			// Checked: finish it honestly and try again.
			for _ in 0..3 {
				everyone_serves();
				advance(1);
			}
			id = create_sampled(1, MIN_FEE, 100);
		}
	});
}

/// Attack 5: a paused, slashed member (a "zombie" with almost no stake) stayed in the pool and
/// set the least stake that sampling's bound used, so nearly every sampled rate was refused.
/// Now only active nodes count.
#[test]
fn a_zombie_does_not_block_sampling() {
	ExtBuilder::default().build_and_execute(|| {
		for who in [10, 11, 12] {
			proven_node(who, 10 * MIN_STAKE, 4);
		}
		proven_node(13, MIN_STAKE, 4);
		// The zombie: slashed below the minimum, automatically paused, still in the pool.
		let mut node = Nodes::<Test>::get(13).unwrap();
		let before = Inference::standing(&node);
		node.stake = 1;
		node.status = NodeStatus::AutoPaused;
		Inference::sync_pools(&13, &node, before, Inference::standing(&node));
		Nodes::<Test>::insert(13, node);
		assert_ok!(<Balances as MutateHold<_>>::release(
			&HoldReason::NodeStake.into(),
			&13,
			MIN_STAKE - 1,
			Precision::Exact
		));
		// A rate and fee safe for the active nodes (5,000 of the 10,000 each holds).
		assert_eq!(Inference::stake_needed(500, 500), Some(5 * MIN_STAKE));
		create_sampled(1, 500, 500);
		// Beyond every active node's stake it is refused.
		assert_noop!(
			Inference::create_sampled_task(signed(1), DIGITS, input_for(DIGITS), 1_001, 500),
			Error::<Test>::CheatingWouldPay
		);
	});
}

/// Attack 6: a model's tasks could fill its share of the queue whatever its nodes could serve.
/// Now a model's queue holds what its active nodes can serve before the queue timeout.
#[test]
fn a_models_queue_holds_what_its_active_nodes_can_serve() {
	MaxQueueLen::set(100);
	MaxQueuedPerModel::set(100);
	ExtBuilder::default().build_and_execute(|| {
		for who in [10, 11, 12] {
			assert_ok!(Inference::join(signed(who), MIN_STAKE, vec![DIGITS], 1));
		}
		// Three slots (one per node, on probation), each taking a task every two blocks: within
		// the queue timeout they serve 3 * QUEUE_TIMEOUT / 2 = 30 node-tasks, ten tasks of three.
		let servable = 3 * (QUEUE_TIMEOUT / 2) as u32 / 3;
		for i in 0..servable {
			create(1 + (i as AccountId) % 9, DIGITS, MIN_FEE, None);
		}
		assert_noop!(
			Inference::create_task(signed(1), DIGITS, input_for(DIGITS), MIN_FEE, None),
			Error::<Test>::ModelQueueFull
		);
		// Paying more takes the cheapest one's place, as in a full queue.
		assert_ok!(Inference::create_task(signed(1), DIGITS, input_for(DIGITS), MIN_FEE + 1, None));
	});
	MaxQueueLen::set(MAX_QUEUE);
	MaxQueuedPerModel::set(QUEUED_PER_MODEL);
}

/// Attack 7: inputs stayed in state for the retention period for a negligible length fee. Now
/// each byte holds a deposit, returned when the task is pruned.
#[test]
fn an_input_holds_a_deposit_per_byte_until_its_task_is_pruned() {
	InputDepositPerByte::set(3);
	ExtBuilder::default().build_and_execute(|| {
		for who in [10, 11, 12] {
			join(who, &[DIGITS]);
		}
		let before = free(1);
		let id = create(1, DIGITS, MIN_FEE, None);
		let deposit = 3 * input_for(DIGITS).len() as Balance;
		assert_eq!(task(id).input_deposit, deposit);
		assert_eq!(Balances::balance_on_hold(&HoldReason::InputDeposit.into(), &1), deposit);
		advance(1);
		serve(id, &[1]);
		assert_eq!(free(1), before - 3 * MIN_FEE - deposit, "held while the task is kept");
		advance(RETENTION);
		assert!(Tasks::<Test>::get(id).is_none(), "pruned");
		assert_eq!(free(1), before - 3 * MIN_FEE, "the deposit came back with the pruning");
		assert_eq!(Balances::balance_on_hold(&HoldReason::InputDeposit.into(), &1), 0);
		// A cancelled task holds its deposit until it is pruned too.
		let id = create(2, DIGITS, MIN_FEE, None);
		assert_ok!(Inference::cancel_task(signed(2), id));
		assert_eq!(Balances::balance_on_hold(&HoldReason::InputDeposit.into(), &2), deposit);
		advance(RETENTION);
		assert_eq!(Balances::balance_on_hold(&HoldReason::InputDeposit.into(), &2), 0);
	});
	InputDepositPerByte::set(0);
}
