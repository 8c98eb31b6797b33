//! Storage and view types of the inference pallet.

use crate::{BalanceOf, Config};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
pub use deai_primitives::{
	AssignedTask, AssignmentView, FailReason, ModelView, NodeStatus, NodeView, Phase, TaskView,
};
use deai_primitives::{Comparison, ElementType, OutputEncoding, TaskId};
use frame_support::{
	pallet_prelude::*, CloneNoBound, EqNoBound, PartialEqNoBound, DebugNoBound,
};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;
use sp_core::H256;

extern crate alloc;
use alloc::{string::String, vec::Vec};

/// A model's id: `blake2_256` of its TorchScript file.
pub type ModelId = H256;

/// Longest TorchScript method name a model entry may name.
pub const MAX_METHOD_LEN: u32 = 32;
/// Most extra integer arguments a model entry may pass after the input tensor.
pub const MAX_EXTRA_ARGS: u32 = 4;

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

/// A compute node.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
pub struct NodeInfo<T: Config> {
	/// The stake held from the node's account.
	pub stake: BalanceOf<T>,
	/// The models it serves.
	pub models: BoundedVec<ModelId, T::MaxModelsPerNode>,
	/// How many tasks it takes at once.
	pub capacity: u32,
	/// Reputation, from 0 to `MaxReputation`: weighs the random draw.
	pub reputation: u32,
	/// Whether it is picked for new tasks.
	pub status: NodeStatus,
	/// The node asked to leave while it had unfinished tasks; it leaves when they end.
	pub leaving: bool,
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
	/// Position among the task's reveals (0 = first): ties in clustering go to the earliest.
	pub reveal_order: Option<u32>,
}

/// A task.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
pub struct TaskInfo<T: Config> {
	/// Who created it and pays for it.
	pub creator: T::AccountId,
	/// The model to run.
	pub model: ModelId,
	/// The input tensor's bytes, little-endian.
	pub input: BoundedVec<u8, T::MaxInputLen>,
	/// What each agreeing node earns.
	pub fee_per_node: BalanceOf<T>,
	/// How many nodes run it.
	pub redundancy: u32,
	/// Block that included the creation.
	pub created_at: BlockNumberFor<T>,
	/// Where it is in its life.
	pub phase: Phase,
	/// Its one pending deadline: end of the current phase, or pruning once finished.
	pub deadline: BlockNumberFor<T>,
	/// The assigned nodes (empty while queued).
	pub assignments: BoundedVec<Assignment<T>, T::MaxRedundancy>,
	/// The verified result, once completed.
	pub result: Option<BoundedVec<u8, T::MaxResultLen>>,
	/// Fee still held from the creator for this task.
	pub held_fee: BalanceOf<T>,
}

impl<T: Config> TaskInfo<T> {
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
	/// Its model (to skip models without free nodes cheaply).
	pub model: ModelId,
	/// Its redundancy.
	pub redundancy: u32,
	/// Block that included it.
	pub created_at: BlockNumber,
}

/// A model of the genesis block, in the chain spec's JSON.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GenesisModel {
	/// `blake2_256` of the TorchScript file, as `0x`-prefixed hex.
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
