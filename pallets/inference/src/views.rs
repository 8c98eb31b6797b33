//! What the runtime API returns to workers and wallets.

use crate::*;
use alloc::vec::Vec;
use deai_primitives::TaskId;
use frame_system::pallet_prelude::BlockNumberFor;

impl<T: Config> Pallet<T> {
	/// The unfinished tasks assigned to `who`, with their inputs, for its worker.
	pub fn assigned_tasks(who: &T::AccountId) -> Vec<AssignedTask<BlockNumberFor<T>>> {
		NodeTasks::<T>::get(who)
			.into_iter()
			.filter_map(|id| {
				let task = Tasks::<T>::get(id)?;
				let a = task.assignments.iter().find(|a| &a.node == who)?;
				Some(AssignedTask {
					id,
					model: task.model,
					input: Inputs::<T>::get(id).map(|i| i.into_inner()).unwrap_or_default(),
					phase: task.phase,
					deadline: task.window_end(),
					committed: a.commitment.is_some(),
					revealed: a.result.is_some(),
				})
			})
			.collect()
	}

	/// A task's status and result.
	pub fn task_view(id: TaskId) -> Option<TaskView<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>> {
		let task = Tasks::<T>::get(id)?;
		Some(TaskView {
			quorum: task.quorum(),
			deadline: task.window_end(),
			creator: task.creator,
			model: task.model,
			fee_per_node: task.fee_per_node,
			redundancy: task.redundancy,
			phase: task.phase,
			created_at: task.created_at,
			assignments: task
				.assignments
				.iter()
				.map(|a| AssignmentView {
					node: a.node.clone(),
					committed: a.commitment.is_some(),
					revealed: a.result.is_some(),
				})
				.collect(),
			result: task.result.map(|r| r.into_inner()),
			verification: task.verification,
		})
	}

	/// A registered model's entry.
	pub fn model_view(id: ModelId) -> Option<ModelView> {
		let spec = Models::<T>::get(id)?.spec;
		Some(ModelView {
			name: spec.name.into_inner(),
			input_type: spec.input_type,
			input_shape: spec.input_shape.into_inner(),
			method: spec.method.into_inner(),
			extra_args: spec.extra_args.into_inner(),
			output: spec.output,
			comparison: spec.comparison,
		})
	}

	/// A compute node's registration.
	pub fn node_view(who: &T::AccountId) -> Option<NodeView<BalanceOf<T>>> {
		let node = Nodes::<T>::get(who)?;
		Some(NodeView {
			stake: node.stake,
			models: node.model_ids(),
			capacity: node.capacity,
			active_tasks: Self::load(who),
			reputation: node.reputation,
			status: node.status,
			leaving: node.leaving,
		})
	}
}
