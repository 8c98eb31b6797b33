//! Benchmarks of every call and of the `on_initialize` work, each at its worst case.

use super::*;
use crate::pallet::{Call, Pallet};
use alloc::{vec, vec::Vec};
use deai_primitives::{Comparison, ElementType, OutputEncoding, TaskId};
use frame_benchmarking::v2::*;
use frame_support::{
	pallet_prelude::*,
	traits::{fungible::Mutate, Get},
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_core::H256;
use sp_runtime::traits::Saturating;

const SEED: u32 = 0;

fn big<T: Config>() -> BalanceOf<T> {
	let unit = T::MinStake::get().max(T::ModelDeposit::get()).max(T::MinFeePerNode::get());
	unit.saturating_mul(1_000_000u32.into())
}

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, SEED);
	T::Currency::set_balance(&who, big::<T>());
	who
}

fn model_id(i: u32) -> H256 {
	let mut id = [0xbe; 32];
	id[28..].copy_from_slice(&i.to_be_bytes());
	H256(id)
}

/// Registers a model with `input_len` u8 inputs and the costliest comparison.
fn add_model<T: Config>(i: u32, input_len: u32) -> ModelId {
	let id = model_id(i);
	let spec = Pallet::<T>::make_spec(
		vec![b'm'; T::MaxNameLen::get() as usize],
		ElementType::U8,
		vec![input_len.max(1)],
		vec![],
		vec![],
		OutputEncoding::FixedPoint { scale: 1000 },
		Comparison::Tolerance { max_abs: 5 },
	)
	.expect("benchmark model spec is valid");
	Models::<T>::insert(id, ModelInfo { owner: None, deposit: 0u32.into(), spec, open_tasks: 0 });
	id
}

/// Fills a model's node list up to one short of the maximum with placeholder accounts.
fn crowd<T: Config>(model: ModelId) {
	let fill = T::MaxNodesPerModel::get().saturating_sub(1);
	let list: Vec<T::AccountId> = (0..fill).map(|i| account("crowd", i, SEED)).collect();
	ModelNodes::<T>::insert(model, BoundedVec::truncate_from(list));
}

/// `who` joins serving `models`, with the largest capacity.
fn add_node<T: Config>(who: &T::AccountId, models: Vec<ModelId>) {
	Pallet::<T>::join(
		RawOrigin::Signed(who.clone()).into(),
		T::MinStake::get().saturating_mul(10u32.into()),
		models,
		T::MaxCapacity::get(),
	)
	.expect("benchmark node joins");
}

fn set_block<T: Config>(n: u32) {
	frame_system::Pallet::<T>::set_block_number(n.into());
}

fn result_bytes<T: Config>() -> Vec<u8> {
	vec![7u8; (T::MaxResultLen::get() / 4 * 4) as usize]
}

fn salt(i: u32) -> [u8; 32] {
	[i as u8; 32]
}

/// A task of `model` created by a fresh account and assigned to `nodes`, committed by every node
/// and revealed by all but the last `unrevealed`; it is in its reveal phase.
fn task_in_reveal<T: Config>(
	model: ModelId,
	nodes: &[T::AccountId],
	unrevealed: usize,
	creator_index: u32,
) -> TaskId {
	let creator = funded::<T>("creator", creator_index);
	let input = vec![1u8; Models::<T>::get(model).unwrap().spec.input_len().unwrap() as usize];
	let id = Pallet::<T>::do_create_task(
		creator,
		model,
		input,
		T::MinFeePerNode::get(),
		Some(nodes.len() as u32),
	)
	.expect("benchmark task is created");
	Queue::<T>::mutate(|q| q.retain(|e| e.task != id));
	Pallet::<T>::assign_for_benchmark(id, nodes.to_vec());
	let result = result_bytes::<T>();
	for (i, n) in nodes.iter().enumerate() {
		let c = deai_primitives::commitment(id, n, &result, &salt(i as u32));
		Pallet::<T>::do_commit(n.clone(), id, H256(c)).expect("benchmark commit");
	}
	for (i, n) in nodes.iter().enumerate().take(nodes.len() - unrevealed) {
		Pallet::<T>::do_reveal(n.clone(), id, result.clone(), salt(i as u32)).expect("benchmark reveal");
	}
	id
}

/// `r` fresh nodes serving `model`, each also serving the most models allowed.
fn nodes_for<T: Config>(model: ModelId, r: u32) -> Vec<T::AccountId> {
	let extra: Vec<ModelId> =
		(1..T::MaxModelsPerNode::get()).map(|i| add_model::<T>(1000 + i, 1)).collect();
	(0..r)
		.map(|i| {
			let who = funded::<T>("node", i);
			let mut models = vec![model];
			models.extend(extra.iter().copied());
			add_node::<T>(&who, models);
			who
		})
		.collect()
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_model() {
		let caller = funded::<T>("caller", 0);
		let id = model_id(0);
		#[extrinsic_call]
		_(
			RawOrigin::Signed(caller.clone()),
			id,
			vec![b'n'; T::MaxNameLen::get() as usize],
			ElementType::F32,
			vec![1; T::MaxShapeDims::get() as usize],
			vec![b'f'; MAX_METHOD_LEN as usize],
			vec![1; MAX_EXTRA_ARGS as usize],
			OutputEncoding::FixedPoint { scale: 1000 },
			Comparison::Tolerance { max_abs: 5 },
		);
		assert_eq!(Models::<T>::get(id).unwrap().owner, Some(caller));
	}

	#[benchmark]
	fn remove_model() {
		let caller = funded::<T>("caller", 0);
		let id = model_id(0);
		Pallet::<T>::register_model(
			RawOrigin::Signed(caller.clone()).into(),
			id,
			vec![],
			ElementType::U8,
			vec![1],
			vec![],
			vec![],
			OutputEncoding::Argmax,
			Comparison::Exact,
		)
		.unwrap();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id);
		assert!(!Models::<T>::contains_key(id));
	}

	#[benchmark]
	fn join(m: Linear<1, { T::MaxModelsPerNode::get() }>) {
		let models: Vec<ModelId> = (0..m).map(|i| add_model::<T>(i, 1)).collect();
		models.iter().for_each(|id| crowd::<T>(*id));
		let caller = funded::<T>("caller", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), T::MinStake::get(), models, T::MaxCapacity::get());
		assert!(Nodes::<T>::contains_key(caller));
	}

	#[benchmark]
	fn update_node(m: Linear<1, { T::MaxModelsPerNode::get() }>) {
		let old: Vec<ModelId> = (0..m).map(|i| add_model::<T>(i, 1)).collect();
		let new: Vec<ModelId> = (0..m).map(|i| add_model::<T>(100 + i, 1)).collect();
		old.iter().chain(new.iter()).for_each(|id| crowd::<T>(*id));
		let caller = funded::<T>("caller", 0);
		add_node::<T>(&caller, old);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), new.clone(), 1);
		assert_eq!(Nodes::<T>::get(caller).unwrap().models.to_vec(), new);
	}

	#[benchmark]
	fn add_stake() {
		let caller = funded::<T>("caller", 0);
		add_node::<T>(&caller, vec![add_model::<T>(0, 1)]);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), T::MinStake::get());
	}

	#[benchmark]
	fn pause() {
		let caller = funded::<T>("caller", 0);
		add_node::<T>(&caller, vec![add_model::<T>(0, 1)]);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()));
		assert_eq!(Nodes::<T>::get(caller).unwrap().status, NodeStatus::Paused);
	}

	#[benchmark]
	fn resume() {
		let caller = funded::<T>("caller", 0);
		add_node::<T>(&caller, vec![add_model::<T>(0, 1)]);
		Nodes::<T>::mutate(&caller, |n| {
			let n = n.as_mut().unwrap();
			n.status = NodeStatus::AutoPaused;
			n.reputation = 0;
		});
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()));
		assert_eq!(Nodes::<T>::get(caller).unwrap().status, NodeStatus::Active);
	}

	#[benchmark]
	fn leave(m: Linear<0, { T::MaxModelsPerNode::get() }>) {
		let caller = funded::<T>("caller", 0);
		let models: Vec<ModelId> = (0..m.max(1)).map(|i| add_model::<T>(i, 1)).collect();
		models.iter().for_each(|id| crowd::<T>(*id));
		add_node::<T>(&caller, models);
		if m == 0 {
			// The cheap path: a busy node only marks itself leaving.
			NodeTasks::<T>::insert(&caller, BoundedVec::truncate_from(vec![0]));
		}
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()));
		assert_eq!(Nodes::<T>::contains_key(&caller), m == 0);
	}

	#[benchmark]
	fn create_task(i: Linear<1, { T::MaxInputLen::get() }>) {
		let model = add_model::<T>(0, i);
		// A full queue of cheaper tasks: the new one evicts the cheapest.
		for q in 0..T::MaxQueueLen::get() {
			let other = funded::<T>("other", q);
			Pallet::<T>::do_create_task(other, model, vec![0; i as usize], T::MinFeePerNode::get(), None)
				.unwrap();
		}
		let caller = funded::<T>("caller", 0);
		let fee = T::MinFeePerNode::get().saturating_mul(2u32.into());
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), model, vec![1; i as usize], fee, Some(T::MaxRedundancy::get()));
		assert_eq!(Queue::<T>::get()[0].fee_per_node, fee);
	}

	#[benchmark]
	fn cancel_task() {
		let model = add_model::<T>(0, 1);
		for q in 0..T::MaxQueueLen::get().saturating_sub(1) {
			let other = funded::<T>("other", q);
			Pallet::<T>::do_create_task(other, model, vec![0], T::MinFeePerNode::get(), None).unwrap();
		}
		let caller = funded::<T>("caller", 0);
		let id = Pallet::<T>::do_create_task(caller.clone(), model, vec![0], T::MinFeePerNode::get(), None)
			.unwrap();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id);
		assert_eq!(Tasks::<T>::get(id).unwrap().phase, Phase::Failed(FailReason::Cancelled));
	}

	#[benchmark]
	fn commit() {
		let model = add_model::<T>(0, 1);
		let r = T::MaxRedundancy::get();
		let nodes = nodes_for::<T>(model, r);
		let creator = funded::<T>("creator", 0);
		let id = Pallet::<T>::do_create_task(creator, model, vec![0], T::MinFeePerNode::get(), Some(r))
			.unwrap();
		Queue::<T>::kill();
		Pallet::<T>::assign_for_benchmark(id, nodes.clone());
		for n in nodes.iter().take(r as usize - 1) {
			Pallet::<T>::do_commit(n.clone(), id, H256::zero()).unwrap();
		}
		let last = nodes.last().unwrap().clone();
		#[extrinsic_call]
		_(RawOrigin::Signed(last), id, H256::zero());
		assert_eq!(Tasks::<T>::get(id).unwrap().phase, Phase::Reveal);
	}

	#[benchmark]
	fn reveal() {
		let model = add_model::<T>(0, 1);
		let r = T::MaxRedundancy::get();
		let nodes = nodes_for::<T>(model, r);
		let id = task_in_reveal::<T>(model, &nodes, 2, 0);
		let who = nodes[r as usize - 2].clone();
		#[extrinsic_call]
		_(RawOrigin::Signed(who), id, result_bytes::<T>(), salt(r - 2));
		assert_eq!(Tasks::<T>::get(id).unwrap().phase, Phase::Reveal);
	}

	/// The last reveal settles: every node is paid, and every node was leaving, so each is
	/// removed with all its models.
	#[benchmark]
	fn reveal_and_settle(r: Linear<1, { T::MaxRedundancy::get() }>) {
		let model = add_model::<T>(0, 1);
		let nodes = nodes_for::<T>(model, r);
		let id = task_in_reveal::<T>(model, &nodes, 1, 0);
		for n in &nodes {
			Nodes::<T>::mutate(n, |node| node.as_mut().unwrap().leaving = true);
		}
		let last = nodes.last().unwrap().clone();
		#[extrinsic_call]
		reveal(RawOrigin::Signed(last), id, result_bytes::<T>(), salt(r - 1));
		assert_eq!(Tasks::<T>::get(id).unwrap().phase, Phase::Completed);
	}

	#[benchmark]
	fn on_initialize_base() {
		set_block::<T>(10);
		DeadlineCursor::<T>::put(BlockNumberFor::<T>::from(10u32));
		#[block]
		{
			Pallet::<T>::process_deadlines(10u32.into());
			Pallet::<T>::assign_queued(10u32.into());
		}
	}

	/// `n` reveal deadlines due now, each settling `MaxRedundancy` nodes with one withholder
	/// (a slash) and the others paid.
	#[benchmark]
	fn process_deadlines(n: Linear<0, { T::MaxExpiriesPerBlock::get() }>) {
		let model = add_model::<T>(0, 1);
		let r = T::MaxRedundancy::get();
		let nodes = nodes_for::<T>(model, r);
		set_block::<T>(1);
		let ids: Vec<TaskId> = (0..n).map(|i| task_in_reveal::<T>(model, &nodes, 1, i)).collect();
		let due = BlockNumberFor::<T>::from(1u32).saturating_add(T::RevealPeriod::get());
		frame_system::Pallet::<T>::set_block_number(due);
		DeadlineCursor::<T>::put(due);
		#[block]
		{
			Pallet::<T>::process_deadlines(due);
		}
		for id in ids {
			assert!(!Tasks::<T>::get(id).unwrap().phase.is_open());
		}
	}

	/// One queued task drawn among `m` eligible nodes.
	#[benchmark]
	fn assign_task(m: Linear<{ T::MaxRedundancy::get() }, { T::MaxNodesPerModel::get() }>) {
		let model = add_model::<T>(0, 1);
		for i in 0..m {
			let who = funded::<T>("node", i);
			add_node::<T>(&who, vec![model]);
		}
		set_block::<T>(1);
		let creator = funded::<T>("creator", 0);
		let id = Pallet::<T>::do_create_task(
			creator,
			model,
			vec![0],
			T::MinFeePerNode::get(),
			Some(T::MaxRedundancy::get()),
		)
		.unwrap();
		set_block::<T>(3);
		#[block]
		{
			Pallet::<T>::assign_queued(3u32.into());
		}
		assert_eq!(Tasks::<T>::get(id).unwrap().phase, Phase::Commit);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::ExtBuilder::default().build(), crate::mock::Test);
}

impl<T: Config> Pallet<T> {
	/// Assigns a task directly (benchmark set-up).
	fn assign_for_benchmark(id: TaskId, nodes: Vec<T::AccountId>) {
		let now = frame_system::Pallet::<T>::block_number();
		Self::assign_to(id, nodes, now).expect("benchmark assignment");
	}
}

