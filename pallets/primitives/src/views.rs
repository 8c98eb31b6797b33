//! What the runtime API returns: task phases and the views a worker or a wallet reads.
//!
//! The worker decodes these with `parity-scale-codec` from `state_call` results, so the runtime
//! and the worker share one definition.

use crate::{ElementType, Comparison, OutputEncoding, ModelId, TaskId};
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// Why a task ended without a verified result.
#[derive(
	Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
#[cfg_attr(
	feature = "scale-as-type",
	derive(scale_encode::EncodeAsType, scale_decode::DecodeAsType),
	encode_as_type(crate_path = "::scale_encode"),
	decode_as_type(crate_path = "::scale_decode")
)]
// Its variants' docs go into the metadata: wallets and the page show them to people.
#[scale_info(capture_docs = "always")]
pub enum FailReason {
	/// No `r` free nodes for the model before the queue deadline.
	QueueTimeout,
	/// Dropped from a full queue by a better-paying task.
	Evicted,
	/// Cancelled by its creator while queued.
	Cancelled,
	/// Fewer than a quorum of assigned nodes committed in the commit window.
	NotEnoughCommits,
	/// No result was revealed by a quorum of agreeing nodes.
	NoQuorum,
	/// A step of the task could not be carried out (a defect, never an outcome of the protocol):
	/// everything it held was refunded and its nodes were freed, nobody paid or slashed.
	Aborted,
	/// A sampled task was chosen for a check, but no two other nodes could be drawn to check it
	/// in time: refunded, its primary neither paid nor slashed.
	NoCheckers,
	/// A sampled task's primary committed, but within `CommitPeriod` blocks no block brought a
	/// seed nobody could have known (the same authority produced every block): refunded, its
	/// primary neither paid nor slashed.
	NoRandomness,
}

/// How a task is verified.
#[derive(
	Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
#[cfg_attr(
	feature = "scale-as-type",
	derive(scale_encode::EncodeAsType, scale_decode::DecodeAsType),
	encode_as_type(crate_path = "::scale_encode"),
	decode_as_type(crate_path = "::scale_decode")
)]
pub enum Verification {
	/// Every one of the task's `redundancy` nodes computes it; a quorum decides.
	Full,
	/// One node (the primary) computes and commits; only then does randomness from the block
	/// that included its commit decide, with probability `permille / 1000`, whether two more nodes
	/// check it (then 2 of 3 decide, as under `Full`). The creator holds the price of a full
	/// check and gets back the checkers' share when no check happens.
	Sampled {
		/// The chance of a check, in thousandths.
		permille: u16,
		/// `None` until decided; then whether the task is checked.
		checked: Option<bool>,
	},
}

impl Verification {
	/// Whether this is a sampled task.
	pub fn is_sampled(&self) -> bool {
		matches!(self, Verification::Sampled { .. })
	}
}

/// Where a task is in its life.
#[derive(
	Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
#[cfg_attr(
	feature = "scale-as-type",
	derive(scale_encode::EncodeAsType, scale_decode::DecodeAsType),
	encode_as_type(crate_path = "::scale_encode"),
	decode_as_type(crate_path = "::scale_decode")
)]
pub enum Phase {
	/// Waiting for `r` free nodes.
	Queued,
	/// Assigned; the nodes commit to their results.
	Commit,
	/// The nodes reveal the results they committed to.
	Reveal,
	/// A quorum agreed; the result is stored with the task.
	Completed,
	/// Ended without a verified result; the fee was refunded.
	Failed(FailReason),
}

impl Phase {
	/// Whether the task still holds fees and awaits a deadline other than pruning.
	pub fn is_open(self) -> bool {
		matches!(self, Phase::Queued | Phase::Commit | Phase::Reveal)
	}
}

/// Whether a compute node is picked for new tasks.
#[derive(
	Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
#[cfg_attr(
	feature = "scale-as-type",
	derive(scale_encode::EncodeAsType, scale_decode::DecodeAsType),
	encode_as_type(crate_path = "::scale_encode"),
	decode_as_type(crate_path = "::scale_decode")
)]
// Its variants' docs go into the metadata: wallets and the page show them to people.
#[scale_info(capture_docs = "always")]
pub enum NodeStatus {
	/// Picked for new tasks while it has free capacity.
	Active,
	/// Paused by its operator: finishes its tasks, gets no new ones.
	Paused,
	/// Paused by the chain: reputation fell below the floor, or stake below the minimum.
	AutoPaused,
}

/// A task as the runtime API shows it to an assigned compute node.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
#[cfg_attr(
	feature = "scale-as-type",
	derive(scale_encode::EncodeAsType, scale_decode::DecodeAsType),
	encode_as_type(crate_path = "::scale_encode"),
	decode_as_type(crate_path = "::scale_decode")
)]
pub struct AssignedTask<BlockNumber> {
	/// The task.
	pub id: TaskId,
	/// Its model.
	pub model: ModelId,
	/// Its input bytes.
	pub input: Vec<u8>,
	/// Its phase (`Commit` or `Reveal`).
	pub phase: Phase,
	/// End of the phase.
	pub deadline: BlockNumber,
	/// Whether this node committed.
	pub committed: bool,
	/// Whether this node revealed.
	pub revealed: bool,
}

/// One assigned node's progress, as the runtime API shows it.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
#[cfg_attr(
	feature = "scale-as-type",
	derive(scale_encode::EncodeAsType, scale_decode::DecodeAsType),
	encode_as_type(crate_path = "::scale_encode"),
	decode_as_type(crate_path = "::scale_decode")
)]
pub struct AssignmentView<AccountId> {
	/// The node.
	pub node: AccountId,
	/// Whether it committed.
	pub committed: bool,
	/// Whether it revealed.
	pub revealed: bool,
}

/// A task's status and result, as the runtime API shows it.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
#[cfg_attr(
	feature = "scale-as-type",
	derive(scale_encode::EncodeAsType, scale_decode::DecodeAsType),
	encode_as_type(crate_path = "::scale_encode"),
	decode_as_type(crate_path = "::scale_decode")
)]
pub struct TaskView<AccountId, Balance, BlockNumber> {
	/// Who created it.
	pub creator: AccountId,
	/// Its model.
	pub model: ModelId,
	/// Fee per agreeing node.
	pub fee_per_node: Balance,
	/// Redundancy `r`.
	pub redundancy: u32,
	/// Quorum `r / 2 + 1`.
	pub quorum: u32,
	/// Where it is.
	pub phase: Phase,
	/// Block that included it.
	pub created_at: BlockNumber,
	/// Its pending deadline (pruning, once finished).
	pub deadline: BlockNumber,
	/// Assigned nodes and their progress.
	pub assignments: Vec<AssignmentView<AccountId>>,
	/// The verified result, once completed.
	pub result: Option<Vec<u8>>,
	/// How it is verified (and, for a sampled task, whether it was checked).
	pub verification: Verification,
}

/// A registered model, as the runtime API shows it.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
#[cfg_attr(
	feature = "scale-as-type",
	derive(scale_encode::EncodeAsType, scale_decode::DecodeAsType),
	encode_as_type(crate_path = "::scale_encode"),
	decode_as_type(crate_path = "::scale_decode")
)]
pub struct ModelView {
	/// Human-readable name.
	pub name: Vec<u8>,
	/// Element type of the input tensor.
	pub input_type: ElementType,
	/// Shape of the input tensor.
	pub input_shape: Vec<u32>,
	/// TorchScript method to call (empty: `forward`).
	pub method: Vec<u8>,
	/// Integer arguments passed after the input tensor.
	pub extra_args: Vec<i64>,
	/// How the output becomes result bytes.
	pub output: OutputEncoding,
	/// When two results agree.
	pub comparison: Comparison,
}

impl ModelView {
	/// The exact input length in bytes, if it does not overflow.
	pub fn input_len(&self) -> Option<u32> {
		self.input_shape.iter().try_fold(self.input_type.size(), |acc, d| acc.checked_mul(*d))
	}
}

/// A compute node, as the runtime API shows it.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
#[cfg_attr(
	feature = "scale-as-type",
	derive(scale_encode::EncodeAsType, scale_decode::DecodeAsType),
	encode_as_type(crate_path = "::scale_encode"),
	decode_as_type(crate_path = "::scale_decode")
)]
pub struct NodeView<Balance> {
	/// The stake held from its account.
	pub stake: Balance,
	/// The models it serves.
	pub models: Vec<ModelId>,
	/// How many tasks it takes at once.
	pub capacity: u32,
	/// Its unfinished tasks.
	pub active_tasks: u32,
	/// Its reputation.
	pub reputation: u32,
	/// Whether it is picked for new tasks.
	pub status: NodeStatus,
	/// Whether it leaves once its tasks end.
	pub leaving: bool,
}
