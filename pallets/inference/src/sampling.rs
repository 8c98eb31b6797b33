//! Sampled verification: one node computes; after its commit is on chain, randomness from the
//! block that included the commit decides whether two more nodes check it.
//!
//! The decision is taken in the block after the commit's inclusion, from that block's parent
//! hash: the hash of the including block, fixed only when that block is sealed, after the
//! commit. Nothing in the state before the commit tells whether the task will be checked, and the
//! primary cannot learn it when it commits. A checked task draws two checkers (never the primary)
//! and becomes an ordinary task of redundancy 3; an unchecked one opens its reveal window for the
//! primary alone and refunds the checkers' share. While two other nodes are not free, the draw of
//! the checkers is tried again each block (checkers go before new tasks); if they cannot be drawn
//! within `CommitPeriod` blocks of the decision, the task fails (`NoCheckers`) and is refunded:
//! its primary is neither paid nor slashed, so making checkers unavailable never pays. Every step
//! is bounded and prepaid by `create_sampled_task`.

use crate::{settlement::Verdict, *};
use alloc::vec::Vec;
use deai_primitives::{blake2_256, TaskId};
use frame_support::{pallet_prelude::*, traits::Randomness};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::{One, Saturating};

/// What a sampling step did, for its weight.
pub struct Sampled {
	/// Pool entries rewritten (checkers that became busy).
	pub updates: u32,
	/// Whether the checkers could not be drawn yet and the step was put off to the next block.
	pub retried: bool,
}

impl<T: Config> Pallet<T> {
	/// Whether task `id` is checked, from `seed`: with probability `permille / 1000`.
	pub fn is_checked(seed: &[u8], id: TaskId, permille: u16) -> bool {
		let digest = blake2_256(&[b"deai/sample".as_slice(), seed, &id.to_le_bytes()].concat());
		let roll = u16::from_le_bytes([digest[0], digest[1]]) % 1000;
		roll < permille
	}

	/// Processes a sampled task's decision entry: decides (once) whether it is checked and, for a
	/// checked task, draws its two checkers; while fewer than two other nodes are free, it tries
	/// again each block until `CommitPeriod` blocks after the decision, then fails.
	pub(crate) fn decide_sample(
		id: TaskId,
		mut task: TaskInfo<T>,
		now: BlockNumberFor<T>,
	) -> Result<Sampled, DispatchError> {
		let Verification::Sampled { permille, checked } = task.verification else {
			return Ok(Sampled { updates: 0, retried: false })
		};
		let (seed, _) = T::Randomness::random(b"deai/sample");
		let seed = seed.as_ref();
		if checked.is_none() {
			let check = Self::is_checked(seed, id, permille);
			task.verification = Verification::Sampled { permille, checked: Some(check) };
			Self::deposit_event(Event::SampleDecided { task: id, checked: check });
			if !check {
				let refund = task.held_fee.saturating_sub(task.fee_per_node);
				Self::release(HoldReason::TaskFee, &task.creator, refund)?;
				task.held_fee = task.fee_per_node;
				Self::deposit_event(Event::FeeRefunded { task: id, creator: task.creator.clone(), amount: refund });
				Self::start_reveal(id, &mut task, now);
				Tasks::<T>::insert(id, task);
				return Ok(Sampled { updates: 0, retried: false })
			}
			task.checkers_by = now.saturating_add(T::CommitPeriod::get());
		}
		let primary = task.assignments.first().map(|a| a.node.clone()).ok_or(Error::<T>::NotAssigned)?;
		let drawn = Self::draw_excluding(task.model, SAMPLE_CHECKERS, seed, id, &[primary]);
		match drawn.nodes {
			Some(checkers) => {
				let updates = Self::add_nodes(id, &mut task, checkers, now)?;
				Tasks::<T>::insert(id, task);
				Ok(Sampled { updates, retried: false })
			},
			None if now >= task.checkers_by => {
				let verdicts: Vec<Verdict> = task.assignments.iter().map(|_| Verdict::Spared).collect();
				let work = Self::conclude_with(id, task, &verdicts, Phase::Failed(FailReason::NoCheckers), now)?;
				Ok(Sampled { updates: work.updates, retried: false })
			},
			None => {
				task.deadline = Self::schedule(DeadlineKind::SampleDecision, id, now.saturating_add(One::one()));
				Tasks::<T>::insert(id, task);
				Ok(Sampled { updates: 0, retried: true })
			},
		}
	}
}
