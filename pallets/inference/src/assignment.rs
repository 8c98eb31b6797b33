//! The draw in the hook: queued tasks, highest fee first, get `r` nodes in the first block whose
//! seed covers the one that included them (see [`crate::randomness`]); tasks past their queue
//! deadline are refunded, in every block.
//!
//! Liveness: a task that cannot be served now (fewer eligible nodes than its redundancy) costs
//! one read of its model's pool record, and every later task of that model with at least that
//! redundancy is skipped without any read; no attempt counter exists that such tasks could use
//! up. The queue is read once per block.

use crate::{randomness::SeedOf, *};
use alloc::{
	collections::{BTreeMap, BTreeSet},
	vec::Vec,
};
use deai_primitives::TaskId;
use frame_support::{
	defensive,
	pallet_prelude::*,
	storage::{with_transaction, TransactionOutcome},
	weights::WeightMeter,
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::{One, Saturating, UniqueSaturatedInto, Zero};

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
		// Per model, the smallest redundancy that could not be drawn in this block, and the
		// smallest stake a sampled primary could not be found with.
		// (Maps and sets: looking one up costs a logarithm of the queue, not the queue.)
		let mut unservable: BTreeMap<ModelId, u32> = BTreeMap::new();
		let mut no_primary: BTreeMap<ModelId, BalanceOf<T>> = BTreeMap::new();
		let mut removed: BTreeSet<TaskId> = BTreeSet::new();
		for entry in queue.iter() {
			if now >= entry.created_at.saturating_add(T::QueueTimeout::get()) {
				// With the charge it may take (a slash of the held fee to the treasury).
				let timeout = T::WeightInfo::queue_timeout().saturating_add(T::DbWeight::get().reads_writes(2, 3));
				if meter.can_consume(timeout) {
					meter.consume(timeout);
					if Self::time_out(entry.task, entry.model, now) {
						removed.insert(entry.task);
					}
				}
				continue
			}
			// The seed must come from blocks produced after the task was included.
			if covers.is_none_or(|covers| entry.created_at > covers) {
				continue
			}
			if unservable.get(&entry.model).is_some_and(|r| entry.redundancy >= *r) {
				continue
			}
			let sampled = !entry.stake_needed.is_zero();
			if sampled && no_primary.get(&entry.model).is_some_and(|need| entry.stake_needed >= *need) {
				continue
			}
			let worst = Self::assign_weight_max(entry.redundancy).saturating_add(Self::rejections_weight());
			if !meter.can_consume(worst) {
				continue
			}
			let drawn = if sampled {
				Self::draw_primary(entry.model, entry.stake_needed, &seed, entry.task)
			} else {
				Self::draw(entry.model, entry.redundancy, &seed, entry.task)
			};
			let Some(nodes) = drawn.nodes else {
				meter.consume(Self::failed_draw_weight(drawn.attempts).saturating_add(if sampled {
					Self::rejections_weight()
				} else {
					Weight::zero()
				}));
				// No primary with this much free stake this block: tasks of the model needing as
				// much or more are skipped for the block without a read.
				if sampled {
					let least = no_primary.entry(entry.model).or_insert(entry.stake_needed);
					*least = (*least).min(entry.stake_needed);
				} else {
					let least = unservable.entry(entry.model).or_insert(entry.redundancy);
					*least = (*least).min(entry.redundancy);
				}
				continue
			};
			let r = entry.redundancy;
			let step = with_transaction(|| match Self::assign_to(entry.task, nodes, entry.stake_needed, now) {
				Ok(updates) => TransactionOutcome::Commit(Ok(updates)),
				Err(e) => TransactionOutcome::Rollback(Err(e)),
			});
			match step {
				Ok(updates) => {
					let rejections = if sampled { Self::rejections_weight() } else { Weight::zero() };
					meter.consume(Self::assign_weight(r, updates).saturating_add(rejections));
					removed.insert(entry.task);
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

	/// Whether a queued task timed out because its model's own nodes could not serve it, not
	/// from congestion: fewer active nodes than it needs, or (sampled) none with the stake it
	/// needs, for at least half its wait (a node's pause for maintenance at the end of the wait
	/// does not count).
	pub(crate) fn unserved_by_its_nodes(model: ModelId, task: &TaskInfo<T>, now: BlockNumberFor<T>) -> bool {
		let Some(pool) = Pools::<T>::get(model) else { return true };
		let needed = if task.verification.is_sampled() { 1 + SAMPLE_CHECKERS } else { task.redundancy };
		let stake_needed: u128 = match task.verification {
			Verification::Sampled { permille, .. } =>
				Self::stake_needed(task.fee_per_node, permille).map_or(u128::MAX, |s| s.unique_saturated_into()),
			Verification::Full => 0,
		};
		let most = pool.buckets.iter().map(|b| b.max_active_stake).max().unwrap_or(0);
		let short = pool.active < needed || most < stake_needed;
		let half_wait = T::QueueTimeout::get() / 2u32.into();
		short && now.saturating_sub(pool.active_since) >= half_wait
	}

	/// Refunds a queued task whose queue deadline passed, in its own storage transaction. When
	/// its model's own nodes could not serve it ([`Self::unserved_by_its_nodes`]: they paused or
	/// left after its creation, no congestion), the creator pays the cancellation charge:
	/// holding the queue with tasks nobody will take is not free.
	pub(crate) fn time_out(id: TaskId, model: ModelId, now: BlockNumberFor<T>) -> bool {
		let step = with_transaction(|| {
			let outcome = Tasks::<T>::get(id).ok_or(Error::<T>::UnknownTask.into()).and_then(|mut task| {
				Self::unqueued(model);
				if Self::unserved_by_its_nodes(model, &task, now) {
					let charge = Self::charge_for(task.held_fee);
					let taken = Self::slash_held(HoldReason::TaskFee, &task.creator, charge);
					task.held_fee = task.held_fee.saturating_sub(taken);
					Self::deposit_event(Event::TimeoutCharged { task: id, amount: taken });
				}
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

	/// Gives task `id` to `nodes` and opens its commit window; a sampled task's primary backs it
	/// with `stake_needed` of its stake (its `at_risk`). Returns the pool entries rewritten
	/// (nodes whose capacity is now full leave the draw).
	pub(crate) fn assign_to(
		id: TaskId,
		nodes: Vec<T::AccountId>,
		stake_needed: BalanceOf<T>,
		now: BlockNumberFor<T>,
	) -> Result<u32, DispatchError> {
		let mut task = Tasks::<T>::get(id).ok_or(Error::<T>::UnknownTask)?;
		let updates = Self::add_nodes(id, &mut task, nodes, now)?;
		if task.verification.is_sampled() && !stake_needed.is_zero() {
			// The primary backs the task with the stake it needs until the task is decided
			// unchecked or ends.
			let primary = task.assignments.first().map(|a| a.node.clone()).ok_or(Error::<T>::NotAssigned)?;
			Nodes::<T>::try_mutate(&primary, |n| -> DispatchResult {
				let n = n.as_mut().ok_or(Error::<T>::NotANode)?;
				n.at_risk = n.at_risk.saturating_add(stake_needed);
				Ok(())
			})?;
			task.primary_risk = stake_needed;
		}
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
		// Checkers are drawn among all active nodes: a busy one still gets its window.
		let checkers = !task.assignments.is_empty();
		for who in &nodes {
			let mut node = Nodes::<T>::get(who).ok_or(Error::<T>::NotANode)?;
			let before = Self::standing(&node);
			ensure!(before.active && (before.free || checkers), Error::<T>::NotActive);
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
