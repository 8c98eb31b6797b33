//! Durable memory of the tasks this worker committed to.
//!
//! A record (task, model, result, salt) is written to disk and fsynced *before* the commit is
//! submitted, so a worker killed at any instant either never committed for the task, or finds the
//! exact result and salt it committed to when it restarts. The records are frames of one
//! append-only log ([`crate::record_log`]), each made durable by one `fdatasync`. An older
//! worker's records (one JSON file per task) are moved into the log when the store opens.
//!
//! Before a model runs for a task, a *started* marker is written for it, counting the runs
//! started. A task found marked started but without a record after a restart was interrupted by
//! the end of the process: a kill by the operator (SIGKILL, a power switch) or a crash of the
//! model itself (a libtorch abort, the out-of-memory killer). The worker runs it once more, and
//! skips a task whose runs ended the process twice (see `plan`), or the same task would kill
//! every restart for the whole commit window. The marker is not fsynced: it guards against
//! the death of the process, which the kernel's page cache survives, and an fsync would cost more
//! than the forward pass of a small model (`bench-inference`). After a power loss a marker may be
//! gone, and its task is run once more; nothing was committed for it.
//!
//! One worker at a time: [`Store::open`] takes an exclusive lock on the directory (`flock` on its
//! `lock` file, released by the kernel when the process ends, however it ends), so a second
//! worker with the same key and state directory, which could commit one result and reveal
//! another, refuses to start.
//!
//! Private to the worker's user: the directory is made `0700` and every file `0600` (an older
//! worker's looser modes are tightened at [`Store::open`]), whatever the umask, so no other local
//! user reads a result and its salt before the reveal and commits them as its own.
//!
//! A task is known by its id *and* its content (model and input hash): the same id can name
//! another task on a dev chain started anew, or on a competing fork before finality, and each
//! such task keeps a record of its own, so none is ever committed or revealed with another's.

use crate::record_log::RecordLog;
use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};
use std::{
	fs::{self, File, TryLockError},
	io::Write,
	os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt},
	path::{Path, PathBuf},
	sync::{Arc, Mutex},
};

/// Whether `error` comes from a full disk (or a full quota): the state directory cannot take a
/// record, which is no crash and no fault of the task.
pub fn is_disk_full(error: &anyhow::Error) -> bool {
	const ENOSPC: i32 = 28;
	const EDQUOT: i32 = 122;
	error
		.chain()
		.filter_map(|cause| cause.downcast_ref::<std::io::Error>())
		.any(|io| matches!(io.raw_os_error(), Some(ENOSPC | EDQUOT)))
}

/// The mode of the state directory (and of the folders created above it).
const DIR_MODE: u32 = 0o700;
/// The mode of every file in the state directory.
const FILE_MODE: u32 = 0o600;

/// Creates (truncating) `path`, readable and writable by this user only.
fn create_private(path: &Path) -> Result<File> {
	fs::OpenOptions::new()
		.write(true)
		.create(true)
		.truncate(true)
		.mode(FILE_MODE)
		.open(path)
		.with_context(|| format!("create {}", path.display()))
}

/// Sets `path`'s permission bits to `mode` unless they are already that.
fn restrict(path: &Path, mode: u32) -> Result<()> {
	let current = fs::metadata(path).with_context(|| format!("read the mode of {}", path.display()))?;
	if current.permissions().mode() & 0o777 != mode {
		fs::set_permissions(path, fs::Permissions::from_mode(mode))
			.with_context(|| format!("make {} private ({mode:o})", path.display()))?;
	}
	Ok(())
}

/// What the worker must remember about a task until it has revealed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskRecord {
	/// The task id.
	pub task: u64,
	/// The model id, hex.
	#[serde(with = "hex::serde")]
	pub model: [u8; 32],
	/// blake2-256 of the task's input, hex: with the model, what tells this task from another
	/// with the same id.
	#[serde(with = "hex::serde")]
	pub input_hash: [u8; 32],
	/// The result bytes committed to.
	#[serde(with = "hex::serde")]
	pub result: Vec<u8>,
	/// The secret salt of the commitment.
	#[serde(with = "hex::serde")]
	pub salt: [u8; 32],
}

/// A directory of task records, locked for this process.
#[derive(Clone)]
pub struct Store {
	dir: PathBuf,
	/// The open lock file: the lock lasts as long as it is open.
	_lock: Arc<File>,
	records: Arc<Mutex<RecordLog>>,
}

impl std::fmt::Debug for Store {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		f.debug_struct("Store").field("dir", &self.dir).finish_non_exhaustive()
	}
}

/// The name of the lock file in a state directory.
pub const LOCK_FILE: &str = "lock";

/// The file that says the worker paused its node, and why ([`PauseReason`]), so that its next
/// start resumes the node (a pause by the operator, without it, is left alone).
pub const SELF_PAUSED_FILE: &str = "paused-by-worker";

/// Why the worker paused its node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PauseReason {
	/// It was stopped: the next start resumes the node.
	Stop,
	/// It could not pay the fees of more tasks: resumed once the account is funded.
	Funds,
}

impl PauseReason {
	fn as_str(self) -> &'static str {
		match self {
			PauseReason::Stop => "stop\n",
			PauseReason::Funds => "funds\n",
		}
	}
}

impl Store {
	/// Opens (creating) the store in `dir` and locks it; fails if another process holds it.
	/// Leftovers of interrupted writes are removed (only once the lock is held).
	pub fn open(dir: &Path) -> Result<Self> {
		fs::DirBuilder::new()
			.recursive(true)
			.mode(DIR_MODE)
			.create(dir)
			.with_context(|| format!("create state directory {}", dir.display()))?;
		restrict(dir, DIR_MODE)?;
		let lock_path = dir.join(LOCK_FILE);
		let lock = fs::OpenOptions::new()
			.create(true)
			.truncate(false)
			.write(true)
			.mode(FILE_MODE)
			.open(&lock_path)
			.with_context(|| format!("open {}", lock_path.display()))?;
		match lock.try_lock() {
			Ok(()) => {},
			Err(TryLockError::WouldBlock) => bail!(
				"another inference-worker is using the state directory {} (it holds {}): stop it first; two \
				 workers with one key and one state directory would commit one result and reveal another",
				dir.display(),
				lock_path.display()
			),
			Err(TryLockError::Error(e)) => {
				return Err(e).with_context(|| format!("lock {}", lock_path.display()));
			},
		}
		for entry in fs::read_dir(dir)? {
			let path = entry?.path();
			if path.extension().is_some_and(|e| e == "tmp") {
				fs::remove_file(&path)?;
			} else if path.is_file() {
				restrict(&path, FILE_MODE)?;
			}
		}
		let mut records = RecordLog::open(dir, FILE_MODE)?;
		move_old_records(dir, &mut records)?;
		Ok(Self { dir: dir.to_path_buf(), _lock: Arc::new(lock), records: Arc::new(Mutex::new(records)) })
	}

	/// Tests: every record write fails from now on as on a full disk (`false`: no more).
	#[cfg(test)]
	pub(crate) fn fail_record_writes(&self, fail: bool) {
		self.records().fail_appends = fail;
	}

	fn records(&self) -> std::sync::MutexGuard<'_, RecordLog> {
		self.records.lock().unwrap_or_else(|e| e.into_inner())
	}

	/// The state directory.
	pub fn dir(&self) -> &Path {
		&self.dir
	}

	fn started_path(&self, task: u64, model: &[u8; 32], input_hash: &[u8; 32]) -> PathBuf {
		let content = deai_primitives::blake2_256(&[&model[..], &input_hash[..]].concat());
		self.dir.join(format!("task-{task}-{}.started", hex::encode(&content[..8])))
	}

	/// The started marks of `task`, whatever its content.
	fn marks_of(&self, task: u64) -> Result<Vec<PathBuf>> {
		let prefix = format!("task-{task}-");
		let mut files = Vec::new();
		for entry in fs::read_dir(&self.dir)? {
			let path = entry?.path();
			let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
			if name.starts_with(&prefix) && name.ends_with(".started") {
				files.push(path);
			}
		}
		Ok(files)
	}

	/// Marks the task as started once more, before its model runs, and returns how many runs of
	/// it were started since its mark was last cleared (this one included): in the page cache,
	/// which outlives the process (not fsynced; see the module's documentation).
	pub fn mark_started(&self, task: u64, model: &[u8; 32], input_hash: &[u8; 32]) -> Result<u32> {
		let runs = self.started_runs(task, model, input_hash) + 1;
		let path = self.started_path(task, model, input_hash);
		let written = create_private(&path).and_then(|mut file| {
			Ok(file.write_all(format!("{{\"runs\": {runs}, \"pid\": {}}}\n", std::process::id()).as_bytes())?)
		});
		if let Err(e) = written {
			// Not even the mark fits (a full disk): no run starts, and no empty mark counts as one.
			let _ = fs::remove_file(&path);
			return Err(e);
		}
		Ok(runs)
	}

	/// How many runs of the task were started and never ended (no record, no cleared mark): each
	/// one was interrupted by the end of its process. A mark that cannot be read counts as one
	/// (an older worker's marks hold no count).
	pub fn started_runs(&self, task: u64, model: &[u8; 32], input_hash: &[u8; 32]) -> u32 {
		#[derive(Deserialize)]
		struct Mark {
			runs: u32,
		}
		match fs::read(self.started_path(task, model, input_hash)) {
			Err(_) => 0,
			Ok(bytes) => serde_json::from_slice::<Mark>(&bytes).map_or(1, |mark| mark.runs.max(1)),
		}
	}

	/// Whether the task was marked started (and the mark not cleared since).
	pub fn is_started(&self, task: u64, model: &[u8; 32], input_hash: &[u8; 32]) -> bool {
		self.started_runs(task, model, input_hash) > 0
	}

	/// Clears the started mark: the run ended without killing the process (a local fault the
	/// worker survived, which it may retry).
	pub fn clear_started(&self, task: u64, model: &[u8; 32], input_hash: &[u8; 32]) -> Result<()> {
		match fs::remove_file(self.started_path(task, model, input_hash)) {
			Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
			_ => Ok(()),
		}
	}

	/// The record of task `task` with this model and input hash, if any. A record that cannot be
	/// read is an error, never `None`: treating it as absent could lead to a second, different
	/// commitment.
	pub fn get(&self, task: u64, model: &[u8; 32], input_hash: &[u8; 32]) -> Result<Option<TaskRecord>> {
		Ok(self.records().get(task, model, input_hash).cloned())
	}

	/// Writes `record` durably: when this returns, it survives a crash or power loss.
	pub fn put(&self, record: &TaskRecord) -> Result<()> {
		self.records().put(record.clone())?;
		// The record supersedes the started mark (a mark left behind by a crash right here is
		// harmless: the record is read first).
		self.clear_started(record.task, &record.model, &record.input_hash)
	}

	/// How long ago the newest record of `task` was written, if there is one.
	pub fn age(&self, task: u64) -> Result<Option<std::time::Duration>> {
		let mut newest = self.records().age(task);
		for path in self.marks_of(task)? {
			let age = fs::metadata(&path)?.modified()?.elapsed().unwrap_or_default();
			newest = Some(newest.map_or(age, |n| n.min(age)));
		}
		Ok(newest)
	}

	/// Forgets every record and mark of `task` (once the finalized chain shows it settled).
	pub fn remove(&self, task: u64) -> Result<()> {
		self.records().forget(task)?;
		for path in self.marks_of(task)? {
			match fs::remove_file(&path) {
				Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
				_ => {},
			}
		}
		Ok(())
	}

	/// Notes why this worker paused its node, or forgets it (`None`).
	pub fn set_self_paused(&self, reason: Option<PauseReason>) -> Result<()> {
		let path = self.dir.join(SELF_PAUSED_FILE);
		if let Some(reason) = reason {
			create_private(&path)?.write_all(reason.as_str().as_bytes())?;
			return Ok(());
		}
		match fs::remove_file(&path) {
			Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e).with_context(|| format!("remove {}", path.display())),
			_ => Ok(()),
		}
	}

	/// Why this worker paused its node, if it did (an unreadable note counts as a stop).
	pub fn self_paused(&self) -> Option<PauseReason> {
		let text = fs::read_to_string(self.dir.join(SELF_PAUSED_FILE)).ok()?;
		Some(if text.trim() == PauseReason::Funds.as_str().trim() { PauseReason::Funds } else { PauseReason::Stop })
	}

	/// The task ids with a record or a started mark.
	pub fn tasks(&self) -> Result<Vec<u64>> {
		let mut tasks: Vec<u64> = self.records().tasks().collect();
		for entry in fs::read_dir(&self.dir)? {
			let name = entry?.file_name();
			let id = name.to_string_lossy().strip_prefix("task-").and_then(|n| n.strip_suffix(".started")).and_then(|n| {
				n.split_once('-').and_then(|(id, _)| id.parse::<u64>().ok())
			});
			tasks.extend(id);
		}
		tasks.sort();
		tasks.dedup();
		Ok(tasks)
	}
}

/// Moves an older worker's records (`task-<id>-<content>.json`, one file each) into the log, each
/// made durable in the log before its file is removed. One that cannot be read stops the start:
/// its salt may be the only copy of a commitment not yet revealed.
fn move_old_records(dir: &Path, records: &mut RecordLog) -> Result<()> {
	for entry in fs::read_dir(dir)? {
		let path = entry?.path();
		let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
		if !(name.starts_with("task-") && name.ends_with(".json")) {
			continue;
		}
		let bytes = fs::read(&path).with_context(|| format!("read {}", path.display()))?;
		let record: TaskRecord =
			serde_json::from_slice(&bytes).with_context(|| format!("corrupt task record {}", path.display()))?;
		records.put(record)?;
		fs::remove_file(&path).with_context(|| format!("remove {} (moved into the log)", path.display()))?;
	}
	Ok(())
}

#[cfg(test)]
mod tests {
	use super::*;

	const MODEL: [u8; 32] = [3; 32];
	const INPUT: [u8; 32] = [4; 32];

	fn record(task: u64) -> TaskRecord {
		TaskRecord { task, model: MODEL, input_hash: INPUT, result: vec![7, 0, 0, 0], salt: [9; 32] }
	}

	#[test]
	fn records_round_trip_and_survive_reopening() {
		let dir = tempfile::tempdir().unwrap();
		let store = Store::open(dir.path()).unwrap();
		assert_eq!(store.get(5, &MODEL, &INPUT).unwrap(), None);
		store.put(&record(5)).unwrap();
		store.put(&record(12)).unwrap();
		drop(store);
		let reopened = Store::open(dir.path()).unwrap();
		assert_eq!(reopened.get(5, &MODEL, &INPUT).unwrap(), Some(record(5)));
		assert_eq!(reopened.tasks().unwrap(), vec![5, 12]);
		reopened.remove(5).unwrap();
		reopened.remove(5).unwrap();
		assert_eq!(reopened.tasks().unwrap(), vec![12]);
	}

	#[test]
	fn two_tasks_with_one_id_keep_their_own_records() {
		let dir = tempfile::tempdir().unwrap();
		let store = Store::open(dir.path()).unwrap();
		let other = TaskRecord { input_hash: [6; 32], result: vec![1], salt: [2; 32], ..record(5) };
		store.put(&record(5)).unwrap();
		store.put(&other).unwrap();
		assert_eq!(store.get(5, &MODEL, &INPUT).unwrap(), Some(record(5)));
		assert_eq!(store.get(5, &MODEL, &[6; 32]).unwrap(), Some(other));
		assert_eq!(store.get(5, &[8; 32], &INPUT).unwrap(), None, "another model is another task");
		assert_eq!(store.tasks().unwrap(), vec![5]);
		assert!(store.age(5).unwrap().is_some());
		store.remove(5).unwrap();
		assert_eq!(store.get(5, &MODEL, &[6; 32]).unwrap(), None);
		assert_eq!((store.tasks().unwrap(), store.age(5).unwrap()), (vec![], None));
	}

	/// Where an older worker kept the record of `task` (one JSON file per task).
	fn old_path(dir: &Path, task: u64) -> PathBuf {
		let content = deai_primitives::blake2_256(&[&MODEL[..], &INPUT[..]].concat());
		dir.join(format!("task-{task}-{}.json", hex::encode(&content[..8])))
	}

	#[test]
	fn an_older_workers_records_are_moved_into_the_log_and_leftovers_cleaned_up() {
		let dir = tempfile::tempdir().unwrap();
		fs::write(old_path(dir.path(), 1), serde_json::to_vec_pretty(&record(1)).unwrap()).unwrap();
		// A crash of an older worker after writing a temporary file but before the rename.
		let tmp = old_path(dir.path(), 2).with_extension("json.tmp");
		fs::write(&tmp, b"{\"task\": 2, \"trunc").unwrap();
		let store = Store::open(dir.path()).unwrap();
		assert_eq!(store.get(1, &MODEL, &INPUT).unwrap(), Some(record(1)));
		assert!(!old_path(dir.path(), 1).exists() && !tmp.exists());
		drop(store);
		assert_eq!(Store::open(dir.path()).unwrap().get(1, &MODEL, &INPUT).unwrap(), Some(record(1)));
	}

	#[test]
	fn a_corrupt_record_stops_the_start_rather_than_counting_as_absent() {
		// Treated as absent, it could lead to a second, different commitment for the task.
		let dir = tempfile::tempdir().unwrap();
		fs::write(old_path(dir.path(), 4), b"not json").unwrap();
		let error = Store::open(dir.path()).unwrap_err();
		assert!(format!("{error:#}").contains("corrupt task record"), "{error:#}");
		assert!(old_path(dir.path(), 4).exists(), "left as it was, for the operator");
	}

	#[test]
	fn a_second_worker_on_the_same_state_directory_is_refused() {
		let dir = tempfile::tempdir().unwrap();
		let first = Store::open(dir.path()).unwrap();
		first.put(&record(1)).unwrap();
		// Old code: the second opened without complaint (and cleaned up the first's writes).
		let second = Store::open(dir.path()).unwrap_err();
		assert!(format!("{second:#}").contains("another inference-worker is using the state directory"), "{second:#}");
		// A clone (another job of the same worker) shares the lock.
		let clone = first.clone();
		drop(first);
		assert!(Store::open(dir.path()).is_err(), "still held by the clone");
		drop(clone);
		let after = Store::open(dir.path()).unwrap();
		assert_eq!(after.get(1, &MODEL, &INPUT).unwrap(), Some(record(1)));
		// The lock file is no record.
		assert_eq!(after.tasks().unwrap(), vec![1]);
	}

	#[test]
	fn a_full_disk_is_told_apart() {
		let full = anyhow::Error::from(std::io::Error::from_raw_os_error(28)).context("store the result");
		assert!(is_disk_full(&full));
		let denied = anyhow::Error::from(std::io::Error::from_raw_os_error(13)).context("store the result");
		assert!(!is_disk_full(&denied));
	}

	#[test]
	fn started_marks_survive_restarts_until_a_record_or_a_clear() {
		let dir = tempfile::tempdir().unwrap();
		let store = Store::open(dir.path()).unwrap();
		assert!(!store.is_started(2, &MODEL, &INPUT));
		assert_eq!(store.mark_started(2, &MODEL, &INPUT).unwrap(), 1);
		drop(store);
		let store = Store::open(dir.path()).unwrap();
		assert!(store.is_started(2, &MODEL, &INPUT));
		assert_eq!(store.started_runs(2, &MODEL, &INPUT), 1);
		assert_eq!(store.mark_started(2, &MODEL, &INPUT).unwrap(), 2, "runs interrupted are counted");
		assert_eq!(store.started_runs(2, &MODEL, &INPUT), 2);
		assert!(!store.is_started(2, &MODEL, &[5; 32]), "per content, like records");
		assert_eq!(store.tasks().unwrap(), vec![2], "a marked task is known, so it is forgotten once settled");
		store.clear_started(2, &MODEL, &INPUT).unwrap();
		assert!(!store.is_started(2, &MODEL, &INPUT));
		assert_eq!(store.started_runs(2, &MODEL, &INPUT), 0);
		// An older worker's mark holds no count: one run.
		fs::write(store.started_path(5, &MODEL, &INPUT), b"{\"pid\": 7}\n").unwrap();
		assert_eq!(store.started_runs(5, &MODEL, &INPUT), 1);
		store.clear_started(5, &MODEL, &INPUT).unwrap();
		store.mark_started(3, &MODEL, &INPUT).unwrap();
		store.put(&record(3)).unwrap();
		assert!(!store.is_started(3, &MODEL, &INPUT), "the record supersedes the mark");
		store.mark_started(4, &MODEL, &INPUT).unwrap();
		store.remove(4).unwrap();
		assert_eq!(store.tasks().unwrap(), vec![3]);
	}

	#[test]
	fn a_pause_by_the_worker_is_remembered_across_restarts() {
		let dir = tempfile::tempdir().unwrap();
		let store = Store::open(dir.path()).unwrap();
		assert_eq!(store.self_paused(), None);
		store.set_self_paused(Some(PauseReason::Stop)).unwrap();
		drop(store);
		let store = Store::open(dir.path()).unwrap();
		assert_eq!(store.self_paused(), Some(PauseReason::Stop));
		assert_eq!(store.tasks().unwrap(), Vec::<u64>::new(), "the mark is no task");
		store.set_self_paused(Some(PauseReason::Funds)).unwrap();
		assert_eq!(store.self_paused(), Some(PauseReason::Funds));
		store.set_self_paused(None).unwrap();
		store.set_self_paused(None).unwrap();
		assert_eq!(store.self_paused(), None);
	}

	fn mode(path: &Path) -> u32 {
		fs::metadata(path).unwrap().permissions().mode() & 0o777
	}

	#[test]
	fn records_and_salts_are_private_to_the_workers_user() {
		let parent = tempfile::tempdir().unwrap();
		let dir = parent.path().join("genesis").join("account");
		let store = Store::open(&dir).unwrap();
		store.put(&record(1)).unwrap();
		store.mark_started(2, &MODEL, &INPUT).unwrap();
		// Old code: 0755 and 0644 under the usual umask 022, so any local user read the salts.
		assert_eq!(mode(&dir), 0o700);
		assert_eq!(mode(&parent.path().join("genesis")), 0o700, "the folders created above it too");
		for file in [dir.join(crate::record_log::LOG_FILE), store.started_path(2, &MODEL, &INPUT), dir.join(LOCK_FILE)] {
			assert_eq!(mode(&file), 0o600, "{}", file.display());
		}
		drop(store);
		// An older worker's loose modes are tightened when the store is opened.
		fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
		let loose = dir.join(crate::record_log::LOG_FILE);
		fs::set_permissions(&loose, fs::Permissions::from_mode(0o644)).unwrap();
		let _store = Store::open(&dir).unwrap();
		assert_eq!((mode(&dir), mode(&loose)), (0o700, 0o600));
	}
}
