//! Fee money: a worker never commits without the free balance to pay for that commit *and* its
//! reveal, since a commit whose reveal cannot be paid is slashed as withholding.
//!
//! At start-up the fees of a commit and of a reveal of the largest result are read from the
//! chain (`TransactionPaymentApi`), doubled for a fee multiplier that rises under load: the
//! *budget* of one task. Before it starts any commit, the worker reads its free balance at the
//! block it acts on and commits only if that balance keeps the existential deposit plus one
//! budget for every task it still owes something ([`crate::worker::still_owed`]), the new ones
//! included. Otherwise it commits nothing new (the task times out: reputation, never stake),
//! reveals what it committed, and pauses its node so that it is given no more tasks; once the
//! account is funded again (twice the need, for the tasks of a full capacity) it resumes the node
//! by itself. The free balance and whether the worker is short of funds are metrics.

use std::sync::atomic::{AtomicU8, Ordering};

/// Not paused for funds.
const NORMAL: u8 = 0;
/// A `pause` for lack of funds is being sent.
const PAUSING: u8 = 1;
/// The node is paused for lack of funds.
const PAUSED: u8 = 2;
/// A `resume` after funding is being sent.
const RESUMING: u8 = 3;

/// What one task's transactions cost, at most, and what the account must keep.
#[derive(Debug)]
pub struct Funds {
	/// Fees of one commit and one reveal of the largest result, doubled.
	pub budget: u128,
	/// The balance every account must keep (`Balances::ExistentialDeposit`).
	pub existential: u128,
	/// Where the node stands with a pause for lack of funds.
	state: AtomicU8,
}

impl Funds {
	/// From the fees of a commit and of a reveal of the largest result.
	pub fn new(commit_fee: u128, reveal_fee: u128, existential: u128) -> Self {
		Self { budget: commit_fee.saturating_add(reveal_fee).saturating_mul(2), existential, state: AtomicU8::new(NORMAL) }
	}

	/// The free balance needed to owe `tasks` tasks their commits and reveals.
	pub fn needed(&self, tasks: usize) -> u128 {
		self.existential.saturating_add(self.budget.saturating_mul(tasks as u128))
	}

	/// Whether `free` pays for the `owed` tasks (those with a new commit included).
	pub fn enough(&self, free: u128, owed: usize) -> bool {
		free >= self.needed(owed)
	}

	/// Whether `free` is enough to resume a node paused for lack of funds: twice what a full
	/// `capacity` of tasks needs, so that it is not paused again at once.
	pub fn enough_to_resume(&self, free: u128, capacity: u32) -> bool {
		free >= self.needed(capacity as usize).saturating_mul(2)
	}

	/// Whether the node is paused for lack of funds, or being paused or resumed for it.
	pub fn paused(&self) -> bool {
		self.state.load(Ordering::SeqCst) != NORMAL
	}

	/// Starts pausing for lack of funds: `false` if that is under way or done already.
	pub fn begin_pause(&self) -> bool {
		self.state.compare_exchange(NORMAL, PAUSING, Ordering::SeqCst, Ordering::SeqCst).is_ok()
	}

	/// Ends a pause begun with [`Funds::begin_pause`]: whether the node was paused by it.
	pub fn end_pause(&self, paused: bool) {
		self.state.store(if paused { PAUSED } else { NORMAL }, Ordering::SeqCst);
	}

	/// Starts resuming a node paused for lack of funds: `false` unless it is so paused.
	pub fn begin_resume(&self) -> bool {
		self.state.compare_exchange(PAUSED, RESUMING, Ordering::SeqCst, Ordering::SeqCst).is_ok()
	}

	/// Ends a resume begun with [`Funds::begin_resume`]: whether the node is no longer paused.
	pub fn end_resume(&self, resumed: bool) {
		self.state.store(if resumed { NORMAL } else { PAUSED }, Ordering::SeqCst);
	}

	/// Notes that the node was found paused for lack of funds (at start-up).
	pub fn set_paused_for_funds(&self) {
		self.state.store(PAUSED, Ordering::SeqCst);
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_commit_needs_the_fees_of_every_task_owed_and_the_existential_deposit() {
		let funds = Funds::new(3, 7, 100);
		assert_eq!(funds.budget, 20, "commit and reveal, doubled");
		// Owing two tasks (one new): 100 + 2 x 20.
		assert!(funds.enough(140, 2));
		assert!(!funds.enough(139, 2), "the reveal of the second could not be paid");
		assert!(funds.enough(100, 0));
		// Resuming wants twice a full capacity's need: 2 x (100 + 2 x 20).
		assert!(!funds.enough_to_resume(279, 2));
		assert!(funds.enough_to_resume(280, 2));
	}

	#[test]
	fn one_pause_and_one_resume_at_a_time() {
		let funds = Funds::new(3, 7, 100);
		assert!(!funds.paused() && !funds.begin_resume(), "nothing to resume");
		assert!(funds.begin_pause());
		assert!(!funds.begin_pause(), "a pause under way is not sent twice");
		assert!(funds.paused());
		funds.end_pause(false);
		assert!(!funds.paused(), "a refused pause leaves the node as it was");
		assert!(funds.begin_pause());
		funds.end_pause(true);
		assert!(funds.paused() && !funds.begin_pause());
		assert!(funds.begin_resume());
		assert!(!funds.begin_resume());
		funds.end_resume(false);
		assert!(funds.begin_resume());
		funds.end_resume(true);
		assert!(!funds.paused());
	}
}
