//! The draw in the hook: queued tasks, highest fee first, get `r` nodes in the first block whose
//! seed covers the one that included them (see [`crate::randomness`]); tasks past their queue
//! deadline are refunded, in every block.
//!
//! Liveness: a task that cannot be served now (fewer eligible nodes than its redundancy) costs
//! one read of its model's pool record, and every later task of that model with at least that
//! redundancy is skipped without any read; no attempt counter exists that such tasks could use
//! up. The queue is read once per block.

use crate::{randomness::SeedOf, *};
use alloc::vec::Vec;
use deai_primitives::TaskId;
use frame_support::{
	defensive,
	pallet_prelude::*,
	storage::{with_transaction, TransactionOutcome},
	weights::WeightMeter,
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::{One, Saturating};

impl<T: Config> Pallet<T> {
	/// Draws nodes for queued tasks and refunds timed-out ones, within `meter`.
	pub(crate) fn assign_queued(now: BlockNumberFor<T>, seed: Option<&SeedOf<T>>, meter: &mut WeightMeter) {
		// Read, and rewritten when a task leaves it.
		let scan = |len: u32| T::WeightInfo::queue_scan(len).saturating_add(T::DbWeight::get().writes(1));
		if !meter.can_consume(scan(T::MaxQueueLen::get())) {
			return
		}
		let queue = Queue::<T>::get();
		meter.consume(scan(queue.len() as u32));
		if queue.is_empty() {
			return
		}
		let covers = seed.map(|s| s.covers);
		let seed = seed.map(|s| s.for_subject(b"deai/assign")).unwrap_or_default();
		// Per model, the smallest redundancy that could not be drawn in this block.
		let mut unservable: Vec<(ModelId, u32)> = Vec::new();
		let mut removed: Vec<TaskId> = Vec::new();
		for entry in queue.iter() {
			if now >= entry.created_at.saturating_add(T::QueueTimeout::get()) {
				if meter.can_consume(T::WeightInfo::queue_timeout()) {
					meter.consume(T::WeightInfo::queue_timeout());
					if Self::time_out(entry.task, entry.model, now) {
						removed.push(entry.task);
					}
				}
				continue
			}
			// The seed must come from blocks produced after the task was included.
			if covers.is_none_or(|covers| entry.created_at > covers) {
				continue
			}
			if unservable.iter().any(|(m, r)| *m == entry.model && entry.redundancy >= *r) {
				continue
			}
			let worst = Self::assign_weight_max(entry.redundancy);
			if !meter.can_consume(worst) {
				continue
			}
			let drawn = Self::draw(entry.model, entry.redundancy, &seed, entry.task);
			let Some(nodes) = drawn.nodes else {
				meter.consume(Self::failed_draw_weight(drawn.attempts));
				unservable.push((entry.model, entry.redundancy));
				continue
			};
			let r = entry.redundancy;
			let step = with_transaction(|| match Self::assign_to(entry.task, nodes, now) {
				Ok(updates) => TransactionOutcome::Commit(Ok(updates)),
				Err(e) => TransactionOutcome::Rollback(Err(e)),
			});
			match step {
				Ok(updates) => {
					meter.consume(Self::assign_weight(r, updates));
					removed.push(entry.task);
				},
				Err(_) => {
					defensive!("a drawn task could not be assigned");
					meter.consume(worst);
				},
			}
		}
		if !removed.is_empty() {
			Queue::<T>::mutate(|q| q.retain(|e| !removed.contains(&e.task)));
		}
	}

	/// Refunds a queued task whose queue deadline passed, in its own storage transaction.
	pub(crate) fn time_out(id: TaskId, model: ModelId, now: BlockNumberFor<T>) -> bool {
		let step = with_transaction(|| {
			let outcome = Tasks::<T>::get(id).ok_or(Error::<T>::UnknownTask.into()).and_then(|task| {
				Self::unqueued(model);
				Self::finish(id, task, Phase::Failed(FailReason::QueueTimeout), now)
			});
			match outcome {
				Ok(()) => TransactionOutcome::Commit(Ok(())),
				Err(e) => TransactionOutcome::Rollback(Err::<(), DispatchError>(e)),
			}
		});
		if step.is_err() {
			defensive!("a timed-out task could not be refunded");
			Self::abort(id, now);
		}
		true
	}

	/// Gives task `id` to `nodes` and opens its commit window; returns the pool entries
	/// rewritten (nodes whose capacity is now full leave the draw).
	pub(crate) fn assign_to(
		id: TaskId,
		nodes: Vec<T::AccountId>,
		now: BlockNumberFor<T>,
	) -> Result<u32, DispatchError> {
		let mut task = Tasks::<T>::get(id).ok_or(Error::<T>::UnknownTask)?;
		let updates = Self::add_nodes(id, &mut task, nodes, now)?;
		let model = task.model;
		Tasks::<T>::insert(id, task);
		Self::unqueued(model);
		Ok(updates)
	}

	/// Adds `nodes` to a task (its first nodes, or a sampled task's checkers), sets its
	/// redundancy to its node count, and opens a commit window for them (or, for a check still
	/// short of a checker, logs the next draw of the other); the caller stores the task. Returns
	/// the pool entries rewritten.
	pub(crate) fn add_nodes(
		id: TaskId,
		task: &mut TaskInfo<T>,
		nodes: Vec<T::AccountId>,
		now: BlockNumberFor<T>,
	) -> Result<u32, DispatchError> {
		let mut updates = 0;
		for who in &nodes {
			let mut node = Nodes::<T>::get(who).ok_or(Error::<T>::NotANode)?;
			let before = Self::standing(&node);
			ensure!(before.active && before.free, Error::<T>::NotActive);
			NodeTasks::<T>::try_mutate(who, |tasks| tasks.try_push(id)).map_err(|_| Error::<T>::BadCapacity)?;
			node.computing.saturating_inc();
			node.load.saturating_inc();
			updates += Self::sync_pools(who, &node, before, Self::standing(&node));
			Nodes::<T>::insert(who, node);
		}
		for node in nodes.iter() {
			task.assignments
				.try_push(Assignment { node: node.clone(), commitment: None, result: None })
				.map_err(|_| Error::<T>::BadRedundancy)?;
		}
		task.redundancy = task.assignments.len() as u32;
		task.phase = Phase::Commit;
		if task.awaits_sampling() {
			// One checker of a check so far: the other is drawn again in the next block. The first
			// may commit meanwhile; the check fails at `checkers_by` if the other never comes.
			task.deadline = Self::schedule(DeadlineKind::SampleDecision, id, now.saturating_add(One::one()));
			Self::deposit_event(Event::TaskAssigned { task: id, nodes, commit_deadline: task.checkers_by });
		} else {
			task.deadline = Self::schedule(DeadlineKind::CommitEnd, id, now.saturating_add(T::CommitPeriod::get()));
			Self::deposit_event(Event::TaskAssigned { task: id, nodes, commit_deadline: task.deadline });
		}
		Ok(updates)
	}
}
