//! Tests of the inference pallet on the mock runtime. Every test built with
//! [`ExtBuilder::build_and_execute`] ends with the invariant check and a total-issuance check.

use crate::{mock::*, *};
use deai_primitives::{Salt, TaskId};
use frame_support::{assert_ok, dispatch::DispatchResultWithPostInfo};
use sp_core::H256;

mod attacks;
mod attacks_v3;
mod deadlines;
mod extension;
mod load;
mod migration;
mod models;
mod nodes;
mod outcomes;
mod pools;
mod protocol;
mod randomized;
mod randomness;
mod sampled;
mod tasks;

/// A signed origin.
pub fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

/// Each node's secret salt in the tests.
pub fn salt_of(node: AccountId) -> Salt {
	[node as u8; 32]
}

/// The commitment `node` submits for `result` of task `id`.
pub fn commitment_of(id: TaskId, node: AccountId, result: &[u8]) -> H256 {
	H256(deai_primitives::commitment(id, &node, result, &salt_of(node)))
}

/// `node` commits to `result`.
pub fn commit(id: TaskId, node: AccountId, result: &[u8]) {
	assert_ok!(Inference::commit(signed(node), id, commitment_of(id, node, result)));
}

/// `node` reveals `result` with its salt.
pub fn reveal(id: TaskId, node: AccountId, result: &[u8]) -> DispatchResultWithPostInfo {
	Inference::reveal(signed(node), id, result.to_vec(), salt_of(node))
}

/// `who` joins with the minimum stake, serving `models`, capacity 2.
pub fn join(who: AccountId, models: &[ModelId]) {
	assert_ok!(Inference::join(signed(who), MIN_STAKE, models.to_vec(), 2));
}

/// Gives an idle node the maximum reputation, as if it had served many tasks honestly (past
/// probation, its whole capacity counts).
pub fn proven(who: AccountId) {
	assert_eq!(NodeTasks::<Test>::get(who).len(), 0, "only an idle node");
	set_reputation(who, MAX_REPUTATION);
}

/// Sets a node's reputation, keeping its pools in line (as the pallet does when it changes).
pub fn set_reputation(who: AccountId, reputation: u32) {
	let mut node = Nodes::<Test>::get(who).expect("a node");
	let before = Inference::standing(&node);
	node.reputation = reputation;
	Inference::sync_pools(&who, &node, before, Inference::standing(&node));
	Nodes::<Test>::insert(who, node);
}

/// An input of the right length for `model`.
pub fn input_for(model: ModelId) -> Vec<u8> {
	let len = Models::<Test>::get(model).unwrap().spec.input_len().unwrap();
	(0..len).map(|i| i as u8).collect()
}

/// `creator` creates a task for `model` with a valid input; returns its id.
pub fn create(creator: AccountId, model: ModelId, fee: Balance, r: Option<u32>) -> TaskId {
	let id = NextTaskId::<Test>::get();
	assert_ok!(Inference::create_task(signed(creator), model, input_for(model), fee, r));
	id
}

/// The task.
pub fn task(id: TaskId) -> TaskInfo<Test> {
	Tasks::<Test>::get(id).expect("task exists")
}

/// The task's phase.
pub fn phase(id: TaskId) -> Phase {
	task(id).phase
}

/// The nodes assigned to the task.
pub fn assigned(id: TaskId) -> Vec<AccountId> {
	task(id).assignments.iter().map(|a| a.node).collect()
}

/// Advances to the block after the task's inclusion, where it is drawn, and returns its nodes.
pub fn assign(id: TaskId) -> Vec<AccountId> {
	advance(1);
	assert_eq!(phase(id), Phase::Commit, "task {id} was not assigned in the next block");
	assigned(id)
}

/// The members of `model`'s draw pool, sorted.
pub fn pool_members(model: ModelId) -> Vec<AccountId> {
	let buckets = Pools::<Test>::get(model).map_or(0, |p| p.buckets.len() as u32);
	let mut members: Vec<AccountId> =
		(0..buckets).flat_map(|b| PoolBuckets::<Test>::get(model, b).into_iter().map(|e| e.node)).collect();
	members.sort();
	members
}

/// Every assigned node of task `id` commits and reveals `result`.
pub fn serve(id: TaskId, result: &[u8]) {
	for n in assigned(id) {
		commit(id, n, result);
	}
	for n in assigned(id) {
		assert_ok!(reveal(id, n, result));
	}
	assert_eq!(phase(id), Phase::Completed);
}

/// Reputation of a node.
pub fn reputation(who: AccountId) -> u32 {
	Nodes::<Test>::get(who).unwrap().reputation
}

/// Whether the pallet emitted `event`.
pub fn emitted(event: crate::Event<Test>) -> bool {
	inference_events().contains(&event)
}
