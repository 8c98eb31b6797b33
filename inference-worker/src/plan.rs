//! What to do about one assigned task, given what the chain says at the block the worker acts on
//! and what the store remembers.
//!
//! This is the worker's crash-safety core, free of I/O other than the store so it can be tested
//! by "crashing" (dropping everything but the store) between any two steps:
//!
//! * commit phase, not committed, window still open for a transaction sent now: reuse the
//!   stored result and salt if there are any; otherwise compute the result (the task is marked
//!   started once the model has a module to run on, not while it waits for one), draw a salt
//!   from the OS, and **store both before** returning the commit. A local
//!   fault (see [`Outcome`]) stores nothing and commits nothing ([`Action::Abstain`]); a task
//!   whose run was interrupted by the end of the process (marked started, no result stored) is
//!   run once more, since the operator may have killed the worker; one that ended the process
//!   [`MAX_INTERRUPTED_RUNS`] times is taken for a model that crashes on it, and is not run
//!   again ([`Action::Abstain`] too);
//! * reveal phase, committed, not revealed, window still open: reveal exactly what the store
//!   holds;
//! * anything else: nothing to do.

use crate::{engine::Outcome, store::{Store, TaskRecord}};
use anyhow::{bail, Result};
use deai_primitives::{blake2_256, commitment, AssignedTask, Phase};

/// After this many runs of a task ended with the process (never returned), the task is taken for
/// one that crashes the model and is not run again. One is not enough: an operator's kill (or a
/// test's) during a run is no crash of the model.
pub const MAX_INTERRUPTED_RUNS: u32 = 2;

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
	/// A local fault: no commitment (the task may time out, which costs reputation, not stake).
	Abstain {
		/// The task.
		task: u64,
		/// What went wrong on this machine.
		reason: String,
		/// Whether an earlier run died on this task: never run it again.
		crashed: bool,
	},
}

/// Handed to the model's runner, which calls it once it holds a module, right before the model
/// runs: it marks the task started in the store. An error (the mark cannot be written) means the
/// model must not run, since a crash in it would then go unnoticed.
pub type MarkStarted<'a> = &'a mut dyn FnMut() -> Result<()>;

/// The step of a task the chain is waiting for from this node.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Step {
	/// A commitment.
	Commit,
	/// A reveal.
	Reveal,
}

/// Whether a transaction sent after block `at` can still land in the window that ends at
/// `deadline`: it is included in block `at + 1` at the earliest, and the window refuses it from
/// block `deadline` on.
pub fn window_open(at: u32, deadline: u32) -> bool {
	at.saturating_add(1) < deadline
}

/// The step `task` needs from this node as of block `at`, if any.
pub fn needed_step(task: &AssignedTask<u32>, at: u32) -> Option<Step> {
	if !window_open(at, task.deadline) {
		return None;
	}
	match (task.phase, task.committed, task.revealed) {
		(Phase::Commit, false, _) => Some(Step::Commit),
		(Phase::Reveal, true, false) => Some(Step::Reveal),
		_ => None,
	}
}

/// Draws a commitment salt from the operating system's random number generator.
pub fn fresh_salt() -> Result<[u8; 32]> {
	let mut salt = [0u8; 32];
	getrandom::fill(&mut salt).map_err(|e| anyhow::anyhow!("OS random number generator: {e}"))?;
	Ok(salt)
}

/// Decides the next action for `task` as the chain shows it at block `at`. `compute` runs the
/// model, calling the [`MarkStarted`] it is given right before the model runs (a task that only
/// waited for a module is not counted as started if the process ends meanwhile); it is called at
/// most once per task and worker run, and never again after a run of the worker died in the
/// model. A local fault it reports leaves nothing stored, so a later call may compute again.
pub fn plan(
	store: &Store,
	account: &[u8; 32],
	task: &AssignedTask<u32>,
	at: u32,
	compute: impl FnOnce(MarkStarted<'_>) -> Outcome,
) -> Result<Action> {
	let input_hash = blake2_256(&task.input);
	match needed_step(task, at) {
		Some(Step::Commit) => {
			let record = match store.get(task.id, &task.model, &input_hash)? {
				Some(record) => record,
				None if store.started_runs(task.id, &task.model, &input_hash) >= MAX_INTERRUPTED_RUNS => {
					return Ok(Action::Abstain {
						task: task.id,
						reason: format!(
							"{MAX_INTERRUPTED_RUNS} earlier runs of the worker died while running this task (a libtorch \
							 abort, out of memory?): not running it again"
						),
						crashed: true,
					});
				},
				None => {
					let mut marked = false;
					let mut unmarked = None;
					let outcome = compute(&mut || match store.mark_started(task.id, &task.model, &input_hash) {
						Ok(runs) => {
							marked = true;
							if runs > 1 {
								tracing::warn!(
									task = task.id,
									"the last run of the worker ended while running this task (killed, or the model crashed \
									 it): running it once more"
								);
							}
							Ok(())
						},
						Err(e) => {
							let message = format!("{e:#}");
							unmarked = Some(e);
							bail!("the task cannot be marked started: {message}")
						},
					});
					if let Some(e) = unmarked {
						return Err(e.context("mark the task started before running the model"));
					}
					let result = match outcome.committable_or_fault() {
						Ok(result) => result,
						Err(reason) => {
							if marked {
								store.clear_started(task.id, &task.model, &input_hash)?;
							}
							return Ok(Action::Abstain { task: task.id, reason, crashed: false });
						},
					};
					let record = TaskRecord { task: task.id, model: task.model, input_hash, result, salt: fresh_salt()? };
					if let Err(e) = store.put(&record) {
						// The run ended; the record could not be kept (a full disk?): nothing is
						// committed, and the next run is no retry after a crash.
						store.clear_started(task.id, &task.model, &input_hash)?;
						return Err(e.context("store the result and salt before committing"));
					}
					record
				},
			};
			Ok(Action::Commit { task: task.id, commitment: commitment(task.id, account, &record.result, &record.salt) })
		},
		Some(Step::Reveal) => match store.get(task.id, &task.model, &input_hash)? {
			Some(record) => Ok(Action::Reveal { task: task.id, result: record.result, salt: record.salt }),
			None => bail!("task {} was committed but its record is missing: cannot reveal", task.id),
		},
		None => Ok(Action::Wait),
	}
}

impl Outcome {
	fn committable_or_fault(self) -> std::result::Result<Vec<u8>, String> {
		match self {
			Outcome::LocalFault(e) => Err(format!("{e:#}")),
			other => Ok(other.committable().expect("only local faults have nothing to commit")),
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use std::fs;
	use std::cell::Cell;

	/// The block the tests act at: inside every window (deadline 10).
	const AT: u32 = 5;

	fn never(_: MarkStarted<'_>) -> Outcome {
		panic!("must not run")
	}

	/// A run of the model that holds a module at once and gives `outcome`.
	fn ran(outcome: Outcome) -> impl FnOnce(MarkStarted<'_>) -> Outcome {
		move |mark| {
			mark().expect("marked started");
			outcome
		}
	}

	fn answer(bytes: &[u8]) -> Outcome {
		Outcome::Answer(bytes.to_vec())
	}

	const ME: [u8; 32] = [0xab; 32];
	const MODEL: [u8; 32] = [1; 32];

	fn assigned(id: u64, phase: Phase, committed: bool, revealed: bool) -> AssignedTask<u32> {
		AssignedTask { id, model: MODEL, input: vec![1, 2, 3, 4], phase, deadline: 10, committed, revealed }
	}

	/// Puts a non-empty folder where the store writes the file `<ext>` of task `id` (made by
	/// `assigned`), so that writing it fails as on a full disk; returns the folder.
	fn block(dir: &std::path::Path, id: u64, ext: &str) -> std::path::PathBuf {
		let content = blake2_256(&[&MODEL[..], &blake2_256(&[1, 2, 3, 4])[..]].concat());
		let blocker = dir.join(format!("task-{id}-{}.{ext}", hex::encode(&content[..8])));
		fs::create_dir(&blocker).unwrap();
		fs::write(blocker.join("x"), b"x").unwrap();
		blocker
	}

	/// The stored record of a task made by `assigned`.
	fn record_of(store: &Store, id: u64) -> TaskRecord {
		store.get(id, &MODEL, &blake2_256(&[1, 2, 3, 4])).unwrap().expect("a record")
	}

	#[test]
	fn a_crash_between_persist_and_commit_recommits_the_same_commitment() {
		let dir = tempfile::tempdir().unwrap();
		let runs = Cell::new(0);
		let compute = |mark: MarkStarted<'_>| {
			mark().unwrap();
			runs.set(runs.get() + 1);
			answer(&[7, 0, 0, 0])
		};
		let first =
			plan(&Store::open(dir.path()).unwrap(), &ME, &assigned(3, Phase::Commit, false, false), AT, compute).unwrap();
		// Crash: the commit never reached the chain. Restart with only the directory.
		let store = Store::open(dir.path()).unwrap();
		let again = plan(&store, &ME, &assigned(3, Phase::Commit, false, false), AT, |_| {
			runs.set(runs.get() + 1);
			answer(&[9, 9, 9, 9])
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
			plan(&Store::open(dir.path()).unwrap(), &ME, &assigned(8, Phase::Commit, false, false), AT, ran(answer(&[1, 2])))
			.unwrap()
		else {
			panic!("expected a commit")
		};
		// The commit landed; the worker died; the reveal phase opened meanwhile.
		let store = Store::open(dir.path()).unwrap();
		let action = plan(&store, &ME, &assigned(8, Phase::Reveal, true, false), AT, never).unwrap();
		let Action::Reveal { task, result, salt } = action else { panic!("expected a reveal") };
		assert_eq!((task, result.clone()), (8, vec![1, 2]));
		assert_eq!(commitment(8, &ME, &result, &salt), committed, "the reveal matches the commitment");
	}

	#[test]
	fn salts_are_fresh_per_task() {
		let dir = tempfile::tempdir().unwrap();
		let store = Store::open(dir.path()).unwrap();
		plan(&store, &ME, &assigned(1, Phase::Commit, false, false), AT, ran(answer(&[0]))).unwrap();
		plan(&store, &ME, &assigned(2, Phase::Commit, false, false), AT, ran(answer(&[0]))).unwrap();
		assert_ne!(record_of(&store, 1).salt, record_of(&store, 2).salt);
	}

	#[test]
	fn nothing_to_do_once_committed_or_revealed() {
		let dir = tempfile::tempdir().unwrap();
		let store = Store::open(dir.path()).unwrap();
		assert_eq!(plan(&store, &ME, &assigned(1, Phase::Commit, true, false), AT, never).unwrap(), Action::Wait);
		assert_eq!(plan(&store, &ME, &assigned(1, Phase::Reveal, true, true), AT, never).unwrap(), Action::Wait);
		// A node that never committed has nothing to reveal and does not try.
		assert_eq!(plan(&store, &ME, &assigned(1, Phase::Reveal, false, false), AT, never).unwrap(), Action::Wait);
	}

	#[test]
	fn two_tasks_with_one_id_are_never_mixed_up() {
		// Task 5 of a dev chain started anew, or of a competing fork, has other content than
		// the task 5 this worker committed to before.
		let dir = tempfile::tempdir().unwrap();
		let store = Store::open(dir.path()).unwrap();
		let old = AssignedTask { input: vec![9, 9], ..assigned(5, Phase::Commit, false, false) };
		let new = assigned(5, Phase::Commit, false, false);
		let Action::Commit { commitment: c_old, .. } = plan(&store, &ME, &old, AT, ran(answer(&[9]))).unwrap() else {
			panic!("expected a commit")
		};
		let Action::Commit { commitment: c_new, .. } = plan(&store, &ME, &new, AT, ran(answer(&[1]))).unwrap() else {
			panic!("expected a commit")
		};
		assert_ne!(c_old, c_new, "the new task is computed, not answered with the old record");
		// Each reveals what was committed for it.
		let reveal = |task: &AssignedTask<u32>| {
			let task = AssignedTask { phase: Phase::Reveal, committed: true, ..task.clone() };
			plan(&store, &ME, &task, AT, never).unwrap()
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
		assert!(plan(&store, &ME, &assigned(4, Phase::Reveal, true, false), AT, ran(answer(&[1]))).is_err());
	}

	#[test]
	fn a_local_fault_is_not_committed_and_may_be_retried() {
		let dir = tempfile::tempdir().unwrap();
		let store = Store::open(dir.path()).unwrap();
		let task = assigned(6, Phase::Commit, false, false);
		// Old code: any failure became the canonical error result, committed (and slashed when
		// the other nodes answered).
		let action = plan(&store, &ME, &task, AT, ran(Outcome::LocalFault(anyhow::anyhow!("out of memory")))).unwrap();
		let Action::Abstain { task: 6, reason, crashed: false } = action else { panic!("expected no commit: {action:?}") };
		assert!(reason.contains("out of memory"));
		assert_eq!(store.get(6, &MODEL, &blake2_256(&[1, 2, 3, 4])).unwrap(), None, "nothing stored");
		// At the next block the fault is gone: the task is computed and committed.
		let Action::Commit { commitment: c, .. } = plan(&store, &ME, &task, AT + 1, ran(answer(&[4]))).unwrap() else {
			panic!("expected a commit")
		};
		let record = record_of(&store, 6);
		assert_eq!((record.result.clone(), commitment(6, &ME, &record.result, &record.salt)), (vec![4], c));
	}

	#[test]
	fn an_invalid_input_commits_the_error_result() {
		let dir = tempfile::tempdir().unwrap();
		let store = Store::open(dir.path()).unwrap();
		let action =
			plan(&store, &ME, &assigned(7, Phase::Commit, false, false), AT, ran(Outcome::InvalidInput("63 bytes".into())))
				.unwrap();
		assert!(matches!(action, Action::Commit { task: 7, .. }));
		assert_eq!(record_of(&store, 7).result, deai_primitives::ERROR_RESULT);
	}

	#[test]
	fn a_task_that_killed_the_worker_twice_is_skipped_after_the_restart() {
		let dir = tempfile::tempdir().unwrap();
		let task = assigned(9, Phase::Commit, false, false);
		let crash = || {
			let store = Store::open(dir.path()).unwrap();
			// The run never returns: libtorch aborts the process inside `compute`. Simulate the
			// abort by leaving without cleaning up (a panic stands in for the abort here).
			let crashed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
				plan(&store, &ME, &task, AT, |mark| {
					mark().unwrap();
					panic!("SIGABRT")
				})
			}));
			assert!(crashed.is_err());
		};
		crash();
		// Restarted (`Restart=always`): one interrupted run may have been the operator's kill, so
		// the task runs once more; it crashes again.
		crash();
		// Old code ran the task again, and died again, for the whole window.
		let store = Store::open(dir.path()).unwrap();
		let action = plan(&store, &ME, &task, AT + 1, never).unwrap();
		let Action::Abstain { task: 9, crashed: true, .. } = action else { panic!("expected a skip: {action:?}") };
		assert_eq!(store.get(9, &MODEL, &blake2_256(&[1, 2, 3, 4])).unwrap(), None);
		// Its marker is forgotten with the task once it settles.
		assert_eq!(store.tasks().unwrap(), vec![9]);
	}

	#[test]
	fn a_worker_killed_while_running_a_task_runs_it_again_after_the_restart() {
		let dir = tempfile::tempdir().unwrap();
		let task = assigned(4, Phase::Commit, false, false);
		{
			// SIGKILL while the model runs: the mark is written, the result never is (the e2e
			// test's kill at the assignment hit this in CI, and the old code then never committed).
			let store = Store::open(dir.path()).unwrap();
			store.mark_started(4, &MODEL, &blake2_256(&[1, 2, 3, 4])).unwrap();
		}
		let store = Store::open(dir.path()).unwrap();
		let action = plan(&store, &ME, &task, AT, ran(answer(&[3, 0, 0, 0]))).unwrap();
		let Action::Commit { task: 4, commitment: c } = action else { panic!("expected a commit: {action:?}") };
		let record = record_of(&store, 4);
		assert_eq!(record.result, vec![3, 0, 0, 0]);
		assert_eq!(c, commitment(4, &ME, &record.result, &record.salt));
		assert!(!store.is_started(4, &MODEL, &blake2_256(&[1, 2, 3, 4])), "the record supersedes the mark");
	}

	#[test]
	fn a_worker_killed_while_a_task_waits_for_a_module_counts_no_interrupted_run() {
		let dir = tempfile::tempdir().unwrap();
		let task = assigned(5, Phase::Commit, false, false);
		// Capacity above the model's modules: the task waits for one, and the worker is killed
		// meanwhile, twice. Old code marked it started before the wait and skipped it after the
		// second restart, as if the model had crashed on it.
		for _ in 0..MAX_INTERRUPTED_RUNS {
			let store = Store::open(dir.path()).unwrap();
			let killed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
				plan(&store, &ME, &task, AT, |_| panic!("SIGKILL while waiting for a module"))
			}));
			assert!(killed.is_err());
		}
		let store = Store::open(dir.path()).unwrap();
		assert!(!store.is_started(5, &MODEL, &blake2_256(&[1, 2, 3, 4])));
		let action = plan(&store, &ME, &task, AT, ran(answer(&[2]))).unwrap();
		assert!(matches!(action, Action::Commit { task: 5, .. }), "expected a commit: {action:?}");
	}

	#[test]
	fn a_wait_for_a_module_that_times_out_keeps_the_count_of_interrupted_runs() {
		let dir = tempfile::tempdir().unwrap();
		let store = Store::open(dir.path()).unwrap();
		let task = assigned(6, Phase::Commit, false, false);
		let input_hash = blake2_256(&[1, 2, 3, 4]);
		// One earlier run of the worker died in the model.
		store.mark_started(6, &MODEL, &input_hash).unwrap();
		// This run finds every module busy until its wait ends: a local fault, the model never ran.
		let busy = plan(&store, &ME, &task, AT, |_| Outcome::LocalFault(anyhow::anyhow!("all modules busy"))).unwrap();
		assert!(matches!(busy, Action::Abstain { task: 6, crashed: false, .. }));
		assert_eq!(store.started_runs(6, &MODEL, &input_hash), 1, "the earlier crash still counts");
	}

	#[test]
	fn a_mark_that_cannot_be_written_runs_nothing() {
		let dir = tempfile::tempdir().unwrap();
		let store = Store::open(dir.path()).unwrap();
		let task = assigned(7, Phase::Commit, false, false);
		// The mark's file is a folder: writing it fails, as on a full disk.
		block(dir.path(), 7, "started");
		let ran_model = Cell::new(false);
		let failed = plan(&store, &ME, &task, AT, |mark| match mark() {
			Ok(()) => {
				ran_model.set(true);
				answer(&[1])
			},
			Err(e) => Outcome::LocalFault(e),
		})
		.unwrap_err();
		assert!(format!("{failed:#}").contains("mark the task started"), "{failed:#}");
		assert!(!ran_model.get(), "the model did not run");
		assert_eq!(store.get(7, &MODEL, &blake2_256(&[1, 2, 3, 4])).unwrap(), None);
	}

	#[test]
	fn a_record_that_cannot_be_stored_commits_nothing_and_is_no_crash() {
		let dir = tempfile::tempdir().unwrap();
		let store = Store::open(dir.path()).unwrap();
		let task = assigned(8, Phase::Commit, false, false);
		// The record cannot be written after the run, as on a full disk.
		store.fail_record_writes(true);
		for _ in 0..MAX_INTERRUPTED_RUNS + 1 {
			let failed = plan(&store, &ME, &task, AT, ran(answer(&[5]))).unwrap_err();
			assert!(format!("{failed:#}").contains("store the result and salt before committing"));
			assert!(!store.is_started(8, &MODEL, &blake2_256(&[1, 2, 3, 4])), "no crash is remembered");
		}
		// Space again: the task runs and commits.
		store.fail_record_writes(false);
		assert!(matches!(plan(&store, &ME, &task, AT, ran(answer(&[5]))).unwrap(), Action::Commit { task: 8, .. }));
	}

	#[test]
	fn nothing_is_sent_once_the_window_closes_before_it_could_land() {
		let dir = tempfile::tempdir().unwrap();
		let store = Store::open(dir.path()).unwrap();
		// Deadline 10: a transaction sent after block 8 lands in 9 at the earliest, still open;
		// sent after block 9 it could only land in 10, where the window refuses it.
		assert!(matches!(plan(&store, &ME, &assigned(1, Phase::Commit, false, false), 8, ran(answer(&[1]))).unwrap(), Action::Commit { .. }));
		assert_eq!(plan(&store, &ME, &assigned(2, Phase::Commit, false, false), 9, never).unwrap(), Action::Wait);
		assert_eq!(plan(&store, &ME, &assigned(1, Phase::Reveal, true, false), 9, never).unwrap(), Action::Wait);
		assert!(matches!(plan(&store, &ME, &assigned(1, Phase::Reveal, true, false), 8, never).unwrap(), Action::Reveal { .. }));
		assert_eq!(needed_step(&assigned(1, Phase::Commit, false, false), 9), None);
		assert_eq!(needed_step(&assigned(1, Phase::Reveal, true, false), 3), Some(Step::Reveal));
	}
}
