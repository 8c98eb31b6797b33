//! Cross-validation and settlement: who is paid, slashed, spared or penalized, and how a task
//! ends (refunds, freed nodes, retention).

use crate::{cluster, *};
use alloc::vec::Vec;
use deai_primitives::TaskId;
use frame_support::{
	defensive,
	pallet_prelude::*,
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision, Restriction},
	},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::{Saturating, Zero};

/// What a settlement (or a failed commit window) did beyond its benchmarked unit: pool entries
/// rewritten, leaving nodes removed, stakes slashed.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Work {
	/// Pool entries rewritten.
	pub updates: u32,
	/// Leaving nodes whose last task this was, removed.
	pub removals: u32,
	/// Stakes slashed.
	pub slashes: u32,
}

impl Work {
	/// The sum of two amounts of work.
	pub fn add(self, other: Work) -> Work {
		Work {
			updates: self.updates + other.updates,
			removals: self.removals + other.removals,
			slashes: self.slashes + other.slashes,
		}
	}
}

/// What settlement does to one assigned node.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Verdict {
	/// In the winning cluster: paid `fee_per_node`; reputation up when other nodes confirmed the
	/// result (a task of redundancy 2 or more, a checked sampled task), never for unverified work.
	Paid,
	/// Revealed a result agreeing with no member of the winning cluster, or committed and
	/// withheld its reveal: slashed `SlashFraction` of its stake, reputation down.
	Slashed,
	/// Never committed: reputation down, no slash.
	Silent,
	/// Neither paid nor slashed: a near-tie of the winning cluster, any reveal when there is no
	/// quorum, or a commit of a task that failed for lack of commits.
	Spared,
}

/// What releasing a node from a task needs besides its verdict.
#[derive(Clone, Copy)]
struct Release<Balance> {
	/// The task's fee per node (paid to a `Paid` node).
	fee: Balance,
	/// Whether the node committed (else it never finished computing the task).
	committed: bool,
	/// Whether other nodes confirmed the paid result (only then does reputation rise).
	confirmed: bool,
}

impl<T: Config> Pallet<T> {
	/// Cross-validates the reveals and settles the task as PROTOCOL.md's outcome table says.
	pub(crate) fn settle(id: TaskId, task: TaskInfo<T>, now: BlockNumberFor<T>) -> Result<Work, DispatchError> {
		let comparison = Models::<T>::get(task.model)
			.map(|m| m.spec.comparison)
			.ok_or(Error::<T>::UnknownModel)?;
		let revealed: Vec<usize> =
			(0..task.assignments.len()).filter(|i| task.assignments[*i].result.is_some()).collect();
		let results: Vec<&[u8]> = revealed
			.iter()
			.map(|i| task.assignments[*i].result.as_ref().map_or(&[][..], |r| r.as_slice()))
			.collect();
		let winner = cluster::best_cluster(&comparison, &results)
			.filter(|c| c.members.len() as u32 >= task.quorum());
		let verdicts: Vec<Verdict> = task
			.assignments
			.iter()
			.enumerate()
			.map(|(i, a)| match (a.commitment.is_some(), revealed.iter().position(|r| *r == i)) {
				(false, _) => Verdict::Silent,
				(true, None) => Verdict::Slashed,
				(true, Some(k)) => match &winner {
					Some(c) if c.members.contains(&k) => Verdict::Paid,
					Some(c) if c.borders(&comparison, &results, k) => Verdict::Spared,
					Some(_) => Verdict::Slashed,
					None => Verdict::Spared,
				},
			})
			.collect();
		let result = winner.map(|c| results[c.candidate].to_vec());
		let phase = match result {
			Some(_) => Phase::Completed,
			None => Phase::Failed(FailReason::NoQuorum),
		};
		Self::conclude(id, task, &verdicts, result, phase, now)
	}

	/// The commit window of a task in its commit phase is over: with a quorum of commits the
	/// reveal window opens; otherwise the task fails, silent nodes lose reputation and the fee
	/// is refunded.
	pub(crate) fn close_commits(
		id: TaskId,
		mut task: TaskInfo<T>,
		now: BlockNumberFor<T>,
	) -> Result<Work, DispatchError> {
		if task.commits() >= task.quorum() {
			Self::start_reveal(id, &mut task, now);
			Tasks::<T>::insert(id, task);
			return Ok(Work::default())
		}
		let verdicts: Vec<Verdict> = task
			.assignments
			.iter()
			.map(|a| if a.commitment.is_some() { Verdict::Spared } else { Verdict::Silent })
			.collect();
		Self::conclude(id, task, &verdicts, None, Phase::Failed(FailReason::NotEnoughCommits), now)
	}

	/// Applies `verdicts` (one per assignment) and ends the task in `phase` without a result.
	pub(crate) fn conclude_with(
		id: TaskId,
		task: TaskInfo<T>,
		verdicts: &[Verdict],
		phase: Phase,
		now: BlockNumberFor<T>,
	) -> Result<Work, DispatchError> {
		Self::conclude(id, task, verdicts, None, phase, now)
	}

	/// Applies `verdicts` (one per assignment), stores `result` and ends the task in `phase`.
	fn conclude(
		id: TaskId,
		mut task: TaskInfo<T>,
		verdicts: &[Verdict],
		result: Option<Vec<u8>>,
		phase: Phase,
		now: BlockNumberFor<T>,
	) -> Result<Work, DispatchError> {
		Self::release_risk(&mut task)?;
		let mut work = Work::default();
		// Paid with agreeing others (a quorum of at least two, a checked sampled task) is
		// confirmed work; an `r = 1` task or an unchecked sampled one is not.
		let confirmed = task.redundancy >= 2;
		for (a, verdict) in task.assignments.iter().zip(verdicts) {
			let committed = a.commitment.is_some();
			let release = Release { fee: task.fee_per_node, committed, confirmed };
			work = work.add(Self::release_node(id, &task.creator, &a.node, *verdict, release)?);
			if *verdict == Verdict::Paid {
				task.held_fee = task.held_fee.saturating_sub(task.fee_per_node);
			}
		}
		if let Some(result) = result {
			let stored = BoundedVec::try_from(result.clone()).map_err(|_| Error::<T>::ResultTooLarge)?;
			task.result = Some(stored);
			Self::deposit_event(Event::TaskCompleted { task: id, result });
		}
		Self::end(id, task, phase, now)?;
		Ok(work)
	}

	/// Applies a verdict to `who` and frees it from task `id`; a leaving node whose last task
	/// this was leaves.
	fn release_node(
		id: TaskId,
		creator: &T::AccountId,
		who: &T::AccountId,
		verdict: Verdict,
		release: Release<BalanceOf<T>>,
	) -> Result<Work, DispatchError> {
		let Release { fee, committed, confirmed } = release;
		let mut work = Work::default();
		if verdict == Verdict::Paid {
			// The hold is the pallet's own: `Force` ignores freezes the creator may have placed.
			T::Currency::transfer_on_hold(
				&HoldReason::TaskFee.into(),
				creator,
				who,
				fee,
				Precision::Exact,
				Restriction::Free,
				Fortitude::Force,
			)?;
			Self::deposit_event(Event::NodeRewarded { task: id, node: who.clone(), amount: fee });
		}
		let Some(mut node) = Nodes::<T>::get(who) else {
			defensive!("an assigned node left before its task ended");
			return Ok(work)
		};
		let before = Self::standing(&node);
		if !committed {
			// It never finished computing this task.
			node.computing.saturating_dec();
		}
		match verdict {
			Verdict::Paid if confirmed => Self::reward(who, &mut node),
			Verdict::Paid => {},
			Verdict::Slashed => {
				let taken = Self::slash_held(HoldReason::NodeStake, who, T::SlashFraction::get() * node.stake);
				node.stake = node.stake.saturating_sub(taken);
				work.slashes += 1;
				Self::deposit_event(Event::NodeSlashed { task: id, node: who.clone(), amount: taken });
				Self::penalize(who, &mut node);
				if node.stake < T::MinStake::get() {
					Self::auto_pause(who, &mut node, AutoPauseReason::LowStake);
				}
			},
			Verdict::Silent => Self::penalize(who, &mut node),
			Verdict::Spared => {},
		}
		let remaining = NodeTasks::<T>::mutate_exists(who, |tasks| {
			let list = tasks.get_or_insert_with(Default::default);
			list.retain(|t| *t != id);
			let n = list.len() as u32;
			if n == 0 {
				*tasks = None;
			}
			n
		});
		if node.leaving {
			node.load = remaining;
			if remaining == 0 {
				Self::remove_node(who, node)?;
				work.removals += 1;
			} else {
				Nodes::<T>::insert(who, node);
			}
			return Ok(work)
		}
		node.load = remaining;
		work.updates = Self::sync_pools(who, &node, before, Self::standing(&node));
		Nodes::<T>::insert(who, node);
		Ok(work)
	}

	/// Ends an open task whose step failed and was rolled back (a defect, never a protocol
	/// outcome), so that it is never stuck: refunds what it holds, frees its nodes without paying
	/// or slashing anyone, and schedules its pruning. Best effort: nothing here can fail.
	pub(crate) fn abort(id: TaskId, now: BlockNumberFor<T>) {
		let Some(mut task) = Tasks::<T>::get(id).filter(|t| t.phase.is_open()) else { return };
		if task.phase == Phase::Queued {
			Queue::<T>::mutate(|q| q.retain(|e| e.task != id));
			Self::unqueued(task.model);
		}
		if !task.held_fee.is_zero() {
			let _ = T::Currency::release(
				&HoldReason::TaskFee.into(),
				&task.creator,
				task.held_fee,
				Precision::BestEffort,
			);
			task.held_fee = Zero::zero();
		}
		let _ = Self::release_risk(&mut task);
		for a in task.assignments.iter() {
			let release = Release { fee: task.fee_per_node, committed: a.commitment.is_some(), confirmed: false };
			let _ = Self::release_node(id, &task.creator, &a.node, Verdict::Spared, release);
		}
		Models::<T>::mutate(task.model, |m| {
			if let Some(m) = m {
				m.open_tasks.saturating_dec();
			}
		});
		task.phase = Phase::Failed(FailReason::Aborted);
		Self::deposit_event(Event::TaskFailed { task: id, reason: FailReason::Aborted });
		task.deadline = Self::schedule(DeadlineKind::Prune, id, now.saturating_add(T::RetentionPeriod::get()));
		Tasks::<T>::insert(id, task);
	}

	/// Ends a task that was never assigned (timed out, evicted, cancelled): refund and
	/// retention.
	pub(crate) fn finish(id: TaskId, task: TaskInfo<T>, phase: Phase, now: BlockNumberFor<T>) -> DispatchResult {
		debug_assert!(task.assignments.is_empty(), "assigned tasks end through `conclude`");
		Self::end(id, task, phase, now)
	}

	/// Refunds what the task still holds, counts it as finished for its model, and keeps it
	/// readable until `now + RetentionPeriod`, when it is pruned.
	fn end(id: TaskId, mut task: TaskInfo<T>, phase: Phase, now: BlockNumberFor<T>) -> DispatchResult {
		if !task.held_fee.is_zero() {
			Self::release(HoldReason::TaskFee, &task.creator, task.held_fee)?;
			Self::deposit_event(Event::FeeRefunded {
				task: id,
				creator: task.creator.clone(),
				amount: task.held_fee,
			});
			task.held_fee = Zero::zero();
		}
		Models::<T>::mutate(task.model, |m| match m {
			Some(m) => m.open_tasks.saturating_dec(),
			None => {
				defensive!("an open task's model does not exist");
			},
		});
		task.phase = phase;
		if let Phase::Failed(reason) = phase {
			Self::deposit_event(Event::TaskFailed { task: id, reason });
		}
		task.deadline = Self::schedule(DeadlineKind::Prune, id, now.saturating_add(T::RetentionPeriod::get()));
		Tasks::<T>::insert(id, task);
		Ok(())
	}

	/// Removes a finished task and its input, and returns the input's deposit.
	pub(crate) fn prune(id: TaskId) {
		if let Some(task) = Tasks::<T>::take(id) {
			if !task.input_deposit.is_zero() {
				let _ = T::Currency::release(
					&HoldReason::InputDeposit.into(),
					&task.creator,
					task.input_deposit,
					Precision::BestEffort,
				);
			}
		}
		Inputs::<T>::remove(id);
		Self::deposit_event(Event::TaskPruned { task: id });
	}
}
