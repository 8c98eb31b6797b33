//! # Inference pallet
//!
//! deai's verification protocol (`PROTOCOL.md` v3): anyone buys *verified* inference, anyone with
//! a machine sells it, and no trusted party recomputes results.
//!
//! ## Calls by role
//!
//! - **Model owners**: [`register_model`](Pallet::register_model) (holds `ModelDeposit`),
//!   [`remove_model`](Pallet::remove_model).
//! - **Compute nodes**: [`join`](Pallet::join) with a stake, [`update_node`](Pallet::update_node),
//!   [`add_stake`](Pallet::add_stake), [`pause`](Pallet::pause), [`resume`](Pallet::resume),
//!   [`leave`](Pallet::leave); for each assigned task [`commit`](Pallet::commit), then
//!   [`reveal`](Pallet::reveal).
//! - **Task creators**: [`create_task`](Pallet::create_task) (full redundancy),
//!   [`create_sampled_task`](Pallet::create_sampled_task) (one node, checked by two more with a
//!   chosen probability), [`cancel_task`](Pallet::cancel_task) (while queued, for a charge).
//! - **Anyone**: [`forget_reputation`](Pallet::forget_reputation) of an account that left long
//!   ago.
//!
//! ## The protocol
//!
//! - **Models** are TorchScript files registered by content hash. An entry says how to feed the
//!   model, how to read its output, and when two results agree; a comparison so loose that
//!   unrelated results would agree is refused.
//! - **Compute nodes** hold a stake. The draw weighs a node by `stake * reputation`: linear in
//!   stake, so one operator gains nothing by splitting its stake over many accounts. New
//!   accounts start on probation (a reputation below every node that has served honestly),
//!   reputation survives `leave` and a later `join`, and an automatic pause for low reputation
//!   has a cooldown. Each model's nodes sit in a bucketed draw pool whose draw costs the same
//!   with ten nodes or ten thousand; a full pool admits a node with more stake in place of the
//!   one with the least.
//! - **Tasks** hold `r * fee` and wait in a fee-ordered queue bounded overall and per model; a
//!   task whose redundancy exceeds the model's active nodes is refused. In the first block whose
//!   seed covers the one that included a task (two blocks later when authors alternate), `r`
//!   distinct free nodes are drawn with randomness nobody could know. Each node commits
//!   `blake2_256(SCALE("deai/commit/v1", task, node, blake2_256(result), salt))` within the
//!   commit window, then reveals within the reveal window; windows are enforced by block number.
//!   The runtime clusters the reveals (ties broken without regard to reveal order), pays the
//!   winning cluster, slashes nodes that agree with none of it or withheld their reveal, spares
//!   near-ties, lowers the reputation of nodes that never committed, and refunds the rest.
//! - **Hooks** process commit and reveal deadlines, draws and queue timeouts, and pruning within
//!   a weight budget (`MaxHookWeight`); each task's step is one storage transaction, and nothing
//!   a hook schedules can fail for lack of room. What does not fit waits for the next block.
//!
//! Randomness: every random choice uses the VRF outputs of two consecutive blocks by different
//! authors (the first a primary slot claim), produced after what the choice is about was
//! included ([`randomness`]): no single
//! party (creator, compute node, block author) can compute it in advance; withholding a whole
//! block is the only lever left to an author.
//!
//! ## Code layout
//!
//! One concern per file: [`models`] (registration), [`nodes`] (joining, stake, reputation),
//! [`pool`] (the draw pools), [`queue`] (creation, eviction, cancellation), [`assignment`] (the
//! draw in the hook), [`commit_reveal`], [`sampling`] (sampled verification), [`settlement`],
//! [`deadlines`] (the logs and their
//! processing), [`views`] (the runtime API), [`hooks`] (the per-block budget and `integrity_test`),
//! [`migrations`], [`invariants`].
#![cfg_attr(not(feature = "std"), no_std)]
#![warn(missing_docs)]

extern crate alloc;

pub use pallet::*;

pub mod assignment;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod cluster;
pub mod commit_reveal;
pub mod deadlines;
pub mod draw;
pub mod extension;
pub mod hooks;
pub mod invariants;
pub mod migrations;
#[cfg(test)]
mod mock;
pub mod models;
pub mod nodes;
pub mod pool;
pub mod queue;
pub mod randomness;
pub mod runtime_api;
pub mod sampling;
pub mod settlement;
#[cfg(test)]
mod tests;
pub mod types;
pub mod views;
pub mod weights;

pub use extension::CheckNodeCall;
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
			OnUnbalanced,
		},
		weights::WeightMeter,
	};
	use frame_system::pallet_prelude::*;
	use sp_core::H256;
	use sp_runtime::Perbill;

	/// The in-code storage version: 2 is Protocol v2 (draw pools, deadline logs, inputs apart).
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

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
		/// A task input's storage deposit, until the task is pruned.
		InputDeposit,
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

		/// Where slashed stake and cancellation charges go (a treasury account in the runtime).
		type Slashed: OnUnbalanced<CreditOf<Self>>;

		/// Each block's VRF output and author, from the chain's consensus (BABE): the source of
		/// every random choice (see [`randomness`]).
		type Entropy: randomness::BlockEntropy;

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
		/// Held from a task's creator per byte of its input while the input is in state (until
		/// the task is pruned), so state is paid for by what it occupies.
		#[pallet::constant]
		type InputDepositPerByte: Get<BalanceOf<Self>>;
		/// Share of its stake a node loses for a deviating or withheld result.
		#[pallet::constant]
		type SlashFraction: Get<Perbill>;
		/// The share of a sampled task's checker draw that its promise ("cheating does not pay")
		/// assumes an attacker may hold: a cheating primary with one colluding checker outvotes
		/// the honest one, so the stake a primary needs grows with it (see `stake_needed`).
		#[pallet::constant]
		type MaxCheckerCollusion: Get<Perbill>;
		/// Share of the held fee a creator pays to cancel a queued task (at least
		/// `MinFeePerNode`): churning or evicting the queue is never free.
		#[pallet::constant]
		type CancellationCharge: Get<Perbill>;

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
		/// Most models one node serves (an operator serving more runs more accounts: with a
		/// linear draw weight that costs it nothing).
		#[pallet::constant]
		type MaxModelsPerNode: Get<u32>;
		/// Largest capacity (concurrent tasks) of a node.
		#[pallet::constant]
		type MaxCapacity: Get<u32>;
		/// Stake per slot: a node computes up to `stake * reputation / (StakePerSlot *
		/// MaxReputation)` tasks at once (at most its capacity). At most
		/// `MinStake * ReputationFloor / MaxReputation`, so every active node has a slot.
		#[pallet::constant]
		type StakePerSlot: Get<BalanceOf<Self>>;
		/// Members of one bucket of a model's draw pool.
		#[pallet::constant]
		type PoolBucketSize: Get<u32>;
		/// Buckets of one model's draw pool: a pool holds `PoolBucketSize * MaxPoolBuckets`
		/// nodes; a full pool admits a node with more stake in place of the one with the least.
		#[pallet::constant]
		type MaxPoolBuckets: Get<u32>;
		/// Most tasks waiting for nodes.
		#[pallet::constant]
		type MaxQueueLen: Get<u32>;
		/// Most tasks of one model waiting for nodes.
		#[pallet::constant]
		type MaxQueuedPerModel: Get<u32>;

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

		/// Reputation of a new account: probation, below the reputation of every node that has
		/// served honestly.
		#[pallet::constant]
		type InitialReputation: Get<u32>;
		/// Highest reputation.
		#[pallet::constant]
		type MaxReputation: Get<u32>;
		/// Below this reputation a node is paused automatically; at least half the maximum.
		#[pallet::constant]
		type ReputationFloor: Get<u32>;
		/// Reputation lost for a missed commit, a deviating or a withheld result.
		#[pallet::constant]
		type ReputationPenalty: Get<u32>;
		/// Reputation gained for a result in the winning cluster.
		#[pallet::constant]
		type ReputationReward: Get<u32>;
		/// Blocks after an automatic pause for low reputation before `resume` is accepted.
		#[pallet::constant]
		type ResumeCooldown: Get<BlockNumberFor<Self>>;
		/// Blocks a node's reputation is remembered after it left; joining again within them
		/// restores it.
		#[pallet::constant]
		type ReputationMemory: Get<BlockNumberFor<Self>>;

		/// The weight `on_initialize` may spend on deadlines, draws and pruning per block.
		#[pallet::constant]
		type MaxHookWeight: Get<Weight>;
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

	/// Reputation (and cooldown) of accounts that left, until it may be forgotten.
	#[pallet::storage]
	pub type RetainedReputations<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		RetainedReputation<BlockNumberFor<T>>,
	>;

	/// Each model's draw pool: the summary of its buckets.
	#[pallet::storage]
	pub type Pools<T: Config> = StorageMap<_, Blake2_128Concat, ModelId, PoolInfo<T>>;

	/// The members of each bucket of each model's draw pool.
	#[pallet::storage]
	pub type PoolBuckets<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		ModelId,
		Twox64Concat,
		u32,
		BoundedVec<PoolEntry<T::AccountId>, T::PoolBucketSize>,
		ValueQuery,
	>;

	/// The unfinished tasks assigned to each node (at most `4 * MaxCapacity`).
	#[pallet::storage]
	pub type NodeTasks<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, BoundedVec<TaskId, MaxNodeTasks<T>>, ValueQuery>;

	/// Tasks by id, kept until `RetentionPeriod` blocks after they finish.
	#[pallet::storage]
	pub type Tasks<T: Config> = StorageMap<_, Twox64Concat, TaskId, TaskInfo<T>>;

	/// Each task's input, stored apart from the task so that commits and reveals never rewrite
	/// it; removed with the task.
	#[pallet::storage]
	pub type Inputs<T: Config> = StorageMap<_, Twox64Concat, TaskId, BoundedVec<u8, T::MaxInputLen>>;

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

	/// The pages of each deadline log: `(task, due block)` in the order they fall due.
	#[pallet::storage]
	pub type DeadlinePages<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		DeadlineKind,
		Twox64Concat,
		u32,
		BoundedVec<(TaskId, BlockNumberFor<T>), ConstU32<DEADLINE_PAGE>>,
		ValueQuery,
	>;

	/// The pages of each deadline log in use.
	#[pallet::storage]
	pub type DeadlineLogs<T: Config> = StorageMap<_, Twox64Concat, DeadlineKind, LogBounds, ValueQuery>;

	/// The previous block's VRF output and author (absent when it carried none): half of the
	/// next block's seed.
	#[pallet::storage]
	pub type LastBlockVrf<T: Config> = StorageValue<_, randomness::BlockVrf, OptionQuery>;

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
					ModelInfo { owner: None, deposit: Default::default(), spec, open_tasks: 0, queued: 0 },
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
			/// Its reputation: `InitialReputation` (probation), or what it had when it left.
			reputation: u32,
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
		/// A model's full draw pool made room for a node with more stake: `node` no longer serves
		/// `model`.
		NodeDisplaced {
			/// The node with the least stake, displaced.
			node: T::AccountId,
			/// The model whose pool was full.
			model: ModelId,
			/// The node that took its place.
			by: T::AccountId,
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
		/// The remembered reputation of an account that left was forgotten.
		ReputationForgotten {
			/// The account.
			account: T::AccountId,
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
		/// A task was assigned to nodes; commits are accepted before block `commit_deadline`. (For
		/// the first of a check's two checkers, drawn before the other: the check fails at
		/// `commit_deadline` unless the other is drawn before, which opens a full commit window.)
		TaskAssigned {
			/// The task.
			task: TaskId,
			/// The nodes drawn to run it.
			nodes: Vec<T::AccountId>,
			/// The first block in which commits are refused.
			commit_deadline: BlockNumberFor<T>,
		},
		/// A node committed to a result.
		Committed {
			/// The task.
			task: TaskId,
			/// The committing node.
			node: T::AccountId,
		},
		/// The reveal window opened; reveals are accepted before block `reveal_deadline`.
		RevealStarted {
			/// The task.
			task: TaskId,
			/// The first block in which reveals are refused.
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
		/// A creator cancelled a queued task and paid the cancellation charge.
		CancellationCharged {
			/// The cancelled task.
			task: TaskId,
			/// The charge, taken from the held fee.
			amount: BalanceOf<T>,
		},
		/// A queued task timed out with fewer active nodes serving its model than it needs (they
		/// paused or left after its creation): its creator paid the cancellation charge.
		TimeoutCharged {
			/// The timed-out task.
			task: TaskId,
			/// The charge, taken from the held fee.
			amount: BalanceOf<T>,
		},
		/// A new task took the place of a cheaper queued one and paid the eviction charge (the
		/// same as the cancellation charge, beside its held fee).
		EvictionCharged {
			/// The new task.
			task: TaskId,
			/// The task it evicted.
			evicted: TaskId,
			/// The charge, taken from the creator's free balance.
			amount: BalanceOf<T>,
		},
		/// Whether a sampled task is checked was decided, after its primary's commit.
		SampleDecided {
			/// The task.
			task: TaskId,
			/// Whether two more nodes check it.
			checked: bool,
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
		/// The comparison does not fit the output encoding, or is so loose that unrelated results
		/// would agree (`Tolerance` only for `FixedPoint`, at most a thousandth of a unit;
		/// `Hamming` only for `Threshold`, at most one bit in eight).
		ComparisonUnfit,
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
		/// The model's draw pool is full of nodes with at least as much stake.
		PoolFull,
		/// Capacity must be between 1 and `MaxCapacity`.
		BadCapacity,
		/// The node is not active.
		NotActive,
		/// The node is not paused.
		NotPaused,
		/// An automatic pause for low reputation is cooling down; `resume` is accepted later.
		CoolingDown,
		/// The node is already leaving.
		AlreadyLeaving,
		/// The node displaced another from a full pool less than `ResumeCooldown` blocks ago; it
		/// may leave later.
		Bonded,
		/// No reputation is remembered for this account.
		NoRetainedReputation,
		/// The remembered reputation has not expired yet.
		ReputationNotExpired,
		/// The input length does not match the model's shape and element type.
		InputLengthMismatch,
		/// The input is longer than `MaxInputLen`.
		InputTooLarge,
		/// The fee per node is below `MinFeePerNode`.
		FeeTooLow,
		/// Redundancy must be between 1 and `MaxRedundancy`.
		BadRedundancy,
		/// Fewer active nodes serve the model than the redundancy asks for (three for a sampled
		/// task: its primary and two possible checkers).
		NotEnoughNodes,
		/// The sampling rate must be between 1 and 1000 per thousand.
		BadSamplingRate,
		/// At this sampling rate and fee, cheating would pay for every active node serving the
		/// model (none has the stake it takes): raise the rate or lower the fee (see the pallet
		/// README).
		CheatingWouldPay,
		/// The queue is full of tasks paying at least as much.
		QueueFull,
		/// The model's share of the queue is full of tasks paying at least as much.
		ModelQueueFull,
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
		/// The commit window is over (the deadline may not be processed yet).
		CommitWindowClosed,
		/// The caller already committed.
		AlreadyCommitted,
		/// The task is not in its reveal phase.
		NotRevealPhase,
		/// The reveal window is over (the deadline may not be processed yet).
		RevealWindowClosed,
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
		/// Within `MaxHookWeight`: commit deadlines, reveal deadlines, the draw of queued tasks
		/// (and their timeouts), then pruning. What does not fit waits for the next block.
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			// Every block, whatever the budget: the next block's seed needs this block's output.
			let seed = Self::block_seed(now);
			let mut meter = WeightMeter::with_limit(T::MaxHookWeight::get());
			Self::run_hooks(now, seed.as_ref(), &mut meter);
			meter.consumed().saturating_add(Self::entropy_weight())
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
		/// Register a TorchScript model by content hash, holding `ModelDeposit` from the caller.
		///
		/// The origin must be signed; anyone may register.
		///
		/// - `id`: `blake2_256` of the model file (workers refuse files that do not hash to it).
		/// - `name`: a human-readable name, at most `MaxNameLen` bytes.
		/// - `input_type`, `input_shape`: the input tensor; a task's input must be exactly
		///   `product(input_shape) * size(input_type)` bytes, little-endian.
		/// - `method`: the TorchScript method to call (empty for `forward`).
		/// - `extra_args`: integers passed after the input (e.g. a sample rate), at most 4.
		/// - `output`: how workers turn the output tensor into result bytes.
		/// - `comparison`: when two results agree; it must fit `output` and be strict.
		///
		/// Emits `ModelRegistered`. Errors: `ModelExists`, `BadShape`, `ShapeTooLarge`,
		/// `BadOutputEncoding`, `ComparisonUnfit`, `InsufficientBalance`.
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
			Self::do_register_model(
				owner, id, name, input_type, input_shape, method, extra_args, output, comparison,
			)
		}

		/// Remove a model you registered and get its deposit back.
		///
		/// The origin must be the model's owner. No node may serve it and no task for it may be
		/// unfinished.
		///
		/// - `id`: the model.
		///
		/// Emits `ModelRemoved`. Errors: `UnknownModel`, `NotModelOwner`, `ModelInUse`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::remove_model())]
		pub fn remove_model(origin: OriginFor<T>, id: ModelId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_remove_model(who, id)
		}

		/// Join as a compute node.
		///
		/// The origin must be signed by the node's account, which must not be a node already.
		/// A new account starts on probation (`InitialReputation`); an account that left within
		/// `ReputationMemory` blocks gets back the reputation (and any cooldown) it had.
		///
		/// - `stake`: held from the caller; at least `MinStake`. The draw weighs the node by
		///   stake times reputation.
		/// - `models`: the models it serves (1 to `MaxModelsPerNode`, registered, distinct).
		/// - `capacity`: the most tasks it computes at once (1 to `MaxCapacity`); it gets one slot
		///   per `StakePerSlot` of stake, scaled by its reputation, up to this capacity.
		///
		/// Emits `NodeJoined`, and `NodeDisplaced` for each full pool that made room (the node
		/// is then bonded: it may not leave for `ResumeCooldown` blocks). Errors:
		/// `AlreadyJoined`, `StakeTooLow`, `NoModels`, `TooManyModels`, `DuplicateModel`,
		/// `UnknownModel`, `BadCapacity`, `PoolFull`, `InsufficientBalance`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::join(models.len() as u32))]
		pub fn join(
			origin: OriginFor<T>,
			stake: BalanceOf<T>,
			models: Vec<ModelId>,
			capacity: u32,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_join(who, stake, models, capacity)
		}

		/// Change the models a node serves and its capacity. Tasks already assigned continue.
		///
		/// The origin must be a compute node that is not leaving.
		///
		/// - `models`: the models it serves from now on (as in `join`).
		/// - `capacity`: how many tasks it takes at once from now on.
		///
		/// Emits `NodeUpdated`, and `NodeDisplaced` for each full pool that made room. Errors:
		/// `NotANode`, `AlreadyLeaving`, `NoModels`, `TooManyModels`, `DuplicateModel`,
		/// `UnknownModel`, `BadCapacity`, `PoolFull`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::update_node(T::MaxModelsPerNode::get(), models.len() as u32))]
		pub fn update_node(
			origin: OriginFor<T>,
			models: Vec<ModelId>,
			capacity: u32,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::do_update_node(who, models, capacity)
		}

		/// Add to a node's stake (for example after a slash left it below `MinStake`).
		///
		/// The origin must be a compute node.
		///
		/// - `amount`: held from the caller in addition to the stake.
		///
		/// Emits `StakeAdded`. Errors: `NotANode`, `InsufficientBalance`, `Overflow`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::add_stake(T::MaxModelsPerNode::get()))]
		pub fn add_stake(origin: OriginFor<T>, amount: BalanceOf<T>) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::do_add_stake(who, amount)
		}

		/// Stop getting new tasks; tasks already assigned must still be finished.
		///
		/// The origin must be an active compute node.
		///
		/// Emits `NodePaused`. Errors: `NotANode`, `NotActive`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::pause(T::MaxModelsPerNode::get()))]
		pub fn pause(origin: OriginFor<T>) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::do_pause(who)
		}

		/// Get new tasks again, after a pause by the operator or by the chain.
		///
		/// The origin must be a paused compute node that is not leaving, with at least
		/// `MinStake`; after an automatic pause for low reputation, `ResumeCooldown` blocks must
		/// have passed. A reputation below the floor is raised to the floor, so one more failure
		/// pauses the node again.
		///
		/// Emits `NodeResumed` (and `ReputationChanged` when raised). Errors: `NotANode`,
		/// `NotPaused`, `AlreadyLeaving`, `StakeTooLow`, `CoolingDown`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::resume(T::MaxModelsPerNode::get()))]
		pub fn resume(origin: OriginFor<T>) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::do_resume(who)
		}

		/// Leave and get the stake back.
		///
		/// The origin must be a compute node that is not leaving. It gets no new task from now
		/// on; with unfinished tasks it leaves when the last of them ends. Its reputation is
		/// remembered for `ReputationMemory` blocks.
		///
		/// Emits `NodeLeft`, or `NodeLeaving` while tasks are unfinished. Errors: `NotANode`,
		/// `AlreadyLeaving`, `Bonded` (within `ResumeCooldown` of displacing another node).
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::leave(T::MaxModelsPerNode::get()))]
		pub fn leave(origin: OriginFor<T>) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::do_leave(who)
		}

		/// Create an inference task; it is drawn in the block after the one that includes it.
		///
		/// The origin must be signed by the creator, who pays. `redundancy * fee_per_node` is held
		/// until settlement; unpaid shares come back. The weight includes the hook work the task
		/// causes (its draw and its pruning).
		///
		/// - `model`: a registered model.
		/// - `input`: the input tensor's bytes, little-endian, exactly as long as the model says.
		/// - `fee_per_node`: paid to each node of the winning cluster; at least `MinFeePerNode`.
		///   When the queue (or the model's share of it) is full, the task must pay more than the
		///   cheapest queued one, which is then refunded and dropped, and its creator pays the
		///   cancellation charge for the eviction.
		/// - `redundancy`: how many nodes run it (default `DefaultRedundancy`); no more than the
		///   active nodes serving the model.
		///
		/// Emits `TaskCreated` (and `EvictionCharged`, `TaskFailed { Evicted }` for a dropped
		/// task). Errors:
		/// `UnknownModel`, `InputTooLarge`, `InputLengthMismatch`, `FeeTooLow`, `BadRedundancy`,
		/// `NotEnoughNodes`, `QueueFull`, `ModelQueueFull`, `InsufficientBalance`, `Overflow`.
		#[pallet::call_index(8)]
		#[pallet::weight(Pallet::<T>::create_task_weight(input.len() as u32, *redundancy))]
		pub fn create_task(
			origin: OriginFor<T>,
			model: ModelId,
			input: Vec<u8>,
			fee_per_node: BalanceOf<T>,
			redundancy: Option<u32>,
		) -> DispatchResultWithPostInfo {
			let creator = ensure_signed(origin)?;
			let len = input.len() as u32;
			let (_, evicted) = Self::do_create_task(creator, model, input, fee_per_node, redundancy)?;
			Ok(Some(Self::create_task_charged(len, redundancy, evicted)).into())
		}

		/// Create a sampled inference task: one node computes it; after its commit is on chain,
		/// randomness from a later block decides with probability `permille / 1000` whether two
		/// more nodes check it (then 2 of 3 decide, with the usual slashing).
		///
		/// The origin must be signed by the creator, who pays. The price of a full check,
		/// `3 * fee_per_node`, is held; when no check happens the checkers' share is refunded at
		/// once, so a task costs `fee_per_node * (1 + 2 * permille / 1000)` on average.
		///
		/// - `model`: a registered model, served by at least three active nodes.
		/// - `input`: the input tensor's bytes, little-endian, exactly as long as the model says.
		/// - `fee_per_node`: paid to the primary (and to agreeing checkers); at least
		///   `MinFeePerNode`.
		/// - `permille`: the chance of a check, 1 to 1000. Only a node whose stake (free of its
		///   other sampled tasks') makes cheating not pay at this rate and fee is drawn as the
		///   primary (`stake_needed`); refused when no active node of the model has that stake.
		///
		/// Emits `TaskCreated`; later `SampleDecided`. Errors: as `create_task`, and
		/// `BadSamplingRate`, `CheatingWouldPay`.
		#[pallet::call_index(13)]
		#[pallet::weight(Pallet::<T>::create_sampled_task_weight(input.len() as u32))]
		pub fn create_sampled_task(
			origin: OriginFor<T>,
			model: ModelId,
			input: Vec<u8>,
			fee_per_node: BalanceOf<T>,
			permille: u16,
		) -> DispatchResultWithPostInfo {
			let creator = ensure_signed(origin)?;
			let len = input.len() as u32;
			let (_, evicted) = Self::do_create_sampled_task(creator, model, input, fee_per_node, permille)?;
			Ok(Some(Self::create_sampled_task_charged(len, evicted)).into())
		}

		/// Cancel a task you created that is still queued.
		///
		/// The origin must be the task's creator. The cancellation charge
		/// (`CancellationCharge` of the held fee, at least `MinFeePerNode`) goes to the
		/// treasury; the rest is refunded.
		///
		/// - `task`: the task.
		///
		/// Emits `CancellationCharged`, `FeeRefunded`, `TaskFailed { Cancelled }`. Errors:
		/// `UnknownTask`, `NotTaskCreator`, `NotQueued`.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::cancel_task())]
		pub fn cancel_task(origin: OriginFor<T>, task: TaskId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_cancel_task(who, task)
		}

		/// Commit to a result for an assigned task, before the commit window closes.
		///
		/// The origin must be a node assigned to the task. When the last assigned node commits,
		/// the reveal window opens. A node serving several models pays here for the draw-pool
		/// entries its assignment rewrote beyond the first. Commits and reveals are in the
		/// operational class: the protocol's deadlines depend on them, so a flood of task
		/// creations (normal class) can neither crowd them out of blocks nor outrank them in the
		/// transaction pool; they pay their weight's fee like any call.
		///
		/// - `task`: the task.
		/// - `commitment`: `blake2_256(SCALE("deai/commit/v1", task, your account,
		///   blake2_256(result), salt))` with a secret random 32-byte `salt`.
		///
		/// Emits `Committed` (and `RevealStarted`). Errors: `UnknownTask`, `NotCommitPhase`,
		/// `CommitWindowClosed`, `NotAssigned`, `AlreadyCommitted`.
		#[pallet::call_index(10)]
		#[pallet::weight((Pallet::<T>::commit_weight(T::MaxModelsPerNode::get()), DispatchClass::Operational))]
		pub fn commit(origin: OriginFor<T>, task: TaskId, commitment: H256) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::do_commit(who, task, commitment)
		}

		/// Reveal the result and salt committed to, before the reveal window closes.
		///
		/// The origin must be a node that committed to the task. When the last committed node
		/// reveals, the task settles at once (and the call is charged for it). Operational class,
		/// as `commit`.
		///
		/// - `task`: the task.
		/// - `result`: the result bytes committed to, at most `MaxResultLen`.
		/// - `salt`: the salt committed to.
		///
		/// Emits `Revealed`; on settlement `NodeRewarded`, `NodeSlashed`, `FeeRefunded`, and
		/// `TaskCompleted` or `TaskFailed { NoQuorum }`. Errors: `UnknownTask`, `NotRevealPhase`,
		/// `RevealWindowClosed`, `NotAssigned`, `NotCommitted`, `AlreadyRevealed`,
		/// `ResultTooLarge`, `CommitmentMismatch`.
		#[pallet::call_index(11)]
		#[pallet::weight((Pallet::<T>::settle_weight_max(), DispatchClass::Operational))]
		pub fn reveal(
			origin: OriginFor<T>,
			task: TaskId,
			result: Vec<u8>,
			salt: Salt,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::do_reveal(who, task, result, salt)
		}

		/// Forget the remembered reputation of an account that left more than
		/// `ReputationMemory` blocks ago, freeing its storage. Free when it succeeds.
		///
		/// The origin must be signed; anyone may call.
		///
		/// - `account`: the account that left.
		///
		/// Emits `ReputationForgotten`. Errors: `NoRetainedReputation`, `ReputationNotExpired`.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::forget_reputation())]
		pub fn forget_reputation(origin: OriginFor<T>, account: T::AccountId) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			Self::do_forget_reputation(account)?;
			Ok(Pays::No.into())
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

		/// Takes up to `amount` held from `who` for `reason` to `Config::Slashed`; returns what was
		/// taken.
		pub(crate) fn slash_held(reason: HoldReason, who: &T::AccountId, amount: BalanceOf<T>) -> BalanceOf<T> {
			let (credit, _missing) = T::Currency::slash(&reason.into(), who, amount);
			let taken = frame_support::traits::Imbalance::peek(&credit);
			T::Slashed::on_unbalanced(credit);
			taken
		}
	}
}
