//! Storage and view types of the inference pallet.

use crate::{BalanceOf, Config};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
pub use deai_primitives::{
	AssignedTask, AssignmentView, FailReason, ModelId, ModelView, NodeStatus, NodeView, Phase,
	TaskView, Verification,
};
use deai_primitives::{Comparison, ElementType, OutputEncoding, TaskId};
use frame_support::{pallet_prelude::*, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::UniqueSaturatedInto;
use scale_info::TypeInfo;
use sp_core::H256;

extern crate alloc;
use alloc::{string::String, vec::Vec};

/// Longest TorchScript method name a model entry may name.
pub const MAX_METHOD_LEN: u32 = 32;
/// Most extra integer arguments a model entry may pass after the input tensor.
pub const MAX_EXTRA_ARGS: u32 = 4;
/// Entries in one page of a deadline log.
pub const DEADLINE_PAGE: u32 = 64;
/// Nodes that check a sampled task when it is chosen for a check (2 of 3 then decide).
pub const SAMPLE_CHECKERS: u32 = 2;

/// How a worker calls a model and reads its output.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
pub struct ModelSpec<T: Config> {
	/// A human-readable name, for wallets and explorers.
	pub name: BoundedVec<u8, T::MaxNameLen>,
	/// Element type of the input tensor.
	pub input_type: ElementType,
	/// Shape of the input tensor; the input is `product(shape) * size(input_type)` bytes.
	pub input_shape: BoundedVec<u32, T::MaxShapeDims>,
	/// TorchScript method the worker calls (empty: `forward`).
	pub method: BoundedVec<u8, ConstU32<MAX_METHOD_LEN>>,
	/// Integer arguments passed after the input tensor (for example a sample rate).
	pub extra_args: BoundedVec<i64, ConstU32<MAX_EXTRA_ARGS>>,
	/// How the output tensor becomes result bytes.
	pub output: OutputEncoding,
	/// When two results agree.
	pub comparison: Comparison,
}

impl<T: Config> ModelSpec<T> {
	/// The exact input length in bytes, if it does not overflow.
	pub fn input_len(&self) -> Option<u32> {
		self.input_shape
			.iter()
			.try_fold(self.input_type.size(), |acc, d| acc.checked_mul(*d))
	}
}

/// A registered model.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
pub struct ModelInfo<T: Config> {
	/// Who registered it and holds its deposit; `None` for models of the genesis block.
	pub owner: Option<T::AccountId>,
	/// The deposit held from the owner.
	pub deposit: BalanceOf<T>,
	/// How to run it and compare its results.
	pub spec: ModelSpec<T>,
	/// Tasks for this model that are not finished yet.
	pub open_tasks: u32,
	/// Tasks for this model waiting in the queue (at most `MaxQueuedPerModel`).
	pub queued: u32,
}

/// Why the chain paused a node.
#[derive(
	Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
pub enum AutoPauseReason {
	/// Reputation fell below `ReputationFloor` (missed commits, deviating or withheld results).
	LowReputation,
	/// A slash left the stake below `MinStake`.
	LowStake,
}

/// Where a node sits in the draw pool of one model it serves.
#[derive(
	Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
pub struct PoolSlot {
	/// The model.
	pub model: ModelId,
	/// The bucket of the model's pool that holds the node's entry.
	pub bucket: u32,
}

/// A compute node.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
pub struct NodeInfo<T: Config> {
	/// The stake held from the node's account.
	pub stake: BalanceOf<T>,
	/// The models it serves, with where it sits in each model's draw pool.
	pub models: BoundedVec<PoolSlot, T::MaxModelsPerNode>,
	/// How many tasks it takes at once.
	pub capacity: u32,
	/// Reputation, from 0 to `MaxReputation`: weighs the random draw. New accounts start on
	/// probation at `InitialReputation`.
	pub reputation: u32,
	/// Whether it is picked for new tasks.
	pub status: NodeStatus,
	/// The node asked to leave while it had unfinished tasks; it leaves when they end. A leaving
	/// node is in no draw pool.
	pub leaving: bool,
	/// After an automatic pause for low reputation, `resume` is refused before this block.
	pub resume_after: BlockNumberFor<T>,
	/// A node that displaced another from a full pool cannot `leave` before this block, so that
	/// displacing costs bonded stake and time, not only a transaction fee.
	pub bonded_until: BlockNumberFor<T>,
	/// Assigned tasks it has not committed to yet: its computations in progress, which its
	/// capacity bounds. Once it committed, what is left of a task is its reveal, so the node may
	/// take another.
	pub computing: u32,
	/// Its unfinished tasks (computing or awaiting their end), at most [`MaxNodeTasks`].
	pub load: u32,
	/// The stake that backs its open sampled tasks as primary: the sum of their `stake_needed`
	/// until each is decided unchecked or ends. A sampled task is given to it as primary only
	/// while `stake - at_risk` covers the task's own need, so every open task's promise that
	/// cheating does not pay is backed by a share of the stake no other task counts on.
	pub at_risk: BalanceOf<T>,
}

/// Most unfinished tasks of one node: four times the largest capacity (a node takes a new task
/// once it committed to one, so tasks awaiting their reveal add up; this bounds them).
pub struct MaxNodeTasks<T>(core::marker::PhantomData<T>);

impl<T: Config> Get<u32> for MaxNodeTasks<T> {
	fn get() -> u32 {
		T::MaxCapacity::get().saturating_mul(4)
	}
}

impl<T: Config> NodeInfo<T> {
	/// Whether the draw may pick it (capacity aside).
	pub fn is_active(&self) -> bool {
		self.status == NodeStatus::Active && !self.leaving
	}

	/// The tasks it may compute at once (its slots): one per `StakePerSlot` of stake, scaled by
	/// its reputation (`stake * reputation / (StakePerSlot * MaxReputation)`, rounded down), at
	/// most its declared capacity. Slots grow with stake as the draw's weight does, so splitting a
	/// stake over several accounts never raises its slots or its share of the tasks, under load
	/// or not. A new account (probation) gets the share of its reputation, and earns the rest task
	/// by task; a node that fails loses it as fast. `integrity_test` checks that every active node
	/// (at least `MinStake`, a reputation at least at the floor) has one slot.
	pub fn effective_capacity(&self) -> u32 {
		let (rep, max) = (self.reputation as u128, T::MaxReputation::get().max(1) as u128);
		let stake: u128 = self.stake.unique_saturated_into();
		let per_slot: u128 = T::StakePerSlot::get().unique_saturated_into();
		// `stake * reputation / (StakePerSlot * MaxReputation)`, rounded down: splitting a stake
		// over several accounts never adds slots.
		let slots = stake.saturating_mul(rep) / per_slot.max(1).saturating_mul(max);
		slots.min(self.capacity as u128) as u32
	}

	/// The models it serves, without pool positions.
	pub fn model_ids(&self) -> Vec<ModelId> {
		self.models.iter().map(|s| s.model).collect()
	}
}

/// What the chain remembers of a node that left, so that leaving and joining again restores its
/// reputation (and a pending cooldown) instead of resetting them.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
pub struct RetainedReputation<BlockNumber> {
	/// The reputation it had when it left.
	pub reputation: u32,
	/// Its cooldown after an automatic pause, if one was running.
	pub resume_after: BlockNumber,
	/// After this block the record may be forgotten (`forget_reputation`).
	pub expires: BlockNumber,
}

/// One member of a model's draw pool.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
pub struct PoolEntry<AccountId> {
	/// The node.
	pub node: AccountId,
	/// Its stake.
	pub stake: u128,
	/// Its reputation: with the stake, its weight in the draw.
	pub reputation: u32,
	/// Active (not paused by its operator or the chain).
	pub active: bool,
	/// Fewer unfinished tasks than its capacity allows.
	pub free: bool,
	/// Its slots (tasks it computes at once): what it adds to the model's capacity to serve.
	pub slots: u32,
}

impl<AccountId> PoolEntry<AccountId> {
	/// Whether the draw may pick it now.
	pub fn eligible(&self) -> bool {
		self.active && self.free
	}

	/// Its weight in the draw now: `stake * reputation` when eligible, else zero. Linear in
	/// stake: splitting a stake over accounts never raises the total.
	pub fn weight(&self) -> u128 {
		if self.eligible() {
			self.stake.saturating_mul(self.reputation as u128)
		} else {
			0
		}
	}

	/// Its weight in the draw of a sampled task's checkers: `stake * reputation` when active,
	/// free or busy, else zero.
	pub fn active_weight(&self) -> u128 {
		if self.active {
			self.stake.saturating_mul(self.reputation as u128)
		} else {
			0
		}
	}
}

/// A summary of one bucket of a model's draw pool, kept in the pool's record so that the draw
/// picks a bucket without reading them all.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
pub struct BucketSummary {
	/// Members in the bucket.
	pub len: u32,
	/// Members the draw may pick now.
	pub eligible: u32,
	/// Their summed weight (`stake * reputation`).
	pub eligible_weight: u128,
	/// The smallest stake of a member (`u128::MAX` when empty): where room is made for a node
	/// with more stake when the pool is full.
	pub min_stake: u128,
	/// The summed weight of its active members, free or busy: the draw of a sampled task's
	/// checkers, which every active node may be asked for.
	pub active_weight: u128,
	/// The largest stake of an active member (zero when none): whether any node could be drawn
	/// as a sampled task's primary. Paused, slashed or leaving members do not count.
	pub max_active_stake: u128,
	/// The slots of its active members: what they can compute at once.
	pub active_slots: u32,
}

impl BucketSummary {
	/// The summary of `entries`.
	pub fn of<AccountId>(entries: &[PoolEntry<AccountId>]) -> Self {
		let eligible = entries.iter().filter(|e| e.eligible());
		let active = entries.iter().filter(|e| e.active);
		Self {
			len: entries.len() as u32,
			eligible: eligible.clone().count() as u32,
			eligible_weight: eligible.fold(0u128, |acc, e| acc.saturating_add(e.weight())),
			min_stake: entries.iter().map(|e| e.stake).min().unwrap_or(u128::MAX),
			active_weight: active.clone().fold(0u128, |acc, e| acc.saturating_add(e.active_weight())),
			max_active_stake: active.clone().map(|e| e.stake).max().unwrap_or(0),
			active_slots: active.fold(0u32, |acc, e| acc.saturating_add(e.slots)),
		}
	}
}

/// A model's draw pool: its members are spread over buckets of at most `PoolBucketSize`
/// entries, stored apart; this record sums them up. A draw reads this record and one bucket per
/// node drawn, whatever the pool's size.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
pub struct PoolInfo<T: Config> {
	/// One summary per bucket; a bucket keeps its index for life (members never move).
	pub buckets: BoundedVec<BucketSummary, T::MaxPoolBuckets>,
	/// Members (active or paused, free or busy; leaving nodes are removed).
	pub members: u32,
	/// Active members: a task's redundancy may not exceed this.
	pub active: u32,
	/// The block since which `active` and the active members' stakes are what they are (the
	/// last time one became active or inactive, joined, left or changed stake): a queue timeout
	/// is charged only when the model's nodes fell short of the task for at least half its wait.
	pub active_since: BlockNumberFor<T>,
}

impl<T: Config> Default for PoolInfo<T> {
	fn default() -> Self {
		Self { buckets: Default::default(), members: 0, active: 0, active_since: Default::default() }
	}
}

impl<T: Config> PoolInfo<T> {
	/// The slots of its active members: tasks they can compute at once.
	pub fn active_slots(&self) -> u32 {
		self.buckets.iter().fold(0u32, |acc, b| acc.saturating_add(b.active_slots))
	}

	/// Members the draw may pick now.
	pub fn eligible(&self) -> u32 {
		self.buckets.iter().map(|b| b.eligible).sum()
	}
}

/// One assigned node's part in a task.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
pub struct Assignment<T: Config> {
	/// The node.
	pub node: T::AccountId,
	/// Its commitment, once it committed.
	pub commitment: Option<H256>,
	/// Its revealed result, once it revealed.
	pub result: Option<BoundedVec<u8, T::MaxResultLen>>,
}

/// A task. Its input is stored apart (`Inputs`), so commits and reveals never rewrite it.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
pub struct TaskInfo<T: Config> {
	/// Who created it and pays for it.
	pub creator: T::AccountId,
	/// The model to run.
	pub model: ModelId,
	/// What each agreeing node earns.
	pub fee_per_node: BalanceOf<T>,
	/// How many nodes run it.
	pub redundancy: u32,
	/// Block that included the creation.
	pub created_at: BlockNumberFor<T>,
	/// Where it is in its life.
	pub phase: Phase,
	/// The first block in which the current phase is over: queued tasks are refunded from it on,
	/// commits (reveals) are refused from it on; once finished, the block it is pruned in.
	pub deadline: BlockNumberFor<T>,
	/// The assigned nodes (empty while queued).
	pub assignments: BoundedVec<Assignment<T>, T::MaxRedundancy>,
	/// The verified result, once completed.
	pub result: Option<BoundedVec<u8, T::MaxResultLen>>,
	/// Fee still held from the creator for this task.
	pub held_fee: BalanceOf<T>,
	/// Full redundancy, or sampled verification and its decision.
	pub verification: Verification,
	/// For a sampled task whose primary committed and whose decision is pending: the block that
	/// included the commit (the decision needs a seed that covers it). For a sampled task chosen
	/// for a check: the block from which it fails if its checkers could still not both be drawn.
	/// Zero otherwise.
	pub checkers_by: BlockNumberFor<T>,
	/// For a sampled task: the stake its primary backs it with (`stake_needed` at creation),
	/// counted in the primary's `at_risk` from its draw until the task is decided unchecked or
	/// ends (then zero).
	pub primary_risk: BalanceOf<T>,	/// Held from the creator for the input's bytes in state (`InputDepositPerByte` each),
	/// returned when the task is pruned.
	pub input_deposit: BalanceOf<T>,
}

impl<T: Config> TaskInfo<T> {
	/// The nodes whose fees an open task holds: `redundancy`, or for a sampled task the primary
	/// and its possible checkers until it is known that no check happens.
	pub fn paid_nodes(&self) -> u32 {
		match self.verification {
			Verification::Full => self.redundancy,
			Verification::Sampled { checked: Some(false), .. } => 1,
			Verification::Sampled { .. } => 1 + SAMPLE_CHECKERS,
		}
	}

	/// Whether it is a sampled task whose primary committed and whose check is still to be
	/// decided, or whose checkers (one or both) are still to be drawn.
	pub fn awaits_sampling(&self) -> bool {
		match self.verification {
			Verification::Sampled { checked: None, .. } => self.commits() == 1,
			Verification::Sampled { checked: Some(true), .. } => self.redundancy < 1 + SAMPLE_CHECKERS,
			_ => false,
		}
	}

	/// The block from which the current window is over, as workers and wallets are shown it:
	/// `deadline`, except for a check still short of a checker, whose `deadline` is the next
	/// draw of the other: commits are accepted until the check fails at `checkers_by` (drawing
	/// the other checker in time opens a full commit window).
	pub fn window_end(&self) -> BlockNumberFor<T> {
		match self.verification {
			Verification::Sampled { checked: Some(true), .. } if self.awaits_sampling() => self.checkers_by,
			_ => self.deadline,
		}
	}

	/// Votes needed to decide: `r / 2 + 1`.
	pub fn quorum(&self) -> u32 {
		self.redundancy / 2 + 1
	}

	/// How many assigned nodes committed.
	pub fn commits(&self) -> u32 {
		self.assignments.iter().filter(|a| a.commitment.is_some()).count() as u32
	}

	/// How many assigned nodes revealed.
	pub fn reveals(&self) -> u32 {
		self.assignments.iter().filter(|a| a.result.is_some()).count() as u32
	}
}

/// An entry of the fee-ordered queue of tasks waiting for nodes.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
pub struct QueueEntry<Balance, BlockNumber> {
	/// The task.
	pub task: TaskId,
	/// Its fee per node: the queue is ordered by it, highest first, then by age.
	pub fee_per_node: Balance,
	/// Its model (to skip models without free nodes without reading the task).
	pub model: ModelId,
	/// Its redundancy.
	pub redundancy: u32,
	/// Block that included it.
	pub created_at: BlockNumber,
	/// For a sampled task: the stake its primary must have free of other sampled tasks' risk
	/// for cheating not to pay (see [`crate::Pallet::stake_needed`]); zero otherwise.
	pub stake_needed: Balance,
}

/// The kinds of deadline the hooks process, each from its own log. Within a log, entries are
/// appended in the order they fall due (each kind's period is a constant), so processing pops
/// from the front and never searches.
#[derive(
	Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo,
	MaxEncodedLen,
)]
pub enum DeadlineKind {
	/// End of a commit window.
	CommitEnd,
	/// End of a reveal window.
	RevealEnd,
	/// End of a finished task's retention.
	Prune,
	/// A sampled task's primary committed: decide whether it is checked (and draw its checkers).
	SampleDecision,
}

impl DeadlineKind {
	/// Every kind, in the order the hooks process them.
	pub const ALL: [DeadlineKind; 4] =
		[DeadlineKind::CommitEnd, DeadlineKind::RevealEnd, DeadlineKind::SampleDecision, DeadlineKind::Prune];
}

/// The pages of a deadline log in use: from `head` to `tail`, both included.
#[derive(
	Clone, Copy, PartialEq, Eq, Debug, Default, Encode, Decode, DecodeWithMemTracking, TypeInfo,
	MaxEncodedLen,
)]
pub struct LogBounds {
	/// The page processed next.
	pub head: u32,
	/// The page appended to.
	pub tail: u32,
}

/// A model of the genesis block, in the chain spec's JSON.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GenesisModel {
	/// `blake2_256` of the TorchScript file, as `0x`-prefixed hex.
	#[serde(with = "hex_id")]
	pub id: ModelId,
	/// Human-readable name.
	pub name: String,
	/// Element type of the input.
	pub input_type: ElementType,
	/// Shape of the input.
	pub input_shape: Vec<u32>,
	/// TorchScript method to call (empty: `forward`).
	#[serde(default)]
	pub method: String,
	/// Integer arguments after the input.
	#[serde(default)]
	pub extra_args: Vec<i64>,
	/// Output encoding.
	pub output: OutputEncoding,
	/// Comparison of results.
	pub comparison: Comparison,
}

/// A model id in JSON: `0x`-prefixed hex, as wallets show it.
mod hex_id {
	use super::ModelId;
	use serde::{Deserialize, Deserializer, Serializer};

	pub fn serialize<S: Serializer>(id: &ModelId, s: S) -> Result<S::Ok, S::Error> {
		s.serialize_str(&sp_core::bytes::to_hex(id, false))
	}

	pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<ModelId, D::Error> {
		let text = alloc::string::String::deserialize(d)?;
		let bytes = sp_core::bytes::from_hex(&text).map_err(serde::de::Error::custom)?;
		bytes.try_into().map_err(|_| serde::de::Error::custom("a model id is 32 bytes"))
	}
}
