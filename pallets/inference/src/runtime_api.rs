//! The runtime API through which workers and wallets read the protocol's state.
//!
//! polkadot-js exposes it as `api.call.inferenceApi.*` (its types come from the metadata).

use alloc::vec::Vec;
use codec::Codec;
use deai_primitives::{AssignedTask, ModelId, ModelView, NodeView, TaskId, TaskView};

sp_api::decl_runtime_apis! {
	/// Read access to the inference protocol.
	pub trait InferenceApi<AccountId, Balance, BlockNumber>
	where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// The unfinished tasks assigned to `node`: phase, model, input and its own progress.
		fn assigned_tasks(node: AccountId) -> Vec<AssignedTask<BlockNumber>>;
		/// A task's status, assignments and (once completed) its verified result.
		fn task(id: TaskId) -> Option<TaskView<AccountId, Balance, BlockNumber>>;
		/// A registered model's entry: how to feed it, read it and compare its results.
		fn model(id: ModelId) -> Option<ModelView>;
		/// A compute node's stake, models, capacity, load, reputation and status.
		fn node(account: AccountId) -> Option<NodeView<Balance>>;
	}
}
