//! What to do about one assigned task, given what the chain says and what the store remembers.
//!
//! This is the worker's crash-safety core, free of I/O other than the store so it can be tested
//! by "crashing" (dropping everything but the store) between any two steps:
//!
//! * commit phase, not committed: reuse the stored result and salt if there are any; otherwise
//!   compute the result, draw a salt from the OS, and **store both before** returning the commit;
//! * reveal phase, committed, not revealed: reveal exactly what the store holds;
//! * anything else: nothing to do.

use crate::store::{Store, TaskRecord};
use anyhow::{bail, Result};
use deai_primitives::{blake2_256, commitment, AssignedTask, Phase};

/// The extrinsic a task needs next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
	/// Submit `commit(task, commitment)`.
	Commit {
		/// The task.
		task: u64,
		/// The account-bound commitment to the stored result and salt.
		commitment: [u8; 32],
	},
	/// Submit `reveal(task, result, salt)`.
	Reveal {
		/// The task.
		task: u64,
		/// The result committed to.
		result: Vec<u8>,
		/// The secret salt committed to.
		salt: [u8; 32],
	},
	/// Nothing now.
	Wait,
}

/// Draws a commitment salt from the operating system's random number generator.
pub fn fresh_salt() -> Result<[u8; 32]> {
	let mut salt = [0u8; 32];
	getrandom::fill(&mut salt).map_err(|e| anyhow::anyhow!("OS random number generator: {e}"))?;
	Ok(salt)
}

/// Decides the next action for `task`. `compute` runs the model; it is called at most once per
/// task over the worker's whole life, however often it restarts.
pub fn plan(
	store: &Store,
	account: &[u8; 32],
	task: &AssignedTask<u32>,
	compute: impl FnOnce() -> Result<Vec<u8>>,
) -> Result<Action> {
	let input_hash = blake2_256(&task.input);
	match task.phase {
		Phase::Commit if !task.committed => {
			let record = match store.get(task.id, &task.model, &input_hash)? {
				Some(record) => record,
				None => {
					let record = TaskRecord {
						task: task.id,
						model: task.model,
						input_hash,
						result: compute()?,
						salt: fresh_salt()?,
					};
					store.put(&record)?;
					record
				},
			};
			Ok(Action::Commit {
				task: task.id,
				commitment: commitment(task.id, account, &record.result, &record.salt),
			})
		},
		Phase::Reveal if task.committed && !task.revealed => match store.get(task.id, &task.model, &input_hash)? {
			Some(record) => Ok(Action::Reveal { task: task.id, result: record.result, salt: record.salt }),
			None => bail!("task {} was committed but its record is missing: cannot reveal", task.id),
		},
		_ => Ok(Action::Wait),
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use std::cell::Cell;

	const ME: [u8; 32] = [0xab; 32];
	const MODEL: [u8; 32] = [1; 32];

	fn assigned(id: u64, phase: Phase, committed: bool, revealed: bool) -> AssignedTask<u32> {
		AssignedTask { id, model: MODEL, input: vec![1, 2, 3, 4], phase, deadline: 10, committed, revealed }
	}

	/// The stored record of a task made by `assigned`.
	fn record_of(store: &Store, id: u64) -> TaskRecord {
		store.get(id, &MODEL, &blake2_256(&[1, 2, 3, 4])).unwrap().expect("a record")
	}

	#[test]
	fn a_crash_between_persist_and_commit_recommits_the_same_commitment() {
		let dir = tempfile::tempdir().unwrap();
		let runs = Cell::new(0);
		let compute = || {
			runs.set(runs.get() + 1);
			Ok(vec![7, 0, 0, 0])
		};
		let first = plan(&Store::open(dir.path()).unwrap(), &ME, &assigned(3, Phase::Commit, false, false), compute)
			.unwrap();
		// Crash: the commit never reached the chain. Restart with only the directory.
		let store = Store::open(dir.path()).unwrap();
		let again = plan(&store, &ME, &assigned(3, Phase::Commit, false, false), || {
			runs.set(runs.get() + 1);
			Ok(vec![9, 9, 9, 9])
		})
		.unwrap();
		assert_eq!(first, again, "the same commitment, not a new one");
		assert_eq!(runs.get(), 1, "the model ran once");
		let Action::Commit { commitment: c, .. } = first else { panic!("expected a commit") };
		let record = record_of(&store, 3);
		assert_eq!(c, commitment(3, &ME, &record.result, &record.salt));
	}

	#[test]
	fn a_crash_between_commit_and_reveal_reveals_what_was_committed() {
		let dir = tempfile::tempdir().unwrap();
		let Action::Commit { commitment: committed, .. } =
			plan(&Store::open(dir.path()).unwrap(), &ME, &assigned(8, Phase::Commit, false, false), || {
				Ok(vec![1, 2])
			})
			.unwrap()
		else {
			panic!("expected a commit")
		};
		// The commit landed; the worker died; the reveal phase opened meanwhile.
		let store = Store::open(dir.path()).unwrap();
		let action = plan(&store, &ME, &assigned(8, Phase::Reveal, true, false), || bail!("must not run"))
			.unwrap();
		let Action::Reveal { task, result, salt } = action else { panic!("expected a reveal") };
		assert_eq!((task, result.clone()), (8, vec![1, 2]));
		assert_eq!(commitment(8, &ME, &result, &salt), committed, "the reveal matches the commitment");
	}

	#[test]
	fn salts_are_fresh_per_task() {
		let dir = tempfile::tempdir().unwrap();
		let store = Store::open(dir.path()).unwrap();
		plan(&store, &ME, &assigned(1, Phase::Commit, false, false), || Ok(vec![0])).unwrap();
		plan(&store, &ME, &assigned(2, Phase::Commit, false, false), || Ok(vec![0])).unwrap();
		assert_ne!(record_of(&store, 1).salt, record_of(&store, 2).salt);
	}

	#[test]
	fn nothing_to_do_once_committed_or_revealed() {
		let dir = tempfile::tempdir().unwrap();
		let store = Store::open(dir.path()).unwrap();
		let never = || bail!("must not run");
		assert_eq!(plan(&store, &ME, &assigned(1, Phase::Commit, true, false), never).unwrap(), Action::Wait);
		assert_eq!(plan(&store, &ME, &assigned(1, Phase::Reveal, true, true), never).unwrap(), Action::Wait);
		// A node that never committed has nothing to reveal and does not try.
		assert_eq!(plan(&store, &ME, &assigned(1, Phase::Reveal, false, false), never).unwrap(), Action::Wait);
	}

	#[test]
	fn two_tasks_with_one_id_are_never_mixed_up() {
		// Task 5 of a dev chain started anew, or of a competing fork, has other content than
		// the task 5 this worker committed to before.
		let dir = tempfile::tempdir().unwrap();
		let store = Store::open(dir.path()).unwrap();
		let old = AssignedTask { input: vec![9, 9], ..assigned(5, Phase::Commit, false, false) };
		let new = assigned(5, Phase::Commit, false, false);
		let Action::Commit { commitment: c_old, .. } = plan(&store, &ME, &old, || Ok(vec![9])).unwrap() else {
			panic!("expected a commit")
		};
		let Action::Commit { commitment: c_new, .. } = plan(&store, &ME, &new, || Ok(vec![1])).unwrap() else {
			panic!("expected a commit")
		};
		assert_ne!(c_old, c_new, "the new task is computed, not answered with the old record");
		// Each reveals what was committed for it.
		let reveal = |task: &AssignedTask<u32>| {
			let task = AssignedTask { phase: Phase::Reveal, committed: true, ..task.clone() };
			plan(&store, &ME, &task, || bail!("must not run")).unwrap()
		};
		let Action::Reveal { result, salt, .. } = reveal(&old) else { panic!("expected a reveal") };
		assert_eq!((result.clone(), commitment(5, &ME, &result, &salt)), (vec![9], c_old));
		let Action::Reveal { result, salt, .. } = reveal(&new) else { panic!("expected a reveal") };
		assert_eq!((result.clone(), commitment(5, &ME, &result, &salt)), (vec![1], c_new));
	}

	#[test]
	fn a_lost_record_is_reported_not_papered_over() {
		let dir = tempfile::tempdir().unwrap();
		let store = Store::open(dir.path()).unwrap();
		assert!(plan(&store, &ME, &assigned(4, Phase::Reveal, true, false), || Ok(vec![1])).is_err());
	}
}
