//! Durable memory of the tasks this worker committed to.
//!
//! A record (task, model, result, salt) is written to disk and fsynced *before* the commit is
//! submitted, so a worker killed at any instant either never committed for the task, or finds the
//! exact result and salt it committed to when it restarts. One file per task, replaced
//! atomically (write to a temporary file, fsync, rename, fsync the directory).

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};
use std::{
	fs::{self, File},
	io::Write,
	path::{Path, PathBuf},
};

/// What the worker must remember about a task until it has revealed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskRecord {
	/// The task id.
	pub task: u64,
	/// The model id, hex.
	#[serde(with = "hex::serde")]
	pub model: [u8; 32],
	/// blake2-256 of the task's input, hex: with the model, what tells this task from another
	/// with the same id (a dev chain started afresh counts its tasks from 0 again).
	#[serde(with = "hex::serde")]
	pub input_hash: [u8; 32],
	/// The result bytes committed to.
	#[serde(with = "hex::serde")]
	pub result: Vec<u8>,
	/// The secret salt of the commitment.
	#[serde(with = "hex::serde")]
	pub salt: [u8; 32],
}

/// A directory of task records.
#[derive(Clone, Debug)]
pub struct Store {
	dir: PathBuf,
}

impl Store {
	/// Opens (creating) the store in `dir`; leftovers of interrupted writes are removed.
	pub fn open(dir: &Path) -> Result<Self> {
		fs::create_dir_all(dir).with_context(|| format!("create state directory {}", dir.display()))?;
		for entry in fs::read_dir(dir)? {
			let path = entry?.path();
			if path.extension().is_some_and(|e| e == "tmp") {
				fs::remove_file(&path)?;
			}
		}
		Ok(Self { dir: dir.to_path_buf() })
	}

	fn path(&self, task: u64) -> PathBuf {
		self.dir.join(format!("task-{task}.json"))
	}

	/// The record of `task`, if any. A record that cannot be read is an error, never `None`:
	/// treating it as absent could lead to a second, different commitment.
	pub fn get(&self, task: u64) -> Result<Option<TaskRecord>> {
		let path = self.path(task);
		match fs::read(&path) {
			Ok(bytes) => {
				let record: TaskRecord = serde_json::from_slice(&bytes)
					.with_context(|| format!("corrupt task record {}", path.display()))?;
				if record.task != task {
					bail!("task record {} names task {}", path.display(), record.task);
				}
				Ok(Some(record))
			},
			Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
			Err(e) => Err(e).with_context(|| format!("read {}", path.display())),
		}
	}

	/// Writes `record` durably: when this returns, it survives a crash or power loss.
	pub fn put(&self, record: &TaskRecord) -> Result<()> {
		let path = self.path(record.task);
		let tmp = path.with_extension("json.tmp");
		{
			let mut file = File::create(&tmp).with_context(|| format!("create {}", tmp.display()))?;
			file.write_all(&serde_json::to_vec_pretty(record)?)?;
			file.sync_all()?;
		}
		fs::rename(&tmp, &path)?;
		File::open(&self.dir)?.sync_all()?;
		Ok(())
	}

	/// How long ago the record of `task` was written, if there is one.
	pub fn age(&self, task: u64) -> Result<Option<std::time::Duration>> {
		match fs::metadata(self.path(task)) {
			Ok(meta) => Ok(Some(meta.modified()?.elapsed().unwrap_or_default())),
			Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
			Err(e) => Err(e.into()),
		}
	}

	/// Forgets `task` (once it is settled).
	pub fn remove(&self, task: u64) -> Result<()> {
		match fs::remove_file(self.path(task)) {
			Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
			_ => Ok(()),
		}
	}

	/// The tasks with a record.
	pub fn tasks(&self) -> Result<Vec<u64>> {
		let mut tasks = Vec::new();
		for entry in fs::read_dir(&self.dir)? {
			let name = entry?.file_name();
			let name = name.to_string_lossy();
			if let Some(id) = name.strip_prefix("task-").and_then(|n| n.strip_suffix(".json")) {
				if let Ok(id) = id.parse() {
					tasks.push(id);
				}
			}
		}
		tasks.sort();
		Ok(tasks)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn record(task: u64) -> TaskRecord {
		TaskRecord { task, model: [3; 32], input_hash: [4; 32], result: vec![7, 0, 0, 0], salt: [9; 32] }
	}

	#[test]
	fn records_round_trip_and_survive_reopening() {
		let dir = tempfile::tempdir().unwrap();
		let store = Store::open(dir.path()).unwrap();
		assert_eq!(store.get(5).unwrap(), None);
		store.put(&record(5)).unwrap();
		store.put(&record(12)).unwrap();
		let reopened = Store::open(dir.path()).unwrap();
		assert_eq!(reopened.get(5).unwrap(), Some(record(5)));
		assert_eq!(reopened.tasks().unwrap(), vec![5, 12]);
		reopened.remove(5).unwrap();
		reopened.remove(5).unwrap();
		assert_eq!(reopened.tasks().unwrap(), vec![12]);
	}

	#[test]
	fn an_interrupted_write_leaves_the_old_record_and_is_cleaned_up() {
		let dir = tempfile::tempdir().unwrap();
		let store = Store::open(dir.path()).unwrap();
		store.put(&record(1)).unwrap();
		// A crash after writing the temporary file but before the rename.
		fs::write(dir.path().join("task-1.json.tmp"), b"{\"task\": 1, \"trunc").unwrap();
		let reopened = Store::open(dir.path()).unwrap();
		assert_eq!(reopened.get(1).unwrap(), Some(record(1)));
		assert!(!dir.path().join("task-1.json.tmp").exists());
	}

	#[test]
	fn a_corrupt_record_is_an_error_not_an_absence() {
		let dir = tempfile::tempdir().unwrap();
		let store = Store::open(dir.path()).unwrap();
		fs::write(dir.path().join("task-4.json"), b"not json").unwrap();
		assert!(store.get(4).is_err());
	}
}
