//! Commit and reveal: the assigned nodes' two extrinsics, with windows enforced by block number.

use crate::*;
use alloc::vec::Vec;
use deai_primitives::{Salt, TaskId};
use frame_support::{ensure, pallet_prelude::*};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_core::H256;
use sp_runtime::traits::{One, Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// Records `who`'s commitment; opens the reveal window when every assigned node committed.
	/// Whether `who` may commit to task `id` now (what `commit` checks before it changes
	/// anything; the transaction extension [`crate::extension::CheckNodeCall`] refuses a commit
	/// that fails it before it is included).
	pub fn can_commit(who: &T::AccountId, id: TaskId) -> Result<(), Error<T>> {
		let task = Tasks::<T>::get(id).ok_or(Error::<T>::UnknownTask)?;
		let now = frame_system::Pallet::<T>::block_number();
		// Validated against the state before `now`'s hooks: a check waiting for its second
		// checker at `checkers_by` may get it in that block's hook, which opens the full window.
		if task.awaits_sampling() && now == task.checkers_by && !task.checkers_by.is_zero() {
			return Ok(())
		}
		Self::commit_check(who, &task, now)
	}

	fn commit_check(who: &T::AccountId, task: &TaskInfo<T>, now: BlockNumberFor<T>) -> Result<(), Error<T>> {
		ensure!(task.phase == Phase::Commit, Error::<T>::NotCommitPhase);
		// A check still short of a checker logs its next draw as its deadline: its window is the
		// check's own (`window_end`), as the runtime API shows it.
		ensure!(now < task.window_end(), Error::<T>::CommitWindowClosed);
		let a = task.assignments.iter().find(|a| &a.node == who).ok_or(Error::<T>::NotAssigned)?;
		ensure!(a.commitment.is_none(), Error::<T>::AlreadyCommitted);
		Ok(())
	}

	/// Whether `who` may reveal `result` with `salt` for task `id` now (what `reveal` checks before
	/// it changes anything, the commitment included).
	pub fn can_reveal(who: &T::AccountId, id: TaskId, result: &[u8], salt: &Salt) -> Result<(), Error<T>> {
		let task = Tasks::<T>::get(id).ok_or(Error::<T>::UnknownTask)?;
		Self::reveal_check(who, id, &task, result, salt, frame_system::Pallet::<T>::block_number())
	}

	fn reveal_check(
		who: &T::AccountId,
		id: TaskId,
		task: &TaskInfo<T>,
		result: &[u8],
		salt: &Salt,
		now: BlockNumberFor<T>,
	) -> Result<(), Error<T>> {
		ensure!(task.phase == Phase::Reveal, Error::<T>::NotRevealPhase);
		ensure!(now < task.deadline, Error::<T>::RevealWindowClosed);
		let a = task.assignments.iter().find(|a| &a.node == who).ok_or(Error::<T>::NotAssigned)?;
		let committed = a.commitment.ok_or(Error::<T>::NotCommitted)?;
		ensure!(a.result.is_none(), Error::<T>::AlreadyRevealed);
		ensure!(result.len() as u32 <= T::MaxResultLen::get(), Error::<T>::ResultTooLarge);
		let expected = deai_primitives::commitment(id, who, result, salt);
		ensure!(committed.0 == expected, Error::<T>::CommitmentMismatch);
		Ok(())
	}

	pub(crate) fn do_commit(who: T::AccountId, id: TaskId, commitment: H256) -> DispatchResultWithPostInfo {
		let mut task = Tasks::<T>::get(id).ok_or(Error::<T>::UnknownTask)?;
		let now = frame_system::Pallet::<T>::block_number();
		Self::commit_check(&who, &task, now)?;
		let a = task.assignments.iter_mut().find(|a| a.node == who).ok_or(Error::<T>::NotAssigned)?;
		a.commitment = Some(commitment);
		// Its computation is done: the node may take another task (what is left is the reveal).
		let mut node = Nodes::<T>::get(&who).ok_or(Error::<T>::NotANode)?;
		let before = Self::standing(&node);
		node.computing.saturating_dec();
		Self::sync_pools(&who, &node, before, Self::standing(&node));
		let models = node.models.len() as u32;
		Nodes::<T>::insert(&who, node);
		Self::deposit_event(Event::Committed { task: id, node: who });
		if task.awaits_sampling() {
			// A sampled task's primary committed: whether it is checked is decided with the seed
			// of a later block (see `randomness`), which nobody can know now; until then
			// `checkers_by` records this block. (A checker that committed before the other
			// checker was drawn waits: the draw of the other is already logged for the next
			// block, and the reveal opens once all three committed.)
			if matches!(task.verification, Verification::Sampled { checked: None, .. }) {
				task.checkers_by = now;
				task.deadline = Self::schedule(DeadlineKind::SampleDecision, id, now.saturating_add(One::one()));
			}
		} else if task.commits() == task.redundancy {
			Self::start_reveal(id, &mut task, now);
		}
		Tasks::<T>::insert(id, task);
		Ok(Some(Self::commit_weight(models)).into())
	}

	/// Opens the reveal window of a task: reveals are accepted before `now + RevealPeriod`.
	pub(crate) fn start_reveal(id: TaskId, task: &mut TaskInfo<T>, now: BlockNumberFor<T>) {
		task.phase = Phase::Reveal;
		task.deadline = Self::schedule(DeadlineKind::RevealEnd, id, now.saturating_add(T::RevealPeriod::get()));
		Self::deposit_event(Event::RevealStarted { task: id, reveal_deadline: task.deadline });
	}

	/// Checks `who`'s reveal against its commitment; settles when every committed node revealed.
	pub(crate) fn do_reveal(
		who: T::AccountId,
		id: TaskId,
		result: Vec<u8>,
		salt: Salt,
	) -> DispatchResultWithPostInfo {
		let mut task = Tasks::<T>::get(id).ok_or(Error::<T>::UnknownTask)?;
		let now = frame_system::Pallet::<T>::block_number();
		Self::reveal_check(&who, id, &task, &result, &salt, now)?;
		let result: BoundedVec<u8, T::MaxResultLen> =
			BoundedVec::try_from(result).map_err(|_| Error::<T>::ResultTooLarge)?;
		let a = task.assignments.iter_mut().find(|a| a.node == who).ok_or(Error::<T>::NotAssigned)?;
		a.result = Some(result);
		Self::deposit_event(Event::Revealed { task: id, node: who });
		if task.reveals() == task.commits() {
			let r = task.redundancy;
			let work = Self::settle(id, task, now)?;
			Ok(Some(Self::settle_weight(r, work)).into())
		} else {
			Tasks::<T>::insert(id, task);
			Ok(Some(T::WeightInfo::reveal()).into())
		}
	}
}
