//! Invariants of the pallet's state, checked after every test and by `try-runtime`.

#![cfg(any(feature = "try-runtime", test))]

use crate::{BalanceOf, *};
use alloc::collections::btree_map::BTreeMap;
use frame_support::{ensure, traits::{fungible::InspectHold, Get}};
use sp_runtime::{
	traits::{Saturating, Zero},
	TryRuntimeError,
};

impl<T: Config> Pallet<T> {
	/// Checks that the pallet's records agree with each other and with the balances it holds.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let mut fees: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut open_per_model: BTreeMap<ModelId, u32> = BTreeMap::new();
		let cursor = DeadlineCursor::<T>::get();

		// Nodes.
		let mut nodes = 0u32;
		for (who, node) in Nodes::<T>::iter() {
			nodes += 1;
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::NodeStake.into(), &who) == node.stake,
				"a node's held stake differs from its recorded stake"
			);
			ensure!(node.reputation <= T::MaxReputation::get(), "reputation above the maximum");
			if node.status == NodeStatus::Active {
				ensure!(node.reputation >= T::ReputationFloor::get(), "an active node is below the floor");
				ensure!(node.stake >= T::MinStake::get(), "an active node's stake is below the minimum");
			}
			for m in node.models.iter() {
				ensure!(ModelNodes::<T>::get(m).contains(&who), "a node is missing from a model's list");
			}
			let busy = NodeTasks::<T>::get(&who);
			ensure!(!node.leaving || !busy.is_empty(), "an idle leaving node was not removed");
		}
		ensure!(nodes == NodeCount::<T>::get(), "NodeCount differs from the number of nodes");

		for (model, list) in ModelNodes::<T>::iter() {
			ensure!(Models::<T>::contains_key(model), "a model list names an unknown model");
			ensure!(!list.is_empty(), "an empty model list is stored");
			for (i, who) in list.iter().enumerate() {
				ensure!(!list[..i].contains(who), "a node is listed twice for a model");
				let node = Nodes::<T>::get(who).ok_or("a model list names a node that left")?;
				ensure!(node.models.contains(&model), "a model list names a node not serving it");
			}
		}

		for (who, tasks) in NodeTasks::<T>::iter() {
			ensure!(Nodes::<T>::contains_key(&who), "tasks are recorded for a node that left");
			ensure!(!tasks.is_empty(), "an empty task list is stored");
			for id in tasks.iter() {
				let task = Tasks::<T>::get(id).ok_or("a node holds a task that does not exist")?;
				ensure!(
					matches!(task.phase, Phase::Commit | Phase::Reveal),
					"a node holds a task that is not being worked on"
				);
				ensure!(task.assignments.iter().any(|a| a.node == who), "a node holds a task not assigned to it");
			}
		}

		// Tasks and their deadlines.
		let mut deadline_entries: BTreeMap<u64, u32> = BTreeMap::new();
		for (block, slot) in Deadlines::<T>::iter() {
			ensure!(block >= cursor, "a deadline is stored before the cursor");
			for id in slot.iter() {
				*deadline_entries.entry(*id).or_default() += 1;
			}
		}
		let queue = Queue::<T>::get();
		let mut tasks = 0usize;
		for (id, task) in Tasks::<T>::iter() {
			tasks += 1;
			ensure!(id < NextTaskId::<T>::get(), "a task id is not below NextTaskId");
			ensure!(deadline_entries.get(&id) == Some(&1), "a task does not have exactly one deadline");
			ensure!(
				Deadlines::<T>::get(task.deadline).contains(&id),
				"a task's deadline slot does not hold it"
			);
			let full_fee = task.fee_per_node.saturating_mul(task.redundancy.into());
			let queued = queue.iter().any(|e| e.task == id);
			ensure!(queued == (task.phase == Phase::Queued), "queue membership and phase disagree");
			if task.phase.is_open() {
				ensure!(task.held_fee == full_fee, "an open task does not hold its full fee");
				*open_per_model.entry(task.model).or_default() += 1;
			} else {
				ensure!(task.held_fee.is_zero(), "a finished task still holds fees");
			}
			*fees.entry(task.creator.clone()).or_default() += task.held_fee;
			match task.phase {
				Phase::Queued => ensure!(task.assignments.is_empty(), "a queued task has nodes"),
				Phase::Commit | Phase::Reveal => {
					ensure!(task.assignments.len() as u32 == task.redundancy, "wrong number of nodes");
					for a in task.assignments.iter() {
						ensure!(NodeTasks::<T>::get(&a.node).contains(&id), "an assigned node lost its task");
					}
					if task.phase == Phase::Commit {
						ensure!(task.reveals() == 0, "a reveal during the commit phase");
						ensure!(task.commits() < task.redundancy, "all committed but still in commit phase");
					} else {
						ensure!(task.commits() >= task.quorum(), "reveal phase without a quorum of commits");
						ensure!(task.reveals() < task.commits(), "all revealed but not settled");
					}
				},
				Phase::Completed => ensure!(task.result.is_some(), "a completed task has no result"),
				Phase::Failed(_) => ensure!(task.result.is_none(), "a failed task has a result"),
			}
		}
		ensure!(
			deadline_entries.values().map(|n| *n as usize).sum::<usize>() == tasks,
			"deadline entries and tasks differ in number"
		);

		// The queue is sorted by fee (highest first), then by id.
		for pair in queue.windows(2) {
			ensure!(
				pair[0].fee_per_node > pair[1].fee_per_node ||
					(pair[0].fee_per_node == pair[1].fee_per_node && pair[0].task < pair[1].task),
				"the queue is not ordered by fee, then age"
			);
		}

		// Models.
		for (id, model) in Models::<T>::iter() {
			ensure!(
				model.open_tasks == open_per_model.get(&id).copied().unwrap_or(0),
				"a model's open task count is wrong"
			);
			if let Some(owner) = model.owner {
				*deposits.entry(owner).or_default() += model.deposit;
			}
		}

		// Held fees and deposits equal the records, account by account.
		for (who, fee) in fees {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::TaskFee.into(), &who) == fee,
				"held task fees differ from the tasks' records"
			);
		}
		for (who, deposit) in deposits {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::ModelDeposit.into(), &who) == deposit,
				"held deposits differ from the models' records"
			);
		}
		Ok(())
	}
}
