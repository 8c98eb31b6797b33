//! Sampled verification: one node computes; after its commit is on chain, randomness from later
//! blocks decides whether two more nodes check it.
//!
//! The decision is taken in the first block whose seed covers the block that included the
//! primary's commit (see [`crate::randomness`]: the VRF outputs of two later blocks by different
//! authors), so neither the primary, nor the author of the including block, nor any single
//! block author can know at commit time whether the task will be checked. While a block brings no
//! such seed the decision waits, at most `CommitPeriod` blocks after the commit; past that the
//! task fails (`NoRandomness`) and is refunded, nobody paid or slashed. A checked task draws two
//! checkers (never the primary) and becomes an ordinary task of redundancy 3; an unchecked one
//! opens its reveal window for the primary alone and refunds the checkers' share. Each checker is
//! taken as soon as a node other than the task's is free: one may be drawn in one block and the
//! other later (drawing them as a pair starved checks whenever two other nodes were never free in
//! the same block), and the draw is tried again each block before new tasks are drawn. A checker
//! drawn first may commit at once; the reveal opens when all three committed. If the checkers
//! cannot both be drawn within `CommitPeriod` blocks of the decision (at `checkers_by`, only a
//! draw that completes the check counts), the task fails (`NoCheckers`) and is refunded: no node
//! is paid or slashed, so making checkers unavailable never pays. Every step is bounded and
//! prepaid by `create_sampled_task`.

use crate::{randomness::SeedOf, settlement::Verdict, *};
use alloc::vec::Vec;
use deai_primitives::{blake2_256, TaskId};
use frame_support::pallet_prelude::*;
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::{One, Saturating, Zero};

/// What a sampling step did, for its weight.
pub struct Sampled {
	/// Pool entries rewritten (checkers that became busy).
	pub updates: u32,
	/// Whether checkers were drawn (one or both).
	pub drawn: bool,
	/// Whether a checker is still to be drawn and the step was put off to the next block.
	pub retried: bool,
}

impl<T: Config> Pallet<T> {
	/// Returns the stake a sampled task's primary backs it with to the primary's free stake.
	pub(crate) fn release_risk(task: &mut TaskInfo<T>) -> DispatchResult {
		if task.primary_risk.is_zero() {
			return Ok(())
		}
		let primary = task.assignments.first().map(|a| a.node.clone()).ok_or(Error::<T>::NotAssigned)?;
		Nodes::<T>::mutate(&primary, |n| {
			if let Some(n) = n {
				n.at_risk = n.at_risk.saturating_sub(task.primary_risk);
			}
		});
		task.primary_risk = Zero::zero();
		Ok(())
	}

	/// Whether task `id` is checked, from `seed`: with probability `permille / 1000`.
	pub fn is_checked(seed: &[u8], id: TaskId, permille: u16) -> bool {
		let digest = blake2_256(&[b"deai/sample".as_slice(), seed, &id.to_le_bytes()].concat());
		let roll = u16::from_le_bytes([digest[0], digest[1]]) % 1000;
		roll < permille
	}

	/// Processes a sampled task's decision entry: decides (once, with a seed that covers the
	/// primary's commit) whether it is checked and, for a checked task, draws its checkers, each
	/// as soon as it is free; while one is missing, it tries again each block until
	/// `CommitPeriod` blocks after the decision, then fails.
	pub(crate) fn decide_sample(
		id: TaskId,
		mut task: TaskInfo<T>,
		now: BlockNumberFor<T>,
		seed: Option<&SeedOf<T>>,
	) -> Result<Sampled, DispatchError> {
		let Verification::Sampled { permille, checked } = task.verification else {
			return Ok(Sampled { updates: 0, drawn: false, retried: false })
		};
		if checked.is_none() {
			// Before the decision `checkers_by` is the block that included the primary's commit.
			let committed_at = task.checkers_by;
			let Some(seed) = seed.filter(|s| s.covers >= committed_at) else {
				if now >= committed_at.saturating_add(T::CommitPeriod::get()) {
					let verdicts: Vec<Verdict> = task.assignments.iter().map(|_| Verdict::Spared).collect();
					let reason = Phase::Failed(FailReason::NoRandomness);
					let work = Self::conclude_with(id, task, &verdicts, reason, now)?;
					return Ok(Sampled { updates: work.updates, drawn: false, retried: false })
				}
				task.deadline = Self::schedule(DeadlineKind::SampleDecision, id, now.saturating_add(One::one()));
				Tasks::<T>::insert(id, task);
				return Ok(Sampled { updates: 0, drawn: false, retried: true })
			};
			let check = Self::is_checked(&seed.for_subject(b"deai/sample"), id, permille);
			task.verification = Verification::Sampled { permille, checked: Some(check) };
			Self::deposit_event(Event::SampleDecided { task: id, checked: check });
			if !check {
				// Unchecked, the primary can no longer be caught: its stake backs the task no more.
				Self::release_risk(&mut task)?;
				let refund = task.held_fee.saturating_sub(task.fee_per_node);
				Self::release(HoldReason::TaskFee, &task.creator, refund)?;
				task.held_fee = task.fee_per_node;
				Self::deposit_event(Event::FeeRefunded { task: id, creator: task.creator.clone(), amount: refund });
				Self::start_reveal(id, &mut task, now);
				Tasks::<T>::insert(id, task);
				return Ok(Sampled { updates: 0, drawn: false, retried: false })
			}
			task.checkers_by = now.saturating_add(T::CommitPeriod::get());
		}
		ensure!(!task.assignments.is_empty(), Error::<T>::NotAssigned);
		let taken: Vec<T::AccountId> = task.assignments.iter().map(|a| a.node.clone()).collect();
		let missing = (1 + SAMPLE_CHECKERS).saturating_sub(taken.len() as u32);
		// Checkers are drawn only in a block that brings a seed (the decision is older than it).
		let checkers = match seed {
			Some(seed) => Self::draw_checkers(task.model, missing, &seed.for_subject(b"deai/checkers"), id, &taken).0,
			None => Vec::new(),
		};
		// From `checkers_by` on only a draw that completes the check counts: a check never
		// outlives its deadline waiting for its last checker.
		let completes = checkers.len() as u32 == missing;
		if !checkers.is_empty() && (completes || now < task.checkers_by) {
			// `add_nodes` logs the next draw when a checker is still missing.
			let updates = Self::add_nodes(id, &mut task, checkers, now)?;
			let retried = task.awaits_sampling();
			Tasks::<T>::insert(id, task);
			Ok(Sampled { updates, drawn: true, retried })
		} else if now >= task.checkers_by {
			let verdicts: Vec<Verdict> = task.assignments.iter().map(|_| Verdict::Spared).collect();
			let work = Self::conclude_with(id, task, &verdicts, Phase::Failed(FailReason::NoCheckers), now)?;
			Ok(Sampled { updates: work.updates, drawn: false, retried: false })
		} else {
			task.deadline = Self::schedule(DeadlineKind::SampleDecision, id, now.saturating_add(One::one()));
			Tasks::<T>::insert(id, task);
			Ok(Sampled { updates: 0, drawn: false, retried: true })
		}
	}
}
