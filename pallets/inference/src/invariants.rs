//! Invariants of the pallet's state, checked after every test and by `try-runtime`.
//!
//! 1. **Stakes**: every node's held stake equals its recorded stake; an active node has at least
//!    `MinStake` and a reputation at or above the floor; no reputation exceeds the maximum.
//! 2. **Pools**: a node that is not leaving sits in the pool of every model it lists, in the
//!    bucket it records, with its stake, its activity and whether it has room; a leaving node
//!    sits in none. Each pool's record matches its buckets (lengths, eligible stake, smallest
//!    stake, active count), no bucket or pool is stored empty, and no node appears twice.
//! 3. **Assignments**: every task a node holds exists, is in its commit or reveal phase and is
//!    assigned to it, and the other way round; a node's count of computations in progress is the
//!    number of those it has not committed to; only leaving nodes with tasks stay leaving.
//! 4. **Tasks**: an open task holds the fee of every node it may pay (for a sampled task, its
//!    primary and two checkers until a check is ruled out) and a finished one nothing; a queued
//!    task is in
//!    the queue with its own fee, model, redundancy and age, and nothing else is; its input is
//!    stored; a task in its commit or reveal phase has exactly `r` nodes and the commits and
//!    reveals its phase allows; a completed task has a result and a failed one none.
//! 5. **Deadlines**: each log's entries are in due order across its pages, no page outside the
//!    log's bounds is stored, and every task's current deadline is in the right log (commit
//!    phase: commit log, or the sampling log for a sampled task whose primary committed; reveal
//!    phase: reveal log; finished: pruning log).
//! 6. **Queue**: ordered by fee (highest first), then by id; each model's queued count is right
//!    and within `MaxQueuedPerModel`.
//! 7. **Funds**: held task fees, input deposits and model deposits equal the records, account by
//!    account; a node's stake at risk is the sum of what its open sampled tasks count on, and
//!    only an open, drawn sampled task not decided unchecked counts on any.
//! 8. **Memory**: no account is both a node and a remembered former node.

#![cfg(any(feature = "try-runtime", test))]

use crate::{BalanceOf, *};
use alloc::collections::{btree_map::BTreeMap, btree_set::BTreeSet};
use deai_primitives::TaskId;
use frame_support::{
	ensure,
	traits::{fungible::InspectHold, Get},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{
	traits::{Saturating, Zero},
	TryRuntimeError,
};

impl<T: Config> Pallet<T> {
	/// Checks the invariants listed in this module's documentation.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		Self::check_nodes_and_pools()?;
		Self::check_tasks_and_deadlines()?;
		Ok(())
	}

	fn check_nodes_and_pools() -> Result<(), TryRuntimeError> {
		// 1, 2, 3, 8: nodes.
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
			ensure!(!RetainedReputations::<T>::contains_key(&who), "a node is also remembered as gone");
			let load = Self::load(&who);
			ensure!(!node.leaving || load > 0, "an idle leaving node was not removed");
			let computing = NodeTasks::<T>::get(&who)
				.iter()
				.filter(|id| {
					Tasks::<T>::get(id).is_some_and(|t| {
						t.assignments.iter().any(|a| a.node == who && a.commitment.is_none())
					})
				})
				.count() as u32;
			ensure!(node.computing == computing, "a node's count of computations in progress is wrong");
			// Its stake at risk is what its open sampled tasks as primary count on.
			let at_risk = NodeTasks::<T>::get(&who)
				.iter()
				.filter_map(|id| Tasks::<T>::get(id))
				.filter(|t| t.assignments.first().is_some_and(|a| a.node == who))
				.fold(BalanceOf::<T>::zero(), |acc, t| acc.saturating_add(t.primary_risk));
			ensure!(node.at_risk == at_risk, "a node's stake at risk differs from its sampled tasks'");
			ensure!(node.load == load, "a node's count of unfinished tasks is wrong");
			let standing = Self::standing(&node);
			for (i, slot) in node.models.iter().enumerate() {
				ensure!(
					!node.models[..i].iter().any(|s| s.model == slot.model),
					"a node lists a model twice"
				);
				let entry = PoolBuckets::<T>::get(slot.model, slot.bucket).into_iter().find(|e| e.node == who);
				if node.leaving {
					ensure!(entry.is_none(), "a leaving node is still in a pool");
				} else {
					let entry = entry.ok_or("a node is missing from its pool bucket")?;
					ensure!(
						entry.stake == standing.stake &&
							entry.reputation == standing.reputation &&
							entry.active == standing.active &&
							entry.free == standing.free &&
							entry.slots == standing.slots,
						"a pool entry disagrees with its node"
					);
				}
			}
		}
		ensure!(nodes == NodeCount::<T>::get(), "NodeCount differs from the number of nodes");

		for (model, pool) in Pools::<T>::iter() {
			ensure!(Models::<T>::contains_key(model), "a pool names an unknown model");
			ensure!(pool.members > 0, "an empty pool is stored");
			let (mut members, mut active) = (0u32, 0u32);
			let mut seen = BTreeSet::new();
			for (b, summary) in pool.buckets.iter().enumerate() {
				let bucket = PoolBuckets::<T>::get(model, b as u32);
				ensure!(*summary == BucketSummary::of(&bucket), "a bucket summary disagrees with its bucket");
				members += bucket.len() as u32;
				for e in bucket.iter() {
					ensure!(seen.insert(e.node.clone()), "a node is twice in a pool");
					active += e.active as u32;
					let node = Nodes::<T>::get(&e.node).ok_or("a pool holds a node that left")?;
					ensure!(!node.leaving, "a pool holds a leaving node");
					ensure!(
						node.models.iter().any(|s| s.model == model && s.bucket == b as u32),
						"a pool holds a node that does not list it there"
					);
				}
			}
			ensure!(members == pool.members, "a pool's member count is wrong");
			ensure!(active == pool.active, "a pool's active count is wrong");
		}
		for (model, b, bucket) in PoolBuckets::<T>::iter() {
			ensure!(!bucket.is_empty(), "an empty bucket is stored");
			let pool = Pools::<T>::get(model).ok_or("a bucket of a pool that does not exist")?;
			ensure!((b as usize) < pool.buckets.len(), "a bucket beyond its pool's summaries");
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
		Ok(())
	}

	fn check_tasks_and_deadlines() -> Result<(), TryRuntimeError> {
		// 5: the logs.
		let mut logged: BTreeMap<(DeadlineKind, TaskId, BlockNumberFor<T>), ()> = BTreeMap::new();
		for kind in DeadlineKind::ALL {
			let bounds = DeadlineLogs::<T>::get(kind);
			ensure!(bounds.head <= bounds.tail, "a log's head is past its tail");
			let mut last: Option<BlockNumberFor<T>> = None;
			for page in bounds.head..=bounds.tail {
				let entries = DeadlinePages::<T>::get(kind, page);
				ensure!(
					!entries.is_empty() || page == bounds.head || page == bounds.tail,
					"an empty page inside a log"
				);
				for (task, due) in entries.iter() {
					ensure!(last.is_none_or(|l| l <= *due), "a deadline log is out of due order");
					last = Some(*due);
					logged.insert((kind, *task, *due), ());
				}
			}
		}
		for (kind, page, _) in DeadlinePages::<T>::iter() {
			let bounds = DeadlineLogs::<T>::get(kind);
			ensure!(page >= bounds.head && page <= bounds.tail, "a page outside its log is stored");
		}

		// 4, 6: tasks and the queue.
		let queue = Queue::<T>::get();
		for pair in queue.windows(2) {
			ensure!(
				pair[0].fee_per_node > pair[1].fee_per_node ||
					(pair[0].fee_per_node == pair[1].fee_per_node && pair[0].task < pair[1].task),
				"the queue is not ordered by fee, then age"
			);
		}
		let mut queued_per_model: BTreeMap<ModelId, u32> = BTreeMap::new();
		for e in queue.iter() {
			*queued_per_model.entry(e.model).or_default() += 1;
			let task = Tasks::<T>::get(e.task).ok_or("a queue entry names no task")?;
			ensure!(
				task.phase == Phase::Queued &&
					task.model == e.model &&
					task.fee_per_node == e.fee_per_node &&
					task.redundancy == e.redundancy &&
					task.created_at == e.created_at,
				"a queue entry disagrees with its task"
			);
			ensure!(
				e.stake_needed.is_zero() || task.verification.is_sampled(),
				"a queue entry of a task that is not sampled needs a primary's stake"
			);
		}
		let queued_ids: BTreeSet<TaskId> = queue.iter().map(|e| e.task).collect();

		let mut fees: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut input_deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut open_per_model: BTreeMap<ModelId, u32> = BTreeMap::new();
		for (id, task) in Tasks::<T>::iter() {
			*input_deposits.entry(task.creator.clone()).or_default() += task.input_deposit;
			// A primary backs a sampled task while it is open, drawn, and not decided unchecked.
			let backed = task.verification.is_sampled() &&
				task.phase.is_open() &&
				!task.assignments.is_empty() &&
				!matches!(task.verification, Verification::Sampled { checked: Some(false), .. });
			ensure!(backed || task.primary_risk.is_zero(), "stake at risk is counted for a task that needs none");
			ensure!(id < NextTaskId::<T>::get(), "a task id is not below NextTaskId");
			ensure!(Inputs::<T>::contains_key(id), "a task's input is missing");
			let full_fee = task.fee_per_node.saturating_mul(task.paid_nodes().into());
			ensure!(
				queued_ids.contains(&id) == (task.phase == Phase::Queued),
				"queue membership and phase disagree"
			);
			if task.phase.is_open() {
				ensure!(task.held_fee == full_fee, "an open task does not hold its full fee");
				*open_per_model.entry(task.model).or_default() += 1;
			} else {
				ensure!(task.held_fee.is_zero(), "a finished task still holds fees");
			}
			*fees.entry(task.creator.clone()).or_default() += task.held_fee;
			let logged_in = |kind| logged.contains_key(&(kind, id, task.deadline));
			match task.phase {
				Phase::Queued => {
					ensure!(task.assignments.is_empty(), "a queued task has nodes");
					ensure!(
						task.deadline == task.created_at.saturating_add(T::QueueTimeout::get()),
						"a queued task's deadline is not its queue timeout"
					);
				},
				Phase::Commit | Phase::Reveal => {
					ensure!(task.assignments.len() as u32 == task.redundancy, "wrong number of nodes");
					for a in task.assignments.iter() {
						ensure!(NodeTasks::<T>::get(&a.node).contains(&id), "an assigned node lost its task");
					}
					// A sampled task has its primary alone until a check is decided, and all three
					// nodes of a check once its checkers are drawn; a check waiting for a checker
					// has a deadline by which it is decided.
					match task.verification {
						Verification::Sampled { checked: None, .. } if task.awaits_sampling() => {
							ensure!(task.redundancy == 1, "a sampled task without a check has one node");
							ensure!(
								!task.checkers_by.is_zero() && task.checkers_by < task.deadline,
								"a pending decision records the block of the primary's commit"
							);
						},
						Verification::Sampled { checked: None | Some(false), .. } =>
							ensure!(task.redundancy == 1, "a sampled task without a check has one node"),
						Verification::Sampled { checked: Some(true), .. } if task.awaits_sampling() => ensure!(
							!task.checkers_by.is_zero() && task.deadline <= task.checkers_by,
							"a check waiting for a checker is due by its checkers_by"
						),
						Verification::Sampled { checked: Some(true), .. } =>
							ensure!(task.redundancy == 1 + SAMPLE_CHECKERS, "a check has three nodes"),
						Verification::Full => {},
					}
					if task.phase == Phase::Commit && task.awaits_sampling() {
						ensure!(logged_in(DeadlineKind::SampleDecision), "a sampling decision is not logged");
						ensure!(task.reveals() == 0, "a reveal before the check is complete");
						ensure!(
							task.redundancy < 1 + SAMPLE_CHECKERS &&
								task.assignments.first().is_some_and(|a| a.commitment.is_some()),
							"a sampled task decides, and draws its checkers, after its primary's commit"
						);
					} else if task.phase == Phase::Commit {
						ensure!(logged_in(DeadlineKind::CommitEnd), "a commit deadline is not logged");
						ensure!(task.reveals() == 0, "a reveal during the commit phase");
						ensure!(task.commits() < task.redundancy, "all committed but still in commit phase");
					} else {
						ensure!(logged_in(DeadlineKind::RevealEnd), "a reveal deadline is not logged");
						ensure!(task.commits() >= task.quorum(), "reveal phase without a quorum of commits");
						ensure!(task.reveals() < task.commits(), "all revealed but not settled");
					}
				},
				Phase::Completed => {
					ensure!(logged_in(DeadlineKind::Prune), "a finished task's pruning is not logged");
					ensure!(task.result.is_some(), "a completed task has no result");
				},
				Phase::Failed(_) => {
					ensure!(logged_in(DeadlineKind::Prune), "a finished task's pruning is not logged");
					ensure!(task.result.is_none(), "a failed task has a result");
				},
			}
		}
		for (id, _) in Inputs::<T>::iter() {
			ensure!(Tasks::<T>::contains_key(id), "an input outlived its task");
		}

		// 6, 7: models and funds.
		let mut deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		for (id, model) in Models::<T>::iter() {
			ensure!(
				model.open_tasks == open_per_model.get(&id).copied().unwrap_or(0),
				"a model's open task count is wrong"
			);
			let queued = queued_per_model.get(&id).copied().unwrap_or(0);
			ensure!(model.queued == queued, "a model's queued count is wrong");
			ensure!(queued <= T::MaxQueuedPerModel::get(), "a model has too many queued tasks");
			if let Some(owner) = model.owner {
				*deposits.entry(owner).or_default() += model.deposit;
			}
		}
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
		for (who, deposit) in input_deposits {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::InputDeposit.into(), &who) == deposit,
				"held input deposits differ from the tasks' records"
			);
		}
		Ok(())
	}
}
