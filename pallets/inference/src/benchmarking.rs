//! Benchmarks of every call and of each unit of hook work, each at its worst case.
//!
//! Large states (full pools, a full pool's nodes behind one model) are written directly to
//! storage: a benchmark measures the call, not the set-up.

use super::*;
use crate::pallet::{Call, Pallet};
use alloc::{vec, vec::Vec};
use deai_primitives::{Comparison, ElementType, OutputEncoding, TaskId};
use frame_benchmarking::v2::*;
use frame_support::{
	pallet_prelude::*,
	traits::{fungible::Mutate, Get},
	weights::WeightMeter,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_core::H256;
use sp_runtime::traits::{Saturating, UniqueSaturatedInto, Zero};

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

fn model_id(i: u32) -> ModelId {
	let mut id = [0xbe; 32];
	id[28..].copy_from_slice(&i.to_be_bytes());
	id
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
		Comparison::Tolerance { max_abs: 1 },
	)
	.expect("benchmark model spec is valid");
	Models::<T>::insert(id, ModelInfo { owner: None, deposit: 0u32.into(), spec, open_tasks: 0, queued: 0 });
	id
}

/// A stake ten times the minimum.
fn stake<T: Config>() -> BalanceOf<T> {
	T::MinStake::get().saturating_mul(10u32.into())
}

/// `who` joins serving `models`, with `capacity`.
fn add_node<T: Config>(who: &T::AccountId, models: Vec<ModelId>, capacity: u32) {
	Pallet::<T>::do_join(who.clone(), stake::<T>(), models, capacity).expect("benchmark node joins");
	// Past probation: its whole capacity counts and its weight is the largest.
	Nodes::<T>::mutate(who, |n| n.as_mut().expect("joined").reputation = T::MaxReputation::get());
}

/// Makes `model`'s pool full: every bucket's summary says it is full of members with
/// `MinStake`, and bucket 0 really holds them, the first being a node record that can be
/// displaced. Only bucket 0 is ever read when a node with more stake joins.
fn fill_pool<T: Config>(model: ModelId) {
	let size = T::PoolBucketSize::get();
	let least: u128 = T::MinStake::get().unique_saturated_into();
	let members: Vec<PoolEntry<T::AccountId>> = (0..size)
		.map(|i| PoolEntry {
			node: account("crowd", i, SEED),
			stake: least,
			reputation: T::MaxReputation::get(),
			active: true,
			free: true,
			slots: 1,
		})
		.collect();
	let first = members[0].node.clone();
	let members: BoundedVec<_, T::PoolBucketSize> = BoundedVec::truncate_from(members);
	let summary = BucketSummary::of(&members);
	let mut full = summary.clone();
	full.min_stake = least.saturating_add(1);
	let mut buckets = vec![summary];
	buckets.resize(T::MaxPoolBuckets::get() as usize, full);
	PoolBuckets::<T>::insert(model, 0, members);
	let capacity = Pallet::<T>::pool_capacity();
	Pools::<T>::insert(
		model,
		PoolInfo::<T> {
			buckets: BoundedVec::truncate_from(buckets),
			members: capacity,
			active: capacity,
			active_since: 0u32.into(),
		},
	);
	Nodes::<T>::insert(
		&first,
		NodeInfo::<T> {
			stake: T::MinStake::get(),
			models: BoundedVec::truncate_from(vec![PoolSlot { model, bucket: 0 }]),
			capacity: 1,
			reputation: T::MaxReputation::get(),
			status: NodeStatus::Active,
			leaving: false,
			resume_after: 0u32.into(),
			bonded_until: 0u32.into(),
			computing: 0,
			load: 0,
			at_risk: Zero::zero(),
		},
	);
}

/// Makes `model`'s pool as large as a pool gets around its real members: each of its buckets
/// is filled up to `PoolBucketSize` with paused members placed before the real ones (a member is
/// found by a scan of its bucket), and the pool record lists `MaxPoolBuckets` buckets. What a
/// node's pool rewrite reads and writes (the pool record and the node's bucket) is then at its
/// largest; the added buckets are never read (nobody in them can be drawn) and are not stored.
fn pad_pool<T: Config>(model: ModelId) {
	let size = T::PoolBucketSize::get();
	let least: u128 = T::MinStake::get().unique_saturated_into();
	let filler = |i: u32| PoolEntry {
		node: account("pad", i, SEED),
		stake: least,
		reputation: T::MaxReputation::get(),
		active: false,
		free: false,
		slots: 0,
	};
	let mut pool = Pools::<T>::get(model).expect("the model has members");
	let mut next = 0u32;
	for b in 0..pool.buckets.len() as u32 {
		let members = PoolBuckets::<T>::get(model, b);
		let missing = size.saturating_sub(members.len() as u32);
		let mut padded: Vec<_> = (next..next + missing).map(filler).collect();
		next += missing;
		padded.extend(members.into_iter());
		let padded: BoundedVec<_, T::PoolBucketSize> = BoundedVec::truncate_from(padded);
		pool.buckets[b as usize] = BucketSummary::of(&padded);
		pool.members = pool.members.saturating_add(missing);
		PoolBuckets::<T>::insert(model, b, padded);
	}
	let unseen: Vec<_> = (0..size).map(filler).collect();
	while !pool.buckets.is_full() {
		pool.buckets.try_push(BucketSummary::of(&unseen)).expect("checked: not full");
		pool.members = pool.members.saturating_add(size);
	}
	Pools::<T>::insert(model, pool);
}

/// [`pad_pool`] for every model `who` serves.
fn pad_pools_of<T: Config>(who: &T::AccountId) {
	for slot in Nodes::<T>::get(who).expect("joined").models.iter() {
		pad_pool::<T>(slot.model);
	}
}

/// `n` nodes serving only `model` with capacity 1, written directly: pool entries and node
/// records, no held stake (the draw and the assignment never touch balances).
fn crowd<T: Config>(model: ModelId, n: u32) {
	let size = T::PoolBucketSize::get();
	let stake_u128: u128 = stake::<T>().unique_saturated_into();
	let mut buckets = Vec::new();
	let mut placed = 0;
	while placed < n {
		let b = buckets.len() as u32;
		let members: Vec<PoolEntry<T::AccountId>> = (placed..n.min(placed + size))
			.map(|i| PoolEntry {
				node: account("crowd", i, SEED),
				stake: stake_u128,
				reputation: T::MaxReputation::get(),
				active: true,
				free: true,
				slots: 1,
			})
			.collect();
		for e in members.iter() {
			Nodes::<T>::insert(
				&e.node,
				NodeInfo::<T> {
					stake: stake::<T>(),
					models: BoundedVec::truncate_from(vec![PoolSlot { model, bucket: b }]),
					capacity: 1,
					reputation: T::MaxReputation::get(),
					status: NodeStatus::Active,
					leaving: false,
					resume_after: 0u32.into(),
					bonded_until: 0u32.into(),
					computing: 0,
					load: 0,
					at_risk: Zero::zero(),
				},
			);
		}
		placed += members.len() as u32;
		let members: BoundedVec<_, T::PoolBucketSize> = BoundedVec::truncate_from(members);
		buckets.push(BucketSummary::of(&members));
		PoolBuckets::<T>::insert(model, b, members);
	}
	Pools::<T>::insert(
		model,
		PoolInfo::<T> { buckets: BoundedVec::truncate_from(buckets), members: n, active: n, active_since: 0u32.into() },
	);
}

fn set_block<T: Config>(n: u32) {
	frame_system::Pallet::<T>::set_block_number(n.into());
}

/// A seed for hook work measured in block `n`: it covers everything included before `n`.
fn seed<T: Config>(n: impl Into<BlockNumberFor<T>>) -> crate::randomness::SeedOf<T> {
	let n: BlockNumberFor<T> = n.into();
	crate::randomness::Seed { bytes: [7; 32], covers: n.saturating_sub(1u32.into()) }
}

fn now<T: Config>() -> BlockNumberFor<T> {
	frame_system::Pallet::<T>::block_number()
}

fn result_bytes<T: Config>() -> Vec<u8> {
	vec![7u8; (T::MaxResultLen::get() / 4 * 4) as usize]
}

fn salt(i: u32) -> [u8; 32] {
	[i as u8; 32]
}

/// A task of `model` with the longest input, created by a fresh account and assigned to
/// `nodes`.
fn assigned_task<T: Config>(model: ModelId, nodes: &[T::AccountId], creator_index: u32) -> TaskId {
	let creator = funded::<T>("creator", creator_index);
	let input = vec![1u8; Models::<T>::get(model).unwrap().spec.input_len().unwrap() as usize];
	let id = Pallet::<T>::do_create_task(creator, model, input, T::MinFeePerNode::get(), Some(nodes.len() as u32))
		.expect("benchmark task is created").0;
	Queue::<T>::mutate(|q| q.retain(|e| e.task != id));
	Pallet::<T>::assign_to(id, nodes.to_vec(), Zero::zero(), now::<T>()).expect("benchmark assignment");
	id
}

/// The result node `i` of `r` reveals: the smallest majority agrees, each of the others reveals
/// a result of its own (a settlement's costliest comparison and clustering, with deviators to
/// slash).
fn result_of<T: Config>(i: usize, r: usize) -> Vec<u8> {
	let majority = r / 2 + 1;
	let mut result = result_bytes::<T>();
	if i >= majority {
		let distinct = 7u8.wrapping_add(16u8.wrapping_mul((i - majority + 1) as u8));
		result.iter_mut().for_each(|b| *b = distinct);
	}
	result
}

/// A task assigned to `nodes`, committed by all, revealed by all but the last `unrevealed`; the
/// results as [`result_of`].
fn task_in_reveal<T: Config>(
	model: ModelId,
	nodes: &[T::AccountId],
	unrevealed: usize,
	creator_index: u32,
) -> TaskId {
	let id = assigned_task::<T>(model, nodes, creator_index);
	let r = nodes.len();
	for (i, n) in nodes.iter().enumerate() {
		let c = deai_primitives::commitment(id, n, &result_of::<T>(i, r), &salt(i as u32));
		Pallet::<T>::do_commit(n.clone(), id, H256(c)).expect("benchmark commit");
	}
	for (i, n) in nodes.iter().enumerate().take(r - unrevealed) {
		Pallet::<T>::do_reveal(n.clone(), id, result_of::<T>(i, r), salt(i as u32)).expect("benchmark reveal");
	}
	id
}

/// A model with the longest input and `r` real nodes serving only it, capacity 1, in a pool
/// padded to its largest ([`pad_pool`]).
fn model_and_nodes<T: Config>(r: u32) -> (ModelId, Vec<T::AccountId>) {
	let model = add_model::<T>(0, T::MaxInputLen::get());
	let nodes = (0..r)
		.map(|i| {
			let who = funded::<T>("node", i);
			add_node::<T>(&who, vec![model], 1);
			who
		})
		.collect();
	pad_pool::<T>(model);
	(model, nodes)
}

/// Fills the queue with `n` tasks of two other models (`fillers`), from accounts of their own.
fn fill_queue<T: Config>(fillers: [ModelId; 2], n: u32, i: u32) {
	for q in 0..n {
		let other = funded::<T>("other", q);
		let m = if Models::<T>::get(fillers[0]).unwrap().queued < T::MaxQueuedPerModel::get() {
			fillers[0]
		} else {
			fillers[1]
		};
		Pallet::<T>::do_create_task(other, m, vec![0; i as usize], T::MinFeePerNode::get(), None)
			.expect("the fillers' nodes serve a queue share each");
	}
}

/// Three models with `MaxRedundancy` nodes serving them all at their largest capacity (so each
/// model's share of the queue is `MaxQueuedPerModel`, not what few slots could serve), `i`-byte
/// inputs: the model of the task measured, and two that fill the queue.
fn three_models<T: Config>(i: u32) -> (ModelId, [ModelId; 2]) {
	let model = add_model::<T>(0, i);
	let fillers = [add_model::<T>(1, i), add_model::<T>(2, i)];
	for n in 0..T::MaxRedundancy::get() {
		let who = funded::<T>("node", n);
		add_node::<T>(&who, vec![model, fillers[0], fillers[1]], T::MaxCapacity::get());
	}
	(model, fillers)
}

/// A sampled task (always checked) whose primary committed, in a full pool where every other
/// node computes twice its slots already: at its decision (the returned block, now) the checkers'
/// draw sets one node aside in each of its rounds and draws none.
fn sampled_without_checkers<T: Config>() -> (TaskId, BlockNumberFor<T>) {
	let others = crate::draw::max_attempts(SAMPLE_CHECKERS) + pool::PRIMARY_REJECTIONS;
	let (model, nodes) = model_and_nodes::<T>(1 + others);
	set_block::<T>(1);
	let creator = funded::<T>("creator", 0);
	let input = vec![0; T::MaxInputLen::get() as usize];
	let id = Pallet::<T>::do_create_sampled_task(creator, model, input, T::MinFeePerNode::get(), 1000).unwrap().0;
	set_block::<T>(2);
	let mut meter = WeightMeter::new();
	Pallet::<T>::assign_queued(2u32.into(), Some(&seed::<T>(2u32)), &mut meter);
	let primary = Tasks::<T>::get(id).unwrap().assignments[0].node.clone();
	for other in nodes.iter().filter(|n| *n != &primary) {
		Nodes::<T>::mutate(other, |n| {
			let n = n.as_mut().expect("joined");
			n.computing = n.effective_capacity().saturating_mul(2);
		});
	}
	Pallet::<T>::do_commit(primary, id, H256::zero()).unwrap();
	let due = Tasks::<T>::get(id).unwrap().deadline;
	frame_system::Pallet::<T>::set_block_number(due);
	(id, due)
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
			Comparison::Tolerance { max_abs: 1 },
		);
		assert_eq!(Models::<T>::get(id).unwrap().owner, Some(caller));
	}

	#[benchmark]
	fn remove_model() {
		let caller = funded::<T>("caller", 0);
		let id = model_id(0);
		Pallet::<T>::do_register_model(
			caller.clone(),
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

	/// Every model's pool is full: the new node displaces the member with the least stake.
	#[benchmark]
	fn join(m: Linear<1, { T::MaxModelsPerNode::get() }>) {
		let models: Vec<ModelId> = (0..m).map(|i| add_model::<T>(i, 1)).collect();
		models.iter().for_each(|id| fill_pool::<T>(*id));
		let caller = funded::<T>("caller", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), stake::<T>(), models, T::MaxCapacity::get());
		assert!(Nodes::<T>::contains_key(caller));
	}

	/// `o` models dropped, `n` added into full pools.
	#[benchmark]
	fn update_node(o: Linear<1, { T::MaxModelsPerNode::get() }>, n: Linear<1, { T::MaxModelsPerNode::get() }>) {
		let old: Vec<ModelId> = (0..o).map(|i| add_model::<T>(i, 1)).collect();
		let new: Vec<ModelId> = (0..n).map(|i| add_model::<T>(100 + i, 1)).collect();
		let caller = funded::<T>("caller", 0);
		add_node::<T>(&caller, old, 1);
		pad_pools_of::<T>(&caller);
		new.iter().for_each(|id| fill_pool::<T>(*id));
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), new.clone(), 2);
		assert_eq!(Nodes::<T>::get(caller).unwrap().model_ids(), new);
	}

	#[benchmark]
	fn add_stake(m: Linear<1, { T::MaxModelsPerNode::get() }>) {
		let caller = funded::<T>("caller", 0);
		let models: Vec<ModelId> = (0..m).map(|i| add_model::<T>(i, 1)).collect();
		add_node::<T>(&caller, models, 1);
		pad_pools_of::<T>(&caller);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), T::MinStake::get());
	}

	#[benchmark]
	fn pause(m: Linear<1, { T::MaxModelsPerNode::get() }>) {
		let caller = funded::<T>("caller", 0);
		let models: Vec<ModelId> = (0..m).map(|i| add_model::<T>(i, 1)).collect();
		add_node::<T>(&caller, models, 1);
		pad_pools_of::<T>(&caller);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()));
		assert_eq!(Nodes::<T>::get(caller).unwrap().status, NodeStatus::Paused);
	}

	#[benchmark]
	fn resume(m: Linear<1, { T::MaxModelsPerNode::get() }>) {
		let caller = funded::<T>("caller", 0);
		let models: Vec<ModelId> = (0..m).map(|i| add_model::<T>(i, 1)).collect();
		add_node::<T>(&caller, models, 1);
		pad_pools_of::<T>(&caller);
		Pallet::<T>::do_pause(caller.clone()).unwrap();
		Nodes::<T>::mutate(&caller, |n| {
			let n = n.as_mut().unwrap();
			n.status = NodeStatus::AutoPaused;
			n.reputation = 0;
		});
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()));
		assert_eq!(Nodes::<T>::get(caller).unwrap().status, NodeStatus::Active);
	}

	/// An idle node leaves at once: out of `m` pools, stake released, reputation remembered.
	#[benchmark]
	fn leave(m: Linear<0, { T::MaxModelsPerNode::get() }>) {
		let caller = funded::<T>("caller", 0);
		let models: Vec<ModelId> = (0..m.max(1)).map(|i| add_model::<T>(i, 1)).collect();
		add_node::<T>(&caller, models, 1);
		if m == 0 {
			// No pool to leave: only the removal (the unit settlement adds for a leaving node).
			let mut node = Nodes::<T>::get(&caller).unwrap();
			for slot in node.models.iter() {
				Pallet::<T>::pool_remove(slot.model, slot.bucket, &caller);
			}
			node.models = Default::default();
			Nodes::<T>::insert(&caller, node);
		}
		pad_pools_of::<T>(&caller);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()));
		assert!(!Nodes::<T>::contains_key(&caller));
		assert!(RetainedReputations::<T>::contains_key(&caller));
	}

	#[benchmark]
	fn forget_reputation() {
		let who: T::AccountId = account("gone", 0, SEED);
		RetainedReputations::<T>::insert(
			&who,
			RetainedReputation { reputation: 1, resume_after: 0u32.into(), expires: 0u32.into() },
		);
		set_block::<T>(10);
		let caller = funded::<T>("caller", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), who.clone());
		assert!(!RetainedReputations::<T>::contains_key(&who));
	}

	/// An `i`-byte input, the queue one short of full (its longest read and write), no eviction.
	#[benchmark]
	fn create_task(i: Linear<1, { T::MaxInputLen::get() }>) {
		let (model, fillers) = three_models::<T>(i);
		fill_queue::<T>(fillers, T::MaxQueueLen::get() - 1, i);
		let caller = funded::<T>("caller", 0);
		let fee = T::MinFeePerNode::get().saturating_mul(2u32.into());
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), model, vec![1; i as usize], fee, Some(T::MaxRedundancy::get()));
		assert_eq!(Queue::<T>::get()[0].fee_per_node, fee);
	}

	/// An `i`-byte input, a full queue: the new task evicts the cheapest and pays the charge.
	#[benchmark]
	fn create_task_evicting(i: Linear<1, { T::MaxInputLen::get() }>) {
		let (model, fillers) = three_models::<T>(i);
		fill_queue::<T>(fillers, T::MaxQueueLen::get(), i);
		let caller = funded::<T>("caller", 0);
		let fee = T::MinFeePerNode::get().saturating_mul(2u32.into());
		#[block]
		{
			Pallet::<T>::do_create_task(caller, model, vec![1; i as usize], fee, Some(T::MaxRedundancy::get()))
				.unwrap();
		}
		assert_eq!(Queue::<T>::get()[0].fee_per_node, fee);
	}

	/// The last task of a full queue (of the longest inputs) is cancelled.
	#[benchmark]
	fn cancel_task() {
		let i = T::MaxInputLen::get();
		let (model, fillers) = three_models::<T>(i);
		fill_queue::<T>(fillers, T::MaxQueueLen::get() - 1, i);
		let caller = funded::<T>("caller", 0);
		let id = Pallet::<T>::do_create_task(caller.clone(), model, vec![0; i as usize], T::MinFeePerNode::get(), None)
			.unwrap()
			.0;
		assert_eq!(Queue::<T>::get().len() as u32, T::MaxQueueLen::get());
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id);
		assert_eq!(Tasks::<T>::get(id).unwrap().phase, Phase::Failed(FailReason::Cancelled));
	}

	/// A sampled task with an `i`-byte input, the queue one short of full, no eviction.
	#[benchmark]
	fn create_sampled_task(i: Linear<1, { T::MaxInputLen::get() }>) {
		let (model, fillers) = three_models::<T>(i);
		fill_queue::<T>(fillers, T::MaxQueueLen::get() - 1, i);
		let caller = funded::<T>("caller", 0);
		let fee = T::MinFeePerNode::get().saturating_mul(2u32.into());
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), model, vec![1; i as usize], fee, 1000);
		assert_eq!(Queue::<T>::get()[0].fee_per_node, fee);
	}

	/// The last commit opens the reveal window.
	#[benchmark]
	fn commit() {
		let r = T::MaxRedundancy::get();
		let (model, nodes) = model_and_nodes::<T>(r);
		let id = assigned_task::<T>(model, &nodes, 0);
		for n in nodes.iter().take(r as usize - 1) {
			Pallet::<T>::do_commit(n.clone(), id, H256::zero()).unwrap();
		}
		let last = nodes.last().unwrap().clone();
		#[extrinsic_call]
		_(RawOrigin::Signed(last), id, H256::zero());
		assert_eq!(Tasks::<T>::get(id).unwrap().phase, Phase::Reveal);
	}

	/// A reveal that does not settle (another node has yet to reveal).
	#[benchmark]
	fn reveal() {
		let r = T::MaxRedundancy::get().max(2);
		let (model, nodes) = model_and_nodes::<T>(r);
		let id = task_in_reveal::<T>(model, &nodes, 2, 0);
		let who = nodes[r as usize - 2].clone();
		#[extrinsic_call]
		_(RawOrigin::Signed(who), id, result_of::<T>(r as usize - 2, r as usize), salt(r - 2));
		assert_eq!(Tasks::<T>::get(id).unwrap().phase, Phase::Reveal);
	}

	/// The last reveal settles: the smallest majority paid, every other node with a result of
	/// its own slashed, each back in its (full) pool.
	#[benchmark]
	fn reveal_and_settle(r: Linear<1, { T::MaxRedundancy::get() }>) {
		let (model, nodes) = model_and_nodes::<T>(r);
		let id = task_in_reveal::<T>(model, &nodes, 1, 0);
		let last = nodes.last().unwrap().clone();
		#[extrinsic_call]
		reveal(RawOrigin::Signed(last), id, result_of::<T>(r as usize - 1, r as usize), salt(r - 1));
		assert_eq!(Tasks::<T>::get(id).unwrap().phase, Phase::Completed);
	}

	/// `n` pool entries rewritten: a node serving `n` models changes its stake.
	#[benchmark]
	fn update_pools(n: Linear<1, { T::MaxModelsPerNode::get() }>) {
		let who = funded::<T>("node", 0);
		let models: Vec<ModelId> = (0..n).map(|i| add_model::<T>(i, 1)).collect();
		add_node::<T>(&who, models, 1);
		pad_pools_of::<T>(&who);
		let node = Nodes::<T>::get(&who).unwrap();
		let before = Pallet::<T>::standing(&node);
		let after = pool::Standing { stake: before.stake + 1, ..before };
		#[block]
		{
			Pallet::<T>::sync_pools(&who, &node, before, after);
		}
	}

	/// A block with nothing to do.
	#[benchmark]
	fn on_initialize_base() {
		set_block::<T>(10);
		#[block]
		{
			let mut meter = WeightMeter::new();
			Pallet::<T>::run_hooks(10u32.into(), Some(&seed::<T>(10u32)), &mut meter);
		}
	}

	/// Reading and rewriting a queue of `q` tasks of which none can be drawn (their model has
	/// no eligible node).
	#[benchmark]
	fn queue_scan(q: Linear<0, { T::MaxQueueLen::get() }>) {
		let model = add_model::<T>(0, 1);
		let entries: Vec<_> = (0..q)
			.map(|i| QueueEntry {
				task: i as TaskId,
				fee_per_node: T::MinFeePerNode::get(),
				model,
				redundancy: 1,
				created_at: 1u32.into(),
				stake_needed: Zero::zero(),
			})
			.collect();
		Queue::<T>::put(BoundedVec::truncate_from(entries));
		set_block::<T>(3);
		#[block]
		{
			let mut meter = WeightMeter::new();
			Pallet::<T>::assign_queued(3u32.into(), Some(&seed::<T>(3u32)), &mut meter);
		}
		assert_eq!(Queue::<T>::get().len() as u32, q);
	}

	/// One task drawn among `n` nodes serving its model (up to a full pool), each taken by the
	/// draw at its first attempt and leaving the pool (capacity 1) when assigned.
	#[benchmark]
	fn assign_task(
		r: Linear<1, { T::MaxRedundancy::get() }>,
		n: Linear<{ T::MaxRedundancy::get() }, { Pallet::<T>::pool_capacity() }>,
	) {
		let model = add_model::<T>(0, T::MaxInputLen::get());
		crowd::<T>(model, n);
		set_block::<T>(1);
		let creator = funded::<T>("creator", 0);
		let input = vec![0; T::MaxInputLen::get() as usize];
		let id = Pallet::<T>::do_create_task(creator, model, input, T::MinFeePerNode::get(), Some(r)).unwrap().0;
		set_block::<T>(2);
		#[block]
		{
			let mut meter = WeightMeter::new();
			Pallet::<T>::assign_queued(2u32.into(), Some(&seed::<T>(2u32)), &mut meter);
		}
		assert_eq!(Tasks::<T>::get(id).unwrap().phase, Phase::Commit);
	}

	/// A queued task past its queue deadline is refunded.
	#[benchmark]
	fn queue_timeout() {
		let (model, _) = model_and_nodes::<T>(T::MaxRedundancy::get());
		set_block::<T>(1);
		let creator = funded::<T>("creator", 0);
		let input = vec![0; T::MaxInputLen::get() as usize];
		let id = Pallet::<T>::do_create_task(creator, model, input, T::MinFeePerNode::get(), None).unwrap().0;
		let late = T::QueueTimeout::get().saturating_add(1u32.into());
		frame_system::Pallet::<T>::set_block_number(late);
		Queue::<T>::kill();
		#[block]
		{
			Pallet::<T>::time_out(id, model, late);
		}
		assert_eq!(Tasks::<T>::get(id).unwrap().phase, Phase::Failed(FailReason::QueueTimeout));
	}

	/// A commit window ends with no commit: `r` silent nodes penalized and freed, fee refunded.
	#[benchmark]
	fn commit_deadline(r: Linear<1, { T::MaxRedundancy::get() }>) {
		let (model, nodes) = model_and_nodes::<T>(r);
		set_block::<T>(1);
		let id = assigned_task::<T>(model, &nodes, 0);
		let due = Tasks::<T>::get(id).unwrap().deadline;
		frame_system::Pallet::<T>::set_block_number(due);
		#[block]
		{
			let mut meter = WeightMeter::new();
			Pallet::<T>::process_log(DeadlineKind::CommitEnd, due, Some(&seed::<T>(due)), &mut meter);
		}
		assert_eq!(Tasks::<T>::get(id).unwrap().phase, Phase::Failed(FailReason::NotEnoughCommits));
	}

	/// A reveal window ends with one reveal missing: the task settles in the hook, `r - 1`
	/// nodes paid and one slashed for withholding.
	#[benchmark]
	fn reveal_deadline(r: Linear<1, { T::MaxRedundancy::get() }>) {
		let (model, nodes) = model_and_nodes::<T>(r);
		set_block::<T>(1);
		let id = task_in_reveal::<T>(model, &nodes, 1, 0);
		let due = Tasks::<T>::get(id).unwrap().deadline;
		frame_system::Pallet::<T>::set_block_number(due);
		#[block]
		{
			let mut meter = WeightMeter::new();
			Pallet::<T>::process_log(DeadlineKind::RevealEnd, due, Some(&seed::<T>(due)), &mut meter);
		}
		assert!(!Tasks::<T>::get(id).unwrap().phase.is_open());
	}

	/// A finished task and its longest input are removed.
	#[benchmark]
	fn prune() {
		let (model, _) = model_and_nodes::<T>(T::MaxRedundancy::get());
		set_block::<T>(1);
		let creator = funded::<T>("creator", 0);
		let input = vec![0; T::MaxInputLen::get() as usize];
		let id = Pallet::<T>::do_create_task(creator.clone(), model, input, T::MinFeePerNode::get(), None).unwrap().0;
		Pallet::<T>::do_cancel_task(creator, id).unwrap();
		let due = Tasks::<T>::get(id).unwrap().deadline;
		frame_system::Pallet::<T>::set_block_number(due);
		#[block]
		{
			let mut meter = WeightMeter::new();
			Pallet::<T>::process_log(DeadlineKind::Prune, due, Some(&seed::<T>(due)), &mut meter);
		}
		assert!(!Tasks::<T>::contains_key(id));
	}

	/// A log entry whose task moved on (committed early): skipped.
	#[benchmark]
	fn deadline_stale() {
		let (model, nodes) = model_and_nodes::<T>(1);
		set_block::<T>(1);
		let id = assigned_task::<T>(model, &nodes, 0);
		let due = Tasks::<T>::get(id).unwrap().deadline;
		Pallet::<T>::do_commit(nodes[0].clone(), id, H256::zero()).unwrap();
		frame_system::Pallet::<T>::set_block_number(due);
		#[block]
		{
			let mut meter = WeightMeter::new();
			Pallet::<T>::process_log(DeadlineKind::CommitEnd, due, Some(&seed::<T>(due)), &mut meter);
		}
		assert_eq!(Tasks::<T>::get(id).unwrap().phase, Phase::Reveal);
	}

	/// A sampled task's primary committed; the decision checks it and draws two checkers in a
	/// full pool.
	#[benchmark]
	fn decide_sample() {
		let model = add_model::<T>(0, T::MaxInputLen::get());
		crowd::<T>(model, Pallet::<T>::pool_capacity());
		set_block::<T>(1);
		let creator = funded::<T>("creator", 0);
		let input = vec![0; T::MaxInputLen::get() as usize];
		let id = Pallet::<T>::do_create_sampled_task(creator, model, input, T::MinFeePerNode::get(), 1000).unwrap().0;
		set_block::<T>(2);
		let mut meter = WeightMeter::new();
		Pallet::<T>::assign_queued(2u32.into(), Some(&seed::<T>(2u32)), &mut meter);
		let primary = Tasks::<T>::get(id).unwrap().assignments[0].node.clone();
		Pallet::<T>::do_commit(primary, id, H256::zero()).unwrap();
		let due = Tasks::<T>::get(id).unwrap().deadline;
		frame_system::Pallet::<T>::set_block_number(due);
		#[block]
		{
			let mut meter = WeightMeter::new();
			Pallet::<T>::process_log(DeadlineKind::SampleDecision, due, Some(&seed::<T>(due)), &mut meter);
		}
		assert_eq!(Tasks::<T>::get(id).unwrap().redundancy, 3, "checked, with two checkers");
	}

	/// A checked sampled task whose checkers cannot be drawn (every other node of its model is
	/// busy): the failed draw and the decision put off to the next block.
	#[benchmark]
	fn sample_retry() {
		let (id, due) = sampled_without_checkers::<T>();
		#[block]
		{
			let mut meter = WeightMeter::new();
			Pallet::<T>::process_log(DeadlineKind::SampleDecision, due, Some(&seed::<T>(due)), &mut meter);
		}
		let task = Tasks::<T>::get(id).unwrap();
		assert!(task.awaits_sampling() && task.deadline > due, "put off to the next block");
	}

	/// A checked sampled task still without checkers at `checkers_by`: it fails (`NoCheckers`),
	/// the primary's stake at risk and the creator's fee released.
	#[benchmark]
	fn no_checkers() {
		let (id, due) = sampled_without_checkers::<T>();
		let mut meter = WeightMeter::new();
		Pallet::<T>::process_log(DeadlineKind::SampleDecision, due, Some(&seed::<T>(due)), &mut meter);
		let next = Tasks::<T>::get(id).unwrap().deadline;
		Tasks::<T>::mutate(id, |t| t.as_mut().unwrap().checkers_by = next);
		frame_system::Pallet::<T>::set_block_number(next);
		#[block]
		{
			let mut meter = WeightMeter::new();
			Pallet::<T>::process_log(DeadlineKind::SampleDecision, next, Some(&seed::<T>(next)), &mut meter);
		}
		assert_eq!(Tasks::<T>::get(id).unwrap().phase, Phase::Failed(FailReason::NoCheckers));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::ExtBuilder::default().build(), crate::mock::Test);
}
