//! Deadlines: three append-only logs (end of commit windows, end of reveal windows, pruning),
//! processed from the front within the hook's weight budget.
//!
//! Each kind of deadline falls a constant number of blocks after the block that schedules it,
//! so appending keeps a log in due order: scheduling is one write to the last page and can never
//! fail for lack of room, and processing pops due entries from the first page without searching.
//! A task whose phase ended early (all committed, all revealed) leaves a stale entry, which
//! processing recognises (the task's recorded deadline differs or its phase moved on) and skips
//! for the price of one read (a sampled task whose checkers are not free yet appends itself to its
//! own log again, for the next block). Each task's step runs in its own storage transaction: all
//! or nothing. (A runtime upgrade that shortens a period must re-sort the log it affects: until
//! then, entries behind a later one wait for it.)

use crate::{randomness::SeedOf, *};
use deai_primitives::TaskId;
use frame_support::{
	defensive,
	pallet_prelude::*,
	storage::{with_transaction, TransactionOutcome},
	weights::WeightMeter,
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::Saturating;

impl<T: Config> Pallet<T> {
	/// Appends `(task, due)` to the log of `kind`; returns `due`.
	pub(crate) fn schedule(kind: DeadlineKind, task: TaskId, due: BlockNumberFor<T>) -> BlockNumberFor<T> {
		let mut bounds = DeadlineLogs::<T>::get(kind);
		let mut page = DeadlinePages::<T>::get(kind, bounds.tail);
		if page.is_full() {
			bounds.tail.saturating_inc();
			DeadlineLogs::<T>::insert(kind, bounds);
			page = Default::default();
		}
		// Cannot fail: the page has room.
		let _ = page.try_push((task, due));
		DeadlinePages::<T>::insert(kind, bounds.tail, page);
		due
	}

	/// Processes the due entries of `kind`'s log, oldest first, while `meter` affords the worst
	/// case of one more; the rest waits for the next block.
	pub(crate) fn process_log(
		kind: DeadlineKind,
		now: BlockNumberFor<T>,
		seed: Option<&SeedOf<T>>,
		meter: &mut WeightMeter,
	) {
		let worst = Self::deadline_weight_max(kind);
		let page_io = T::DbWeight::get().reads_writes(2, 2);
		loop {
			if !meter.can_consume(page_io.saturating_add(worst)) {
				return
			}
			meter.consume(page_io);
			let mut bounds = DeadlineLogs::<T>::get(kind);
			let page = DeadlinePages::<T>::get(kind, bounds.head);
			let mut done = 0;
			let mut stopped = false;
			for (task, due) in page.iter() {
				if *due > now {
					stopped = true;
					break
				}
				if !meter.can_consume(worst) {
					stopped = true;
					break
				}
				meter.consume(Self::process_deadline(kind, *task, *due, now, seed));
				done += 1;
			}
			// A step may append to this very log (a sampled task's decision put off to the next
			// block): re-read the page and its bounds, and drop the entries processed.
			let mut page = DeadlinePages::<T>::get(kind, bounds.head);
			page.drain(..done.min(page.len()));
			bounds = DeadlineLogs::<T>::get(kind);
			let last_page = bounds.head >= bounds.tail;
			if page.is_empty() {
				DeadlinePages::<T>::remove(kind, bounds.head);
				if !last_page {
					bounds.head.saturating_inc();
					DeadlineLogs::<T>::insert(kind, bounds);
				}
			} else {
				DeadlinePages::<T>::insert(kind, bounds.head, page);
			}
			if stopped || last_page {
				return
			}
		}
	}

	/// The log that holds the deadline a task waits for now (none while queued: the queue itself
	/// times tasks out).
	pub(crate) fn deadline_kind(task: &TaskInfo<T>) -> Option<DeadlineKind> {
		match task.phase {
			Phase::Queued => None,
			Phase::Commit if task.awaits_sampling() => Some(DeadlineKind::SampleDecision),
			Phase::Commit => Some(DeadlineKind::CommitEnd),
			Phase::Reveal => Some(DeadlineKind::RevealEnd),
			Phase::Completed | Phase::Failed(_) => Some(DeadlineKind::Prune),
		}
	}

	/// Handles one log entry in its own storage transaction; returns the weight it used.
	fn process_deadline(
		kind: DeadlineKind,
		id: TaskId,
		due: BlockNumberFor<T>,
		now: BlockNumberFor<T>,
		seed: Option<&SeedOf<T>>,
	) -> Weight {
		// A task's deadline is current when it is the one its state waits for: in this log, at
		// this block. (Different logs may hold entries of one task due at the same block.)
		let Some(task) = Tasks::<T>::get(id).filter(|t| t.deadline == due && Self::deadline_kind(t) == Some(kind))
		else {
			return T::WeightInfo::deadline_stale()
		};
		let (r, phase) = (task.redundancy, task.phase);
		let step = with_transaction(|| {
			let outcome: Result<Weight, DispatchError> = match (kind, phase) {
				(DeadlineKind::CommitEnd, Phase::Commit) => Self::close_commits(id, task, now)
					.map(|work| Self::with_work(T::WeightInfo::commit_deadline(r), r, work)),
				(DeadlineKind::RevealEnd, Phase::Reveal) => Self::settle(id, task, now)
					.map(|work| Self::with_work(T::WeightInfo::reveal_deadline(r), r, work)),
				(DeadlineKind::SampleDecision, Phase::Commit) =>
					Self::decide_sample(id, task, now, seed).map(|done| match (done.drawn, done.retried) {
						(false, true) => Self::sample_retry_weight(),
						(true, true) => Self::sample_weight(done.updates).saturating_add(Self::sample_retry_weight()),
						(_, false) => Self::sample_weight(done.updates),
					}),
				(DeadlineKind::Prune, p) if !p.is_open() => {
					Self::prune(id);
					Ok(Self::prune_weight())
				},
				_ => Ok(T::WeightInfo::deadline_stale()),
			};
			match outcome {
				Ok(weight) => TransactionOutcome::Commit(Ok(weight)),
				Err(e) => TransactionOutcome::Rollback(Err(e)),
			}
		});
		step.unwrap_or_else(|_| {
			defensive!("a deadline step failed and was rolled back");
			Self::abort(id, now);
			Self::deadline_weight_max(kind)
		})
	}
}
