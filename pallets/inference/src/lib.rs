//! # Inference pallet
//!
//! deai's verification protocol (see `PROTOCOL.md` at the repository root): anyone buys
//! *verified* inference, anyone with a machine sells it, and no trusted party recomputes results.
//!
//! - **Models** are TorchScript files registered by content hash with a held deposit. An entry
//!   says how to feed the model (input element type and shape), how to read it (output
//!   encoding), and when two results agree (comparison: exact, tolerance, Hamming).
//! - **Compute nodes** join with a stake held from their account, the models they serve and a
//!   capacity. They can update, pause, resume and leave (pending while they still owe work).
//!   Missed commits, deviating and withheld results lower their reputation; below a floor they
//!   are paused automatically.
//! - **Tasks** hold `r * fee` from the creator and wait in a bounded, fee-ordered queue. At the
//!   start of a later block, `r` distinct free nodes serving the model are drawn at random,
//!   weighted by `isqrt(stake) * reputation`, with randomness from a block *after* the one that
//!   included the task. Each node commits
//!   `blake2_256(SCALE("deai/commit/v1", task, node, blake2_256(result), salt))`; once all have
//!   committed (or a quorum `r / 2 + 1` has by the end of the commit window) they reveal. The
//!   runtime clusters the reveals with the model's comparison, pays the agreeing majority, slashes
//!   nodes that revealed something else or withheld their reveal, lowers the reputation of nodes
//!   that never committed, refunds unpaid shares, and stores the verified result.
//! - **Deadlines** (queue, commit, reveal, and pruning after a retention period) are processed in
//!   `on_initialize`, at most `MaxExpiriesPerBlock` per block; the rest wait for the next block.
//!
//! Trust assumption of the draw: block authors do not collude with compute nodes. The seed is the
//! hash of a block after the task's inclusion, which its author could grind; the upgrade path is
//! VRF randomness (BABE) or a randomness beacon through the `Randomness` type.
//!
//! The commitment is computed by [`deai_primitives::commitment`], which the worker uses too; its
//! documentation publishes a test vector.
#![cfg_attr(not(feature = "std"), no_std)]
#![warn(missing_docs)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod cluster;
pub mod draw;
mod impls;
mod invariants;
#[cfg(test)]
mod mock;
pub mod randomness;
pub mod runtime_api;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use types::*;
pub use weights::WeightInfo;

use frame_support::traits::fungible;

/// The balance type of the pallet's currency.
pub type BalanceOf<T> =
	<<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// Funds the pallet gives to `Config::Slashed` (typically a treasury account).
pub type CreditOf<T> = fungible::Credit<<T as frame_system::Config>::AccountId, <T as Config>::Currency>;

// `register_model` takes the model description field by field, so that polkadot-js apps shows
// each as its own input; the call macro repeats that signature.
#[allow(clippy::too_many_arguments)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use deai_primitives::{Comparison, ElementType, OutputEncoding, Salt, TaskId};
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{BalancedHold, Inspect, InspectHold, Mutate, MutateHold},
			OnUnbalanced, Randomness,
		},
	};
	use frame_system::pallet_prelude::*;
	use sp_core::H256;
	use sp_runtime::{Perbill, Saturating};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Why the pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A compute node's stake.
		NodeStake,
		/// A task's fee, until settlement.
		TaskFee,
		/// A model registration deposit.
		ModelDeposit,
	}

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The currency stakes, fees and deposits are held in.
		type Currency: Inspect<Self::AccountId>
			+ Mutate<Self::AccountId>
			+ InspectHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ BalancedHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The runtime's hold reasons, which include this pallet's [`HoldReason`].
		type RuntimeHoldReason: From<HoldReason>;

		/// Where slashed stake goes (a treasury account in the runtime).
		type Slashed: OnUnbalanced<CreditOf<Self>>;

		/// Randomness for the draw; it must come from a block after the task's inclusion.
		type Randomness: Randomness<Self::Hash, BlockNumberFor<Self>>;

		/// Weights of the calls and hooks, from the pallet's benchmarks.
		type WeightInfo: WeightInfo;

		/// Deposit held for registering a model, returned when it is removed.
		#[pallet::constant]
		type ModelDeposit: Get<BalanceOf<Self>>;
		/// Smallest stake a compute node may hold.
		#[pallet::constant]
		type MinStake: Get<BalanceOf<Self>>;
		/// Smallest fee per node a task may offer.
		#[pallet::constant]
		type MinFeePerNode: Get<BalanceOf<Self>>;
		/// Share of its stake a node loses for a deviating or withheld result.
		#[pallet::constant]
		type SlashFraction: Get<Perbill>;

		/// Redundancy `r` of a task that does not ask for one.
		#[pallet::constant]
		type DefaultRedundancy: Get<u32>;
		/// Largest redundancy a task may ask for.
		#[pallet::constant]
		type MaxRedundancy: Get<u32>;
		/// Longest task input, in bytes.
		#[pallet::constant]
		type MaxInputLen: Get<u32>;
		/// Longest result stored on chain, in bytes.
		#[pallet::constant]
		type MaxResultLen: Get<u32>;
		/// Longest model name.
		#[pallet::constant]
		type MaxNameLen: Get<u32>;
		/// Most dimensions of a model's input shape.
		#[pallet::constant]
		type MaxShapeDims: Get<u32>;
		/// Most models one node serves.
		#[pallet::constant]
		type MaxModelsPerNode: Get<u32>;
		/// Most nodes serving one model (bounds the draw's work).
		#[pallet::constant]
		type MaxNodesPerModel: Get<u32>;
		/// Largest capacity (concurrent tasks) of a node.
		#[pallet::constant]
		type MaxCapacity: Get<u32>;
		/// Most tasks waiting for nodes.
		#[pallet::constant]
		type MaxQueueLen: Get<u32>;

		/// Blocks a task may wait in the queue before it is refunded.
		#[pallet::constant]
		type QueueTimeout: Get<BlockNumberFor<Self>>;
		/// Blocks the assigned nodes have to commit.
		#[pallet::constant]
		type CommitPeriod: Get<BlockNumberFor<Self>>;
		/// Blocks the committed nodes have to reveal.
		#[pallet::constant]
		type RevealPeriod: Get<BlockNumberFor<Self>>;
		/// Blocks a finished task stays readable before it is pruned.
		#[pallet::constant]
		type RetentionPeriod: Get<BlockNumberFor<Self>>;

		/// Reputation of a node that just joined.
		#[pallet::constant]
		type InitialReputation: Get<u32>;
		/// Highest reputation.
		#[pallet::constant]
		type MaxReputation: Get<u32>;
		/// Below this reputation a node is paused automatically.
		#[pallet::constant]
		type ReputationFloor: Get<u32>;
		/// Reputation lost for a missed commit, a deviating or a withheld result.
		#[pallet::constant]
		type ReputationPenalty: Get<u32>;
		/// Reputation gained for a result in the winning cluster.
		#[pallet::constant]
		type ReputationReward: Get<u32>;

		/// Most deadlines due in one block.
		#[pallet::constant]
		type MaxDeadlinesPerBlock: Get<u32>;
		/// Most deadlines (or empty deadline slots) processed in one block.
		#[pallet::constant]
		type MaxExpiriesPerBlock: Get<u32>;
		/// Most queued tasks tried for assignment in one block.
		#[pallet::constant]
		type MaxAssignmentsPerBlock: Get<u32>;
	}

	/// Registered models by id.
	#[pallet::storage]
	pub type Models<T: Config> = StorageMap<_, Blake2_128Concat, ModelId, ModelInfo<T>>;

	/// Compute nodes by account.
	#[pallet::storage]
	pub type Nodes<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, NodeInfo<T>>;

	/// How many compute nodes have joined.
	#[pallet::storage]
	pub type NodeCount<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// The nodes serving each model: the candidates of the draw.
	#[pallet::storage]
	pub type ModelNodes<T: Config> =
		StorageMap<_, Blake2_128Concat, ModelId, BoundedVec<T::AccountId, T::MaxNodesPerModel>, ValueQuery>;

	/// The unfinished tasks assigned to each node (at most its capacity when assigned).
	#[pallet::storage]
	pub type NodeTasks<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, BoundedVec<TaskId, T::MaxCapacity>, ValueQuery>;

	/// Tasks by id, kept until `RetentionPeriod` blocks after they finish.
	#[pallet::storage]
	pub type Tasks<T: Config> = StorageMap<_, Twox64Concat, TaskId, TaskInfo<T>>;

	/// The id the next task gets.
	#[pallet::storage]
	pub type NextTaskId<T: Config> = StorageValue<_, TaskId, ValueQuery>;

	/// Tasks waiting for nodes, by fee per node (highest first), then by age.
	#[pallet::storage]
	pub type Queue<T: Config> = StorageValue<
		_,
		BoundedVec<QueueEntry<BalanceOf<T>, BlockNumberFor<T>>, T::MaxQueueLen>,
		ValueQuery,
	>;

	/// The tasks whose pending deadline falls in each block.
	#[pallet::storage]
	pub type Deadlines<T: Config> = StorageMap<
		_,
		Twox64Concat,
		BlockNumberFor<T>,
		BoundedVec<TaskId, T::MaxDeadlinesPerBlock>,
		ValueQuery,
	>;

	/// The earliest block whose deadlines may not all be processed yet.
	#[pallet::storage]
	pub type DeadlineCursor<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery>;

	/// Models registered in the genesis block.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The models, with no owner and no deposit.
		pub models: Vec<GenesisModel>,
		#[serde(skip)]
		#[doc(hidden)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for m in &self.models {
				let spec = Pallet::<T>::make_spec(
					m.name.as_bytes().to_vec(),
					m.input_type,
					m.input_shape.clone(),
					m.method.as_bytes().to_vec(),
					m.extra_args.clone(),
					m.output,
					m.comparison,
				)
				.expect("genesis model spec is valid");
				assert!(!Models::<T>::contains_key(m.id), "duplicate genesis model");
				Models::<T>::insert(
					m.id,
					ModelInfo { owner: None, deposit: Default::default(), spec, open_tasks: 0 },
				);
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A model was registered.
		ModelRegistered {
			/// The model id: blake2-256 of the TorchScript file.
			model: ModelId,
			/// The account whose deposit is held for the entry.
			owner: T::AccountId,
		},
		/// A model was removed and its deposit returned.
		ModelRemoved {
			/// The removed model.
			model: ModelId,
		},
		/// A compute node joined.
		NodeJoined {
			/// The compute node's account.
			node: T::AccountId,
			/// The stake now held.
			stake: BalanceOf<T>,
			/// The models it serves.
			models: Vec<ModelId>,
			/// How many tasks it takes at once.
			capacity: u32,
		},
		/// A compute node changed its models or capacity.
		NodeUpdated {
			/// The compute node's account.
			node: T::AccountId,
			/// The models it serves from now on.
			models: Vec<ModelId>,
			/// How many tasks it takes at once from now on.
			capacity: u32,
		},
		/// A compute node added stake.
		StakeAdded {
			/// The compute node's account.
			node: T::AccountId,
			/// The amount added.
			amount: BalanceOf<T>,
			/// The whole stake now held.
			stake: BalanceOf<T>,
		},
		/// A compute node paused itself.
		NodePaused {
			/// The compute node's account.
			node: T::AccountId,
		},
		/// The chain paused a compute node.
		NodeAutoPaused {
			/// The compute node's account.
			node: T::AccountId,
			/// Why it was paused.
			reason: AutoPauseReason,
		},
		/// A compute node resumed.
		NodeResumed {
			/// The compute node's account.
			node: T::AccountId,
		},
		/// A busy compute node asked to leave; it leaves when its tasks end.
		NodeLeaving {
			/// The compute node's account.
			node: T::AccountId,
			/// The tasks it must still finish.
			pending_tasks: u32,
		},
		/// A compute node left and its stake was released.
		NodeLeft {
			/// The compute node's account.
			node: T::AccountId,
			/// The stake released.
			stake: BalanceOf<T>,
		},
		/// A node's reputation changed.
		ReputationChanged {
			/// The compute node's account.
			node: T::AccountId,
			/// Its reputation now.
			reputation: u32,
		},
		/// A task was created and queued; its fee is held.
		TaskCreated {
			/// The new task's id.
			task: TaskId,
			/// The account that pays for it.
			creator: T::AccountId,
			/// The model to run.
			model: ModelId,
			/// What each agreeing node is paid.
			fee_per_node: BalanceOf<T>,
			/// How many nodes run it.
			redundancy: u32,
		},
		/// A task was assigned to nodes; the commit window ends at `commit_deadline`.
		TaskAssigned {
			/// The task.
			task: TaskId,
			/// The nodes drawn to run it.
			nodes: Vec<T::AccountId>,
			/// The block at whose start the commit window closes.
			commit_deadline: BlockNumberFor<T>,
		},
		/// A node committed to a result.
		Committed {
			/// The task.
			task: TaskId,
			/// The committing node.
			node: T::AccountId,
		},
		/// The reveal window opened; it ends at `reveal_deadline`.
		RevealStarted {
			/// The task.
			task: TaskId,
			/// The block at whose start the reveal window closes.
			reveal_deadline: BlockNumberFor<T>,
		},
		/// A node revealed its result.
		Revealed {
			/// The task.
			task: TaskId,
			/// The revealing node.
			node: T::AccountId,
		},
		/// A quorum agreed: the verified result.
		TaskCompleted {
			/// The task.
			task: TaskId,
			/// The verified result bytes, in the model's output encoding.
			result: Vec<u8>,
		},
		/// A task ended without a verified result.
		TaskFailed {
			/// The task.
			task: TaskId,
			/// Why it failed.
			reason: FailReason,
		},
		/// A node in the winning cluster was paid.
		NodeRewarded {
			/// The task.
			task: TaskId,
			/// The paid node.
			node: T::AccountId,
			/// The amount paid.
			amount: BalanceOf<T>,
		},
		/// A node was slashed for a deviating or withheld result.
		NodeSlashed {
			/// The task.
			task: TaskId,
			/// The slashed node.
			node: T::AccountId,
			/// The amount taken from its stake.
			amount: BalanceOf<T>,
		},
		/// Unused fee went back to the task's creator.
		FeeRefunded {
			/// The task.
			task: TaskId,
			/// The creator refunded.
			creator: T::AccountId,
			/// The amount released.
			amount: BalanceOf<T>,
		},
		/// A finished task was removed from state.
		TaskPruned {
			/// The pruned task.
			task: TaskId,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No model with this id.
		UnknownModel,
		/// A model with this id is already registered.
		ModelExists,
		/// The model name is longer than `MaxNameLen`.
		NameTooLong,
		/// The input shape is empty, has a zero dimension, or has more than `MaxShapeDims`.
		BadShape,
		/// The model's input would be longer than `MaxInputLen`.
		ShapeTooLarge,
		/// The method name is longer than 32 bytes or the extra arguments more than 4.
		BadInvocation,
		/// The output encoding is invalid (`TopK` with k = 0, `FixedPoint` with scale 0) or its
		/// result would not fit in `MaxResultLen`.
		BadOutputEncoding,
		/// Only the model's owner may do this.
		NotModelOwner,
		/// The model still has nodes serving it or unfinished tasks.
		ModelInUse,
		/// This account is already a compute node.
		AlreadyJoined,
		/// This account is not a compute node.
		NotANode,
		/// The stake is below `MinStake`.
		StakeTooLow,
		/// Not enough free balance for the stake, deposit or fee.
		InsufficientBalance,
		/// A node must serve at least one model.
		NoModels,
		/// More models than `MaxModelsPerNode`.
		TooManyModels,
		/// The same model is listed twice.
		DuplicateModel,
		/// The model already has `MaxNodesPerModel` nodes.
		TooManyNodesForModel,
		/// Capacity must be between 1 and `MaxCapacity`.
		BadCapacity,
		/// The node is not active.
		NotActive,
		/// The node is not paused.
		NotPaused,
		/// The node is already leaving.
		AlreadyLeaving,
		/// The input length does not match the model's shape and element type.
		InputLengthMismatch,
		/// The input is longer than `MaxInputLen`.
		InputTooLarge,
		/// The fee per node is below `MinFeePerNode`.
		FeeTooLow,
		/// Redundancy must be between 1 and `MaxRedundancy`.
		BadRedundancy,
		/// The queue is full of tasks paying at least as much.
		QueueFull,
		/// Every deadline slot in the search window is full; try again in a few blocks.
		TooManyDeadlines,
		/// No task with this id.
		UnknownTask,
		/// Only the task's creator may do this.
		NotTaskCreator,
		/// The task is not queued.
		NotQueued,
		/// The caller is not assigned to this task.
		NotAssigned,
		/// The task is not in its commit phase.
		NotCommitPhase,
		/// The caller already committed.
		AlreadyCommitted,
		/// The task is not in its reveal phase.
		NotRevealPhase,
		/// The caller did not commit, so it has nothing to reveal.
		NotCommitted,
		/// The caller already revealed.
		AlreadyRevealed,
		/// The result is longer than `MaxResultLen`.
		ResultTooLarge,
		/// The revealed result and salt do not match the caller's commitment.
		CommitmentMismatch,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Processes due deadlines, then assigns queued tasks to free nodes.
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			let expiries = Self::process_deadlines(now);
			let assignments = Self::assign_queued(now);
			T::WeightInfo::on_initialize_base()
				.saturating_add(expiries)
				.saturating_add(assignments)
		}

		fn integrity_test() {
			Self::check_constants();
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Register a TorchScript model, holding `ModelDeposit` from the caller.
		///
		/// - `id`: `blake2_256` of the model file (workers refuse files that do not hash to it).
		/// - `input_type`, `input_shape`: the input tensor; a task's input must be exactly
		///   `product(input_shape) * size(input_type)` bytes, little-endian.
		/// - `method`: the TorchScript method to call (empty for `forward`); `extra_args`:
		///   integers passed after the input (e.g. a sample rate).
		/// - `output`: how workers turn the output tensor into result bytes.
		/// - `comparison`: when two results agree (`Exact`, `Tolerance`, `Hamming`).
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_model())]
		pub fn register_model(
			origin: OriginFor<T>,
			id: ModelId,
			name: Vec<u8>,
			input_type: ElementType,
			input_shape: Vec<u32>,
			method: Vec<u8>,
			extra_args: Vec<i64>,
			output: OutputEncoding,
			comparison: Comparison,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			ensure!(!Models::<T>::contains_key(id), Error::<T>::ModelExists);
			let spec = Self::make_spec(
				name, input_type, input_shape, method, extra_args, output, comparison,
			)?;
			let deposit = T::ModelDeposit::get();
			Self::hold(HoldReason::ModelDeposit, &owner, deposit)?;
			Models::<T>::insert(
				id,
				ModelInfo { owner: Some(owner.clone()), deposit, spec, open_tasks: 0 },
			);
			Self::deposit_event(Event::ModelRegistered { model: id, owner });
			Ok(())
		}

		/// Remove a model you registered and get its deposit back. No node may serve it and no
		/// task for it may be unfinished.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::remove_model())]
		pub fn remove_model(origin: OriginFor<T>, id: ModelId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let model = Models::<T>::get(id).ok_or(Error::<T>::UnknownModel)?;
			ensure!(model.owner.as_ref() == Some(&who), Error::<T>::NotModelOwner);
			ensure!(
				model.open_tasks == 0 && ModelNodes::<T>::decode_len(id).unwrap_or(0) == 0,
				Error::<T>::ModelInUse
			);
			Self::release(HoldReason::ModelDeposit, &who, model.deposit)?;
			Models::<T>::remove(id);
			ModelNodes::<T>::remove(id);
			Self::deposit_event(Event::ModelRemoved { model: id });
			Ok(())
		}

		/// Join as a compute node: hold `stake` (at least `MinStake`), serve `models`, and take
		/// up to `capacity` tasks at once.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::join(models.len() as u32))]
		pub fn join(
			origin: OriginFor<T>,
			stake: BalanceOf<T>,
			models: Vec<ModelId>,
			capacity: u32,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(!Nodes::<T>::contains_key(&who), Error::<T>::AlreadyJoined);
			ensure!(stake >= T::MinStake::get(), Error::<T>::StakeTooLow);
			let models = Self::check_models(models)?;
			Self::check_capacity(capacity)?;
			Self::hold(HoldReason::NodeStake, &who, stake)?;
			for m in models.iter() {
				ModelNodes::<T>::try_mutate(m, |nodes| nodes.try_push(who.clone()))
					.map_err(|_| Error::<T>::TooManyNodesForModel)?;
			}
			Nodes::<T>::insert(
				&who,
				NodeInfo {
					stake,
					models: models.clone(),
					capacity,
					reputation: T::InitialReputation::get(),
					status: NodeStatus::Active,
					leaving: false,
				},
			);
			NodeCount::<T>::mutate(|c| *c += 1);
			Self::deposit_event(Event::NodeJoined {
				node: who,
				stake,
				models: models.into_inner(),
				capacity,
			});
			Ok(())
		}

		/// Change the models a node serves and its capacity. Tasks already assigned continue.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::update_node(models.len() as u32))]
		pub fn update_node(origin: OriginFor<T>, models: Vec<ModelId>, capacity: u32) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut node = Nodes::<T>::get(&who).ok_or(Error::<T>::NotANode)?;
			ensure!(!node.leaving, Error::<T>::AlreadyLeaving);
			let models = Self::check_models(models)?;
			Self::check_capacity(capacity)?;
			for old in node.models.iter().filter(|m| !models.contains(m)) {
				ModelNodes::<T>::mutate(old, |nodes| nodes.retain(|n| n != &who));
			}
			for new in models.iter().filter(|m| !node.models.contains(m)) {
				ModelNodes::<T>::try_mutate(new, |nodes| nodes.try_push(who.clone()))
					.map_err(|_| Error::<T>::TooManyNodesForModel)?;
			}
			node.models = models.clone();
			node.capacity = capacity;
			Nodes::<T>::insert(&who, node);
			Self::deposit_event(Event::NodeUpdated { node: who, models: models.into_inner(), capacity });
			Ok(())
		}

		/// Add to a node's stake (for example after a slash left it below `MinStake`).
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::add_stake())]
		pub fn add_stake(origin: OriginFor<T>, amount: BalanceOf<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut node = Nodes::<T>::get(&who).ok_or(Error::<T>::NotANode)?;
			Self::hold(HoldReason::NodeStake, &who, amount)?;
			node.stake = node.stake.saturating_add(amount);
			let stake = node.stake;
			Nodes::<T>::insert(&who, node);
			Self::deposit_event(Event::StakeAdded { node: who, amount, stake });
			Ok(())
		}

		/// Stop getting new tasks; tasks already assigned must still be finished.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::pause())]
		pub fn pause(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Nodes::<T>::try_mutate(&who, |node| -> DispatchResult {
				let node = node.as_mut().ok_or(Error::<T>::NotANode)?;
				ensure!(node.status == NodeStatus::Active, Error::<T>::NotActive);
				node.status = NodeStatus::Paused;
				Ok(())
			})?;
			Self::deposit_event(Event::NodePaused { node: who });
			Ok(())
		}

		/// Get new tasks again, after a pause by the operator or by the chain. The stake must be
		/// at least `MinStake`; a reputation below the floor is raised to the floor.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::resume())]
		pub fn resume(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let raised = Nodes::<T>::try_mutate(&who, |node| -> Result<bool, DispatchError> {
				let node = node.as_mut().ok_or(Error::<T>::NotANode)?;
				ensure!(node.status != NodeStatus::Active, Error::<T>::NotPaused);
				ensure!(!node.leaving, Error::<T>::AlreadyLeaving);
				ensure!(node.stake >= T::MinStake::get(), Error::<T>::StakeTooLow);
				node.status = NodeStatus::Active;
				let floor = T::ReputationFloor::get();
				let raised = node.reputation < floor;
				node.reputation = node.reputation.max(floor);
				Ok(raised)
			})?;
			if raised {
				Self::deposit_event(Event::ReputationChanged {
					node: who.clone(),
					reputation: T::ReputationFloor::get(),
				});
			}
			Self::deposit_event(Event::NodeResumed { node: who });
			Ok(())
		}

		/// Leave and get the stake back. A node with unfinished tasks gets no new ones and leaves
		/// when the last of them ends.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::leave(T::MaxModelsPerNode::get()))]
		pub fn leave(origin: OriginFor<T>) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let mut node = Nodes::<T>::get(&who).ok_or(Error::<T>::NotANode)?;
			ensure!(!node.leaving, Error::<T>::AlreadyLeaving);
			let pending = NodeTasks::<T>::decode_len(&who).unwrap_or(0) as u32;
			if pending == 0 {
				let models = node.models.len() as u32;
				Self::remove_node(&who, node)?;
				Ok(Some(T::WeightInfo::leave(models)).into())
			} else {
				node.leaving = true;
				Nodes::<T>::insert(&who, node);
				Self::deposit_event(Event::NodeLeaving { node: who, pending_tasks: pending });
				Ok(Some(T::WeightInfo::leave(0)).into())
			}
		}

		/// Create an inference task for `model` on `input` (the input tensor's bytes,
		/// little-endian), paying `fee_per_node` to each of the `redundancy` nodes that agree
		/// (default 3). `redundancy * fee_per_node` is held until settlement; unpaid shares come
		/// back. The task waits in the queue until nodes are drawn for it.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::create_task(input.len() as u32))]
		pub fn create_task(
			origin: OriginFor<T>,
			model: ModelId,
			input: Vec<u8>,
			fee_per_node: BalanceOf<T>,
			redundancy: Option<u32>,
		) -> DispatchResult {
			let creator = ensure_signed(origin)?;
			Self::do_create_task(creator, model, input, fee_per_node, redundancy).map(|_| ())
		}

		/// Cancel a task you created that is still queued; its fee is refunded.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::cancel_task())]
		pub fn cancel_task(origin: OriginFor<T>, task: TaskId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let t = Tasks::<T>::get(task).ok_or(Error::<T>::UnknownTask)?;
			ensure!(t.creator == who, Error::<T>::NotTaskCreator);
			ensure!(t.phase == Phase::Queued, Error::<T>::NotQueued);
			Queue::<T>::mutate(|q| q.retain(|e| e.task != task));
			Self::fail_unassigned(task, t, FailReason::Cancelled)
		}

		/// Commit to a result for an assigned task:
		/// `commitment = blake2_256(SCALE("deai/commit/v1", task, your account,
		/// blake2_256(result), salt))` with a secret random 32-byte `salt`.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::commit())]
		pub fn commit(origin: OriginFor<T>, task: TaskId, commitment: H256) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_commit(who, task, commitment)
		}

		/// Reveal the result and salt committed to. When the last committed node reveals, the
		/// task settles at once.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::reveal_and_settle(T::MaxRedundancy::get()))]
		pub fn reveal(
			origin: OriginFor<T>,
			task: TaskId,
			result: Vec<u8>,
			salt: Salt,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::do_reveal(who, task, result, salt)
		}
	}

	/// Readable uses of the balance type for the helpers in other modules.
	impl<T: Config> Pallet<T> {
		/// Holds `amount` from `who` for `reason`, naming a lack of funds.
		pub(crate) fn hold(reason: HoldReason, who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
			T::Currency::hold(&reason.into(), who, amount).map_err(|_| Error::<T>::InsufficientBalance.into())
		}

		/// Releases exactly `amount` held from `who` for `reason`.
		pub(crate) fn release(
			reason: HoldReason,
			who: &T::AccountId,
			amount: BalanceOf<T>,
		) -> DispatchResult {
			T::Currency::release(&reason.into(), who, amount, frame_support::traits::tokens::Precision::Exact)
				.map(|_| ())
		}

		/// Slashes up to `amount` of `who`'s stake to `Config::Slashed`; returns what was taken.
		pub(crate) fn slash_stake(who: &T::AccountId, amount: BalanceOf<T>) -> BalanceOf<T> {
			let (credit, _missing) = T::Currency::slash(&HoldReason::NodeStake.into(), who, amount);
			let taken = frame_support::traits::Imbalance::peek(&credit);
			T::Slashed::on_unbalanced(credit);
			taken
		}
	}
}
