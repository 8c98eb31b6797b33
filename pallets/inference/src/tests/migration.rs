//! The storage migration from version 1 (Protocol v1) to 2, on a populated v1 state.

use super::*;
use crate::migrations::v2::{v1, MigrateV1ToV2};
use deai_primitives::{Comparison, OutputEncoding};
use frame_support::{
	traits::{fungible::MutateHold, GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
	BoundedVec,
};
use sp_core::H256;

fn h(id: ModelId) -> H256 {
	H256(id)
}

const LOOSE: ModelId = [0x10; 32];
const WRONG_KIND: ModelId = [0x11; 32];

fn hold(reason: HoldReason, who: AccountId, amount: Balance) {
	assert_ok!(<Balances as MutateHold<AccountId>>::hold(&reason.into(), &who, amount));
}

fn v1_node(stake: Balance, models: &[ModelId], status: NodeStatus, leaving: bool) -> v1::NodeInfo<Test> {
	v1::NodeInfo {
		stake,
		models: models.iter().map(|m| h(*m)).collect(),
		capacity: 2,
		reputation: 900,
		status,
		leaving,
	}
}

fn v1_task(
	model: ModelId,
	phase: Phase,
	deadline: u64,
	assignments: Vec<v1::Assignment<Test>>,
	result: Option<Vec<u8>>,
	held_fee: Balance,
) -> v1::TaskInfo<Test> {
	v1::TaskInfo {
		creator: 1,
		model: h(model),
		input: BoundedVec::truncate_from(vec![3; if model == VAD { 8 } else { 4 }]),
		fee_per_node: 20,
		redundancy: 3,
		created_at: 1,
		phase,
		deadline,
		assignments,
		result: result.map(BoundedVec::truncate_from),
		held_fee,
	}
}

fn assignment(node: AccountId, commitment: Option<H256>, result: Option<Vec<u8>>, order: Option<u32>) -> v1::Assignment<Test> {
	v1::Assignment { node, commitment, result: result.map(BoundedVec::truncate_from), reveal_order: order }
}

/// A v1 state: models (one with a comparison v2 refuses), five nodes (one paused, one leaving
/// with a task), tasks in every phase, the queue, the deadline slots.
fn populate_v1() {
	StorageVersion::new(1).put::<Inference>();
	let mut specs = BTreeMap::new();
	for (id, m) in Models::<Test>::drain() {
		specs.insert(id, m.spec);
	}
	let mut loose = specs[&VAD].clone();
	loose.comparison = Comparison::Tolerance { max_abs: 1_000_000 };
	let mut wrong = specs[&DIGITS].clone();
	wrong.comparison = Comparison::Hamming { max_bits: 3 };
	specs.insert(LOOSE, loose);
	specs.insert(WRONG_KIND, wrong);
	let open = |id: ModelId| match id {
		DIGITS => 3,
		VAD => 0,
		_ => 0,
	};
	for (id, spec) in specs {
		v1::Models::<Test>::insert(h(id), v1::ModelInfo { owner: None, deposit: 0, spec, open_tasks: open(id) });
	}

	for who in [10, 11, 12] {
		v1::Nodes::<Test>::insert(who, v1_node(MIN_STAKE, &[DIGITS], NodeStatus::Active, false));
	}
	v1::Nodes::<Test>::insert(13, v1_node(MIN_STAKE, &[DIGITS, VAD], NodeStatus::Paused, false));
	v1::Nodes::<Test>::insert(14, v1_node(MIN_STAKE, &[DIGITS], NodeStatus::Active, true));
	for who in 10..15 {
		hold(HoldReason::NodeStake, who, MIN_STAKE);
	}
	NodeCount::<Test>::put(5);
	v1::ModelNodes::<Test>::insert(h(DIGITS), vec![10, 11, 12, 13, 14]);
	v1::ModelNodes::<Test>::insert(h(VAD), vec![13]);

	// Task 0 queued; 1 in its commit phase; 2 in its reveal phase; 3 completed; 4 failed.
	let c = |id, node, result: &[u8]| Some(commitment_of(id, node, result));
	v1::Tasks::<Test>::insert(0, v1_task(DIGITS, Phase::Queued, 21, vec![], None, 60));
	v1::Tasks::<Test>::insert(
		1,
		v1_task(
			DIGITS,
			Phase::Commit,
			6,
			vec![assignment(10, c(1, 10, &[4]), None, None), assignment(11, None, None, None), assignment(12, None, None, None)],
			None,
			60,
		),
	);
	v1::Tasks::<Test>::insert(
		2,
		v1_task(
			DIGITS,
			Phase::Reveal,
			7,
			vec![
				assignment(10, c(2, 10, &[5]), Some(vec![5]), Some(0)),
				assignment(11, c(2, 11, &[5]), None, None),
				assignment(14, c(2, 14, &[5]), None, None),
			],
			None,
			60,
		),
	);
	v1::Tasks::<Test>::insert(3, v1_task(DIGITS, Phase::Completed, 10, vec![], Some(vec![9]), 0));
	v1::Tasks::<Test>::insert(4, v1_task(VAD, Phase::Failed(FailReason::NoQuorum), 11, vec![], None, 0));
	hold(HoldReason::TaskFee, 1, 180);
	NodeTasks::<Test>::insert(10, BoundedVec::truncate_from(vec![1, 2]));
	NodeTasks::<Test>::insert(11, BoundedVec::truncate_from(vec![1, 2]));
	NodeTasks::<Test>::insert(12, BoundedVec::truncate_from(vec![1]));
	NodeTasks::<Test>::insert(14, BoundedVec::truncate_from(vec![2]));
	NextTaskId::<Test>::put(5);
	v1::Queue::<Test>::put(BoundedVec::truncate_from(vec![v1::QueueEntry {
		task: 0,
		fee_per_node: 20,
		model: DIGITS,
		redundancy: 3,
		created_at: 1,
	}]));
	for (block, tasks) in [(21u64, vec![0u64]), (6, vec![1]), (7, vec![2]), (10, vec![3]), (11, vec![4])] {
		v1::Deadlines::<Test>::insert(block, tasks);
	}
	v1::DeadlineCursor::<Test>::put(1);
}

#[test]
fn a_populated_v1_state_migrates_to_v2() {
	ExtBuilder::default().build_and_execute(|| {
		populate_v1();
		assert_eq!(Inference::on_chain_storage_version(), 1);
		MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_eq!(Inference::on_chain_storage_version(), 2);

		// Models: counts and comparisons.
		let digits = Models::<Test>::get(DIGITS).unwrap();
		assert_eq!((digits.open_tasks, digits.queued), (3, 1));
		assert_eq!(Models::<Test>::get(LOOSE).unwrap().spec.comparison, Comparison::Tolerance { max_abs: 10 });
		assert_eq!(Models::<Test>::get(WRONG_KIND).unwrap().spec.comparison, Comparison::Exact);
		assert_eq!(Models::<Test>::get(VAD).unwrap().spec.output, OutputEncoding::FixedPoint { scale: 10_000 });

		// Nodes and pools: the leaving node joins no pool; the paused one is a member, inactive.
		assert_eq!(pool_members(DIGITS), vec![10, 11, 12, 13]);
		assert_eq!(pool_members(VAD), vec![13]);
		let pool = Pools::<Test>::get(DIGITS).unwrap();
		assert_eq!((pool.members, pool.active), (4, 3));
		let n = Nodes::<Test>::get(13).unwrap();
		assert_eq!((n.stake, n.reputation, n.status, n.model_ids()), (MIN_STAKE, 900, NodeStatus::Paused, vec![DIGITS, VAD]));
		assert!(Nodes::<Test>::get(14).unwrap().leaving);
		assert_eq!(v1::ModelNodes::<Test>::iter().count(), 0);

		// Tasks: inputs apart, deadlines in the logs.
		for id in 0..5 {
			assert!(Inputs::<Test>::contains_key(id));
		}
		assert_eq!(task(1).assignments[0].commitment, Some(commitment_of(1, 10, &[4])));
		assert_eq!(task(2).assignments[0].result.clone().unwrap().to_vec(), vec![5]);
		assert_eq!(task(3).result.clone().unwrap().to_vec(), vec![9]);
		assert_eq!(DeadlinePages::<Test>::get(DeadlineKind::CommitEnd, 0).to_vec(), vec![(1, 6)]);
		// v1's reveal deadline (7) lay beyond the migration block plus the period (1 + 5): clamped.
		assert_eq!(DeadlinePages::<Test>::get(DeadlineKind::RevealEnd, 0).to_vec(), vec![(2, 6)]);
		assert_eq!(DeadlinePages::<Test>::get(DeadlineKind::Prune, 0).to_vec(), vec![(3, 10), (4, 11)]);
		assert_eq!(v1::Deadlines::<Test>::iter().count(), 0);
		assert!(!v1::DeadlineCursor::<Test>::exists());
		check_invariants();

		// A second run changes nothing.
		let root = sp_io::storage::root(sp_runtime::StateVersion::V1);
		MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_eq!(root, sp_io::storage::root(sp_runtime::StateVersion::V1));

		// The protocol goes on: task 2 settles when the leaving node reveals, which then leaves.
		assert_ok!(reveal(2, 11, &[5]));
		assert_ok!(reveal(2, 14, &[5]));
		assert_eq!(phase(2), Phase::Completed);
		assert!(!Nodes::<Test>::contains_key(14));
		// Task 1's window closes at block 6 with one commit: it fails and refunds.
		run_to_block(6);
		assert_eq!(phase(1), Phase::Failed(FailReason::NotEnoughCommits));
		// Task 0 is drawn from the pool.
		assert_eq!(phase(0), Phase::Commit);
	});
}

use alloc::collections::BTreeMap;
