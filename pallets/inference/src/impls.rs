//! The protocol's state transitions: queue, deadlines, draw, commit, reveal and settlement.

use crate::{BalanceOf, *};
use alloc::vec::Vec;
use deai_primitives::{Comparison, ElementType, OutputEncoding, Salt, TaskId, ERROR_RESULT};
use frame_support::{
	defensive,
	pallet_prelude::*,
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision, Restriction},
		Randomness,
	},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_core::H256;
use sp_runtime::{
	traits::{One, Saturating, UniqueSaturatedInto, Zero},
	DispatchResult,
};

/// How many blocks past the wanted one an extrinsic may search for a deadline slot with room.
pub(crate) const DEADLINE_SEARCH_CALL: u32 = 16;
/// The same for the hooks, which cannot fail: the slots of 256 blocks are never all full.
pub(crate) const DEADLINE_SEARCH_HOOK: u32 = 256;

impl<T: Config> Pallet<T> {
	// ------------------------------------------------------------------ validation

	/// Builds a model spec from call arguments, naming what is wrong.
	pub(crate) fn make_spec(
		name: Vec<u8>,
		input_type: ElementType,
		input_shape: Vec<u32>,
		method: Vec<u8>,
		extra_args: Vec<i64>,
		output: OutputEncoding,
		comparison: Comparison,
	) -> Result<ModelSpec<T>, DispatchError> {
		let name = BoundedVec::try_from(name).map_err(|_| Error::<T>::NameTooLong)?;
		ensure!(
			!input_shape.is_empty() && !input_shape.contains(&0),
			Error::<T>::BadShape
		);
		let input_shape = BoundedVec::try_from(input_shape).map_err(|_| Error::<T>::BadShape)?;
		let method = BoundedVec::try_from(method).map_err(|_| Error::<T>::BadInvocation)?;
		let extra_args = BoundedVec::try_from(extra_args).map_err(|_| Error::<T>::BadInvocation)?;
		match output {
			OutputEncoding::TopK { k } => ensure!(
				k > 0 && k.saturating_mul(4) <= T::MaxResultLen::get(),
				Error::<T>::BadOutputEncoding
			),
			OutputEncoding::FixedPoint { scale } => ensure!(scale > 0, Error::<T>::BadOutputEncoding),
			OutputEncoding::Argmax | OutputEncoding::Threshold { .. } => {},
		}
		let spec = ModelSpec { name, input_type, input_shape, method, extra_args, output, comparison };
		ensure!(
			spec.input_len().is_some_and(|len| len <= T::MaxInputLen::get()),
			Error::<T>::ShapeTooLarge
		);
		Ok(spec)
	}

	/// A node's model list: non-empty, registered, distinct, bounded.
	pub(crate) fn check_models(
		models: Vec<ModelId>,
	) -> Result<BoundedVec<ModelId, T::MaxModelsPerNode>, DispatchError> {
		ensure!(!models.is_empty(), Error::<T>::NoModels);
		let bounded: BoundedVec<_, T::MaxModelsPerNode> =
			BoundedVec::try_from(models).map_err(|_| Error::<T>::TooManyModels)?;
		for (i, m) in bounded.iter().enumerate() {
			ensure!(!bounded[..i].contains(m), Error::<T>::DuplicateModel);
			ensure!(Models::<T>::contains_key(m), Error::<T>::UnknownModel);
		}
		Ok(bounded)
	}

	/// Capacity is between 1 and `MaxCapacity`.
	pub(crate) fn check_capacity(capacity: u32) -> DispatchResult {
		ensure!(capacity >= 1 && capacity <= T::MaxCapacity::get(), Error::<T>::BadCapacity);
		Ok(())
	}

	// ------------------------------------------------------------------ nodes

	/// Removes a node with no unfinished task and releases its stake.
	pub(crate) fn remove_node(who: &T::AccountId, node: NodeInfo<T>) -> DispatchResult {
		Self::release(HoldReason::NodeStake, who, node.stake)?;
		for m in node.models.iter() {
			ModelNodes::<T>::mutate_exists(m, |nodes| {
				if let Some(list) = nodes {
					list.retain(|n| n != who);
					if list.is_empty() {
						*nodes = None;
					}
				}
			});
		}
		Nodes::<T>::remove(who);
		NodeTasks::<T>::remove(who);
		NodeCount::<T>::mutate(|c| *c = c.saturating_sub(1));
		Self::deposit_event(Event::NodeLeft { node: who.clone(), stake: node.stake });
		Ok(())
	}

	/// Changes a node's reputation by `delta` within `0..=MaxReputation`; pauses it below the floor.
	fn adjust_reputation(who: &T::AccountId, node: &mut NodeInfo<T>, gain: bool) {
		let before = node.reputation;
		node.reputation = if gain {
			node.reputation.saturating_add(T::ReputationReward::get()).min(T::MaxReputation::get())
		} else {
			node.reputation.saturating_sub(T::ReputationPenalty::get())
		};
		if node.reputation != before {
			Self::deposit_event(Event::ReputationChanged {
				node: who.clone(),
				reputation: node.reputation,
			});
		}
		if node.reputation < T::ReputationFloor::get() {
			Self::auto_pause(who, node, AutoPauseReason::LowReputation);
		}
	}

	fn auto_pause(who: &T::AccountId, node: &mut NodeInfo<T>, reason: AutoPauseReason) {
		if node.status == NodeStatus::Active {
			node.status = NodeStatus::AutoPaused;
			Self::deposit_event(Event::NodeAutoPaused { node: who.clone(), reason });
		}
	}

	// ------------------------------------------------------------------ deadlines

	/// Puts `task` in the first deadline slot at or after `at` with room; returns the block.
	fn schedule(task: TaskId, at: BlockNumberFor<T>, search: u32) -> Result<BlockNumberFor<T>, Error<T>> {
		let mut block = at;
		for _ in 0..search {
			if Deadlines::<T>::try_mutate(block, |slot| slot.try_push(task)).is_ok() {
				return Ok(block)
			}
			block = block.saturating_add(One::one());
		}
		Err(Error::<T>::TooManyDeadlines)
	}

	/// Moves `task`'s one pending deadline to `at` (or the first later block with room).
	fn reschedule(id: TaskId, task: &mut TaskInfo<T>, at: BlockNumberFor<T>, search: u32) -> DispatchResult {
		Deadlines::<T>::mutate_exists(task.deadline, |slot| {
			if let Some(list) = slot {
				list.retain(|t| *t != id);
				if list.is_empty() {
					*slot = None;
				}
			}
		});
		task.deadline = Self::schedule(id, at, search)?;
		Ok(())
	}

	/// Processes due deadlines, oldest first, at most `MaxExpiriesPerBlock` (an empty slot
	/// counts as one); what does not fit waits for the next block. Returns the weight used.
	pub(crate) fn process_deadlines(now: BlockNumberFor<T>) -> Weight {
		let mut budget = T::MaxExpiriesPerBlock::get();
		let mut cursor = DeadlineCursor::<T>::get();
		if cursor.is_zero() {
			cursor = now;
		}
		let (mut processed, mut empty_slots) = (0u32, 0u32);
		while cursor <= now && budget > 0 {
			let mut due = Deadlines::<T>::take(cursor).into_inner();
			if due.is_empty() {
				empty_slots += 1;
				budget -= 1;
				cursor = cursor.saturating_add(One::one());
				continue
			}
			let take = (budget as usize).min(due.len());
			let rest = due.split_off(take);
			for id in due {
				Self::expire(id, cursor, now);
				processed += 1;
				budget -= 1;
			}
			if rest.is_empty() {
				cursor = cursor.saturating_add(One::one());
			} else {
				// Processing only schedules at `now + 1` or later, never in this slot.
				Deadlines::<T>::insert(cursor, BoundedVec::truncate_from(rest));
				break
			}
		}
		DeadlineCursor::<T>::put(cursor);
		T::WeightInfo::process_deadlines(processed)
			.saturating_add(T::DbWeight::get().reads_writes(empty_slots.into(), 0))
	}

	/// Handles the deadline of task `id`, which was due at `due` and is taken out of its slot.
	fn expire(id: TaskId, due: BlockNumberFor<T>, now: BlockNumberFor<T>) {
		let Some(mut task) = Tasks::<T>::get(id) else {
			defensive!("a deadline names a task that does not exist");
			return
		};
		if task.deadline != due {
			defensive!("a task's deadline slot and its recorded deadline differ");
			return
		}
		let outcome = match task.phase {
			Phase::Queued => {
				Queue::<T>::mutate(|q| q.retain(|e| e.task != id));
				Self::finish(id, task, Phase::Failed(FailReason::QueueTimeout), now)
			},
			Phase::Commit if task.commits() >= task.quorum() =>
				Self::start_reveal(id, &mut task, now, DEADLINE_SEARCH_HOOK)
					.map(|_| Tasks::<T>::insert(id, task)),
			Phase::Commit => {
				for a in task.assignments.iter().filter(|a| a.commitment.is_none()) {
					Self::penalize_silent(&a.node);
				}
				Self::finish(id, task, Phase::Failed(FailReason::NotEnoughCommits), now)
			},
			Phase::Reveal => Self::settle(id, task, now),
			Phase::Completed | Phase::Failed(_) => {
				Tasks::<T>::remove(id);
				Self::deposit_event(Event::TaskPruned { task: id });
				Ok(())
			},
		};
		if outcome.is_err() {
			defensive!("a deadline could not be processed");
		}
	}

	// ------------------------------------------------------------------ tasks

	/// Creates and queues a task; returns its id.
	pub(crate) fn do_create_task(
		creator: T::AccountId,
		model: ModelId,
		input: Vec<u8>,
		fee_per_node: BalanceOf<T>,
		redundancy: Option<u32>,
	) -> Result<TaskId, DispatchError> {
		let mut info = Models::<T>::get(model).ok_or(Error::<T>::UnknownModel)?;
		let input: BoundedVec<u8, T::MaxInputLen> =
			BoundedVec::try_from(input).map_err(|_| Error::<T>::InputTooLarge)?;
		ensure!(
			info.spec.input_len() == Some(input.len() as u32),
			Error::<T>::InputLengthMismatch
		);
		ensure!(fee_per_node >= T::MinFeePerNode::get(), Error::<T>::FeeTooLow);
		let redundancy = redundancy.unwrap_or_else(T::DefaultRedundancy::get);
		ensure!(
			redundancy >= 1 && redundancy <= T::MaxRedundancy::get(),
			Error::<T>::BadRedundancy
		);
		let total = fee_per_node
			.checked_mul(&redundancy.into())
			.ok_or(Error::<T>::InsufficientBalance)?;

		let now = frame_system::Pallet::<T>::block_number();
		let id = NextTaskId::<T>::get();
		let mut queue = Queue::<T>::get();
		let evicted = if queue.is_full() {
			let cheapest = queue.last().map(|e| e.fee_per_node).unwrap_or_default();
			ensure!(fee_per_node > cheapest, Error::<T>::QueueFull);
			queue.pop()
		} else {
			None
		};
		let position = queue.iter().position(|e| e.fee_per_node < fee_per_node).unwrap_or(queue.len());
		queue
			.try_insert(
				position,
				QueueEntry { task: id, fee_per_node, model, redundancy, created_at: now },
			)
			.map_err(|_| Error::<T>::QueueFull)?;

		Self::hold(HoldReason::TaskFee, &creator, total)?;
		let deadline =
			Self::schedule(id, now.saturating_add(T::QueueTimeout::get()), DEADLINE_SEARCH_CALL)?;
		Tasks::<T>::insert(
			id,
			TaskInfo {
				creator: creator.clone(),
				model,
				input,
				fee_per_node,
				redundancy,
				created_at: now,
				phase: Phase::Queued,
				deadline,
				assignments: Default::default(),
				result: None,
				held_fee: total,
			},
		);
		NextTaskId::<T>::put(id.saturating_add(1));
		info.open_tasks.saturating_inc();
		Models::<T>::insert(model, info);
		Queue::<T>::put(queue);
		Self::deposit_event(Event::TaskCreated { task: id, creator, model, fee_per_node, redundancy });

		if let Some(entry) = evicted {
			let task = Tasks::<T>::get(entry.task).ok_or(Error::<T>::UnknownTask)?;
			Self::finish(entry.task, task, Phase::Failed(FailReason::Evicted), now)?;
		}
		Ok(id)
	}

	/// Ends a queued task (cancelled by its creator): refund and retention.
	pub(crate) fn fail_unassigned(id: TaskId, task: TaskInfo<T>, reason: FailReason) -> DispatchResult {
		Self::finish(id, task, Phase::Failed(reason), frame_system::Pallet::<T>::block_number())
	}

	/// Ends a task: refunds what is still held, frees its nodes (completing pending leaves), and
	/// keeps it readable until `now + RetentionPeriod`.
	fn finish(id: TaskId, mut task: TaskInfo<T>, phase: Phase, now: BlockNumberFor<T>) -> DispatchResult {
		if !task.held_fee.is_zero() {
			Self::release(HoldReason::TaskFee, &task.creator, task.held_fee)?;
			Self::deposit_event(Event::FeeRefunded {
				task: id,
				creator: task.creator.clone(),
				amount: task.held_fee,
			});
			task.held_fee = Zero::zero();
		}
		for a in task.assignments.iter() {
			let remaining = NodeTasks::<T>::mutate_exists(&a.node, |tasks| {
				let list = tasks.get_or_insert_with(Default::default);
				list.retain(|t| *t != id);
				let n = list.len();
				if n == 0 {
					*tasks = None;
				}
				n
			});
			if remaining == 0 {
				if let Some(node) = Nodes::<T>::get(&a.node).filter(|n| n.leaving) {
					Self::remove_node(&a.node, node)?;
				}
			}
		}
		Models::<T>::mutate(task.model, |m| {
			if let Some(m) = m {
				m.open_tasks = m.open_tasks.saturating_sub(1);
			}
		});
		task.phase = phase;
		if let Phase::Failed(reason) = phase {
			Self::deposit_event(Event::TaskFailed { task: id, reason });
		}
		let at = now.saturating_add(T::RetentionPeriod::get());
		Self::reschedule(id, &mut task, at, DEADLINE_SEARCH_HOOK)?;
		Tasks::<T>::insert(id, task);
		Ok(())
	}

	/// Assigns queued tasks whose inclusion block precedes the randomness, at most
	/// `MaxAssignmentsPerBlock` attempts. Returns the weight used.
	pub(crate) fn assign_queued(now: BlockNumberFor<T>) -> Weight {
		let mut queue = Queue::<T>::get();
		if queue.is_empty() {
			return Weight::zero()
		}
		let (seed, seed_block) = T::Randomness::random(b"deai/assign");
		// The queue and the randomness are read even when no task is old enough to draw.
		let mut weight = T::DbWeight::get().reads(2);
		let mut attempts = 0u32;
		// Models known to lack free nodes this block, with the smallest redundancy that failed.
		let mut exhausted: Vec<(ModelId, u32)> = Vec::new();
		let mut assigned: Vec<TaskId> = Vec::new();
		for entry in queue.iter() {
			if attempts >= T::MaxAssignmentsPerBlock::get() {
				break
			}
			// The seed must come from a block after the one that included the task.
			if entry.created_at >= seed_block {
				continue
			}
			if exhausted.iter().any(|(m, r)| *m == entry.model && entry.redundancy >= *r) {
				continue
			}
			attempts += 1;
			let candidates = ModelNodes::<T>::get(entry.model);
			weight.saturating_accrue(T::WeightInfo::assign_task(candidates.len() as u32));
			let (free, weights): (Vec<_>, Vec<_>) = candidates
				.into_iter()
				.filter_map(|who| {
					let node = Nodes::<T>::get(&who)?;
					let busy = NodeTasks::<T>::decode_len(&who).unwrap_or(0) as u32;
					(node.status == NodeStatus::Active && !node.leaving && busy < node.capacity).then(
						|| {
							let stake: u128 = node.stake.unique_saturated_into();
							(who, draw::weight(stake, node.reputation))
						},
					)
				})
				.unzip();
			match draw::draw(&weights, entry.redundancy as usize, seed.as_ref(), entry.task) {
				Some(chosen) => {
					let nodes: Vec<T::AccountId> = chosen.into_iter().map(|i| free[i].clone()).collect();
					if Self::assign_to(entry.task, nodes, now).is_ok() {
						assigned.push(entry.task);
					} else {
						defensive!("a drawn task could not be assigned");
					}
				},
				None => exhausted.push((entry.model, entry.redundancy)),
			}
		}
		if !assigned.is_empty() {
			queue.retain(|e| !assigned.contains(&e.task));
			Queue::<T>::put(queue);
		}
		weight
	}

	/// Gives task `id` to `nodes` and opens its commit window.
	pub(crate) fn assign_to(id: TaskId, nodes: Vec<T::AccountId>, now: BlockNumberFor<T>) -> DispatchResult {
		let mut task = Tasks::<T>::get(id).ok_or(Error::<T>::UnknownTask)?;
		for who in &nodes {
			NodeTasks::<T>::try_mutate(who, |tasks| tasks.try_push(id))
				.map_err(|_| Error::<T>::BadCapacity)?;
		}
		task.assignments = BoundedVec::truncate_from(
			nodes
				.iter()
				.map(|node| Assignment {
					node: node.clone(),
					commitment: None,
					result: None,
					reveal_order: None,
				})
				.collect(),
		);
		task.phase = Phase::Commit;
		Self::reschedule(id, &mut task, now.saturating_add(T::CommitPeriod::get()), DEADLINE_SEARCH_HOOK)?;
		let commit_deadline = task.deadline;
		Tasks::<T>::insert(id, task);
		Self::deposit_event(Event::TaskAssigned { task: id, nodes, commit_deadline });
		Ok(())
	}

	/// Records `who`'s commitment; opens the reveal window when all assigned nodes committed.
	pub(crate) fn do_commit(who: T::AccountId, id: TaskId, commitment: H256) -> DispatchResult {
		let mut task = Tasks::<T>::get(id).ok_or(Error::<T>::UnknownTask)?;
		ensure!(task.phase == Phase::Commit, Error::<T>::NotCommitPhase);
		let a = task.assignments.iter_mut().find(|a| a.node == who).ok_or(Error::<T>::NotAssigned)?;
		ensure!(a.commitment.is_none(), Error::<T>::AlreadyCommitted);
		a.commitment = Some(commitment);
		Self::deposit_event(Event::Committed { task: id, node: who });
		if task.commits() == task.redundancy {
			let now = frame_system::Pallet::<T>::block_number();
			Self::start_reveal(id, &mut task, now, DEADLINE_SEARCH_CALL)?;
		}
		Tasks::<T>::insert(id, task);
		Ok(())
	}

	/// Opens the reveal window of a task.
	fn start_reveal(id: TaskId, task: &mut TaskInfo<T>, now: BlockNumberFor<T>, search: u32) -> DispatchResult {
		task.phase = Phase::Reveal;
		Self::reschedule(id, task, now.saturating_add(T::RevealPeriod::get()), search)?;
		Self::deposit_event(Event::RevealStarted { task: id, reveal_deadline: task.deadline });
		Ok(())
	}

	/// Checks `who`'s reveal against its commitment; settles when every committed node revealed.
	pub(crate) fn do_reveal(
		who: T::AccountId,
		id: TaskId,
		result: Vec<u8>,
		salt: Salt,
	) -> DispatchResultWithPostInfo {
		let mut task = Tasks::<T>::get(id).ok_or(Error::<T>::UnknownTask)?;
		ensure!(task.phase == Phase::Reveal, Error::<T>::NotRevealPhase);
		let order = task.reveals();
		let a = task.assignments.iter_mut().find(|a| a.node == who).ok_or(Error::<T>::NotAssigned)?;
		let committed = a.commitment.ok_or(Error::<T>::NotCommitted)?;
		ensure!(a.result.is_none(), Error::<T>::AlreadyRevealed);
		let expected = deai_primitives::commitment(id, &who, &result, &salt);
		let result: BoundedVec<u8, T::MaxResultLen> =
			BoundedVec::try_from(result).map_err(|_| Error::<T>::ResultTooLarge)?;
		ensure!(committed.0 == expected, Error::<T>::CommitmentMismatch);
		a.result = Some(result);
		a.reveal_order = Some(order);
		Self::deposit_event(Event::Revealed { task: id, node: who });
		if task.reveals() == task.commits() {
			let r = task.redundancy;
			Self::settle(id, task, frame_system::Pallet::<T>::block_number())?;
			Ok(Some(T::WeightInfo::reveal_and_settle(r)).into())
		} else {
			Tasks::<T>::insert(id, task);
			Ok(Some(T::WeightInfo::reveal()).into())
		}
	}

	/// Cross-validates the reveals and settles the task as PROTOCOL.md's outcome table says.
	fn settle(id: TaskId, mut task: TaskInfo<T>, now: BlockNumberFor<T>) -> DispatchResult {
		let comparison = Models::<T>::get(task.model)
			.map(|m| m.spec.comparison)
			.ok_or(Error::<T>::UnknownModel)?;
		let mut revealed: Vec<(u32, usize)> = task
			.assignments
			.iter()
			.enumerate()
			.filter_map(|(i, a)| a.reveal_order.map(|o| (o, i)))
			.collect();
		revealed.sort();
		let results: Vec<&[u8]> = revealed
			.iter()
			.map(|(_, i)| task.assignments[*i].result.as_ref().map_or(&[][..], |r| r.as_slice()))
			.collect();
		let winners: Option<(usize, Vec<usize>)> = cluster::best_cluster(&comparison, &results)
			.filter(|(_, cluster)| cluster.len() as u32 >= task.quorum())
			.map(|(candidate, cluster)| {
				(revealed[candidate].1, cluster.into_iter().map(|k| revealed[k].1).collect())
			});

		for (i, a) in task.assignments.iter().enumerate() {
			let Some(mut node) = Nodes::<T>::get(&a.node) else {
				defensive!("an assigned node left before its task ended");
				continue
			};
			let won = winners.as_ref().is_some_and(|(_, w)| w.contains(&i));
			let withheld = a.commitment.is_some() && a.result.is_none();
			let deviated = winners.is_some() && a.result.is_some() && !won;
			if won {
				T::Currency::transfer_on_hold(
					&HoldReason::TaskFee.into(),
					&task.creator,
					&a.node,
					task.fee_per_node,
					Precision::Exact,
					Restriction::Free,
					Fortitude::Polite,
				)?;
				task.held_fee = task.held_fee.saturating_sub(task.fee_per_node);
				Self::deposit_event(Event::NodeRewarded {
					task: id,
					node: a.node.clone(),
					amount: task.fee_per_node,
				});
				Self::adjust_reputation(&a.node, &mut node, true);
			} else if withheld || deviated {
				let taken = Self::slash_stake(&a.node, T::SlashFraction::get() * node.stake);
				node.stake = node.stake.saturating_sub(taken);
				Self::deposit_event(Event::NodeSlashed { task: id, node: a.node.clone(), amount: taken });
				Self::adjust_reputation(&a.node, &mut node, false);
				if node.stake < T::MinStake::get() {
					Self::auto_pause(&a.node, &mut node, AutoPauseReason::LowStake);
				}
			} else if a.commitment.is_none() {
				Self::adjust_reputation(&a.node, &mut node, false);
			}
			Nodes::<T>::insert(&a.node, node);
		}

		match winners {
			Some((candidate, _)) => {
				let result = task.assignments[candidate].result.clone().unwrap_or_default();
				task.result = Some(result.clone());
				Self::deposit_event(Event::TaskCompleted { task: id, result: result.into_inner() });
				Self::finish(id, task, Phase::Completed, now)
			},
			None => Self::finish(id, task, Phase::Failed(FailReason::NoQuorum), now),
		}
	}

	/// A node that never committed loses reputation (not stake).
	fn penalize_silent(who: &T::AccountId) {
		if let Some(mut node) = Nodes::<T>::get(who) {
			Self::adjust_reputation(who, &mut node, false);
			Nodes::<T>::insert(who, node);
		}
	}

	// ------------------------------------------------------------------ read side

	/// The unfinished tasks assigned to `who`, for its worker.
	pub fn assigned_tasks(who: &T::AccountId) -> Vec<AssignedTask<BlockNumberFor<T>>> {
		NodeTasks::<T>::get(who)
			.into_iter()
			.filter_map(|id| {
				let task = Tasks::<T>::get(id)?;
				let a = task.assignments.iter().find(|a| &a.node == who)?;
				Some(AssignedTask {
					id,
					model: task.model.0,
					input: task.input.to_vec(),
					phase: task.phase,
					deadline: task.deadline,
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
			creator: task.creator,
			model: task.model.0,
			fee_per_node: task.fee_per_node,
			redundancy: task.redundancy,
			phase: task.phase,
			created_at: task.created_at,
			deadline: task.deadline,
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
			models: node.models.iter().map(|m| m.0).collect(),
			capacity: node.capacity,
			active_tasks: NodeTasks::<T>::decode_len(who).unwrap_or(0) as u32,
			reputation: node.reputation,
			status: node.status,
			leaving: node.leaving,
		})
	}

	// ------------------------------------------------------------------ constants

	/// The configuration makes sense: run by `integrity_test`.
	pub(crate) fn check_constants() {
		assert!(!T::MinStake::get().is_zero(), "MinStake must be positive");
		assert!(!T::MinFeePerNode::get().is_zero(), "MinFeePerNode must be positive");
		assert!(!T::SlashFraction::get().is_zero(), "SlashFraction must be positive");
		let (default_r, max_r) = (T::DefaultRedundancy::get(), T::MaxRedundancy::get());
		assert!(default_r >= 1 && default_r <= max_r, "1 <= DefaultRedundancy <= MaxRedundancy");
		assert!(max_r <= T::MaxNodesPerModel::get(), "MaxRedundancy <= MaxNodesPerModel");
		assert!(
			T::MaxResultLen::get() as usize >= ERROR_RESULT.len(),
			"the error result must fit in MaxResultLen"
		);
		assert!(T::MaxInputLen::get() >= 1 && T::MaxShapeDims::get() >= 1);
		assert!(T::MaxModelsPerNode::get() >= 1 && T::MaxCapacity::get() >= 1);
		assert!(T::MaxQueueLen::get() >= 1 && T::MaxDeadlinesPerBlock::get() >= 1);
		assert!(T::MaxAssignmentsPerBlock::get() >= 1);
		// An empty slot costs one unit of the budget: with at least two, the cursor catches up.
		assert!(T::MaxExpiriesPerBlock::get() >= 2, "MaxExpiriesPerBlock must be at least 2");
		for (name, period) in [
			("QueueTimeout", T::QueueTimeout::get()),
			("CommitPeriod", T::CommitPeriod::get()),
			("RevealPeriod", T::RevealPeriod::get()),
			("RetentionPeriod", T::RetentionPeriod::get()),
		] {
			assert!(!period.is_zero(), "{name} must be at least one block");
		}
		let (initial, max, floor) =
			(T::InitialReputation::get(), T::MaxReputation::get(), T::ReputationFloor::get());
		assert!(floor <= initial && initial <= max && max > 0, "floor <= initial <= max");
		assert!(T::ReputationPenalty::get() > 0, "ReputationPenalty must be positive");
		// The hooks' worst case fits in half a block.
		let worst = T::WeightInfo::on_initialize_base()
			.saturating_add(T::WeightInfo::process_deadlines(T::MaxExpiriesPerBlock::get()))
			.saturating_add(
				T::WeightInfo::assign_task(T::MaxNodesPerModel::get())
					.saturating_mul(T::MaxAssignmentsPerBlock::get().into()),
			);
		let max_block = <T as frame_system::Config>::BlockWeights::get().max_block;
		assert!(
			worst.all_lte(max_block / 2),
			"on_initialize's worst case ({worst:?}) exceeds half a block ({max_block:?})"
		);
	}
}
