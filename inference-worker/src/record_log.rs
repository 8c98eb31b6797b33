//! An append-only log of task records: durable with one `fdatasync` per record.
//!
//! A record written as a file of its own needs two flushes before it is durable (the file's data,
//! then its folder's entry after the rename that makes the write atomic), 0.2 ms each on this
//! machine's disk, which is 7 % of a voice-activity task (`bench-inference`). Here a record is one
//! frame appended to one file, and one `fdatasync` makes it durable: the data and the file's new
//! length. A frame is its body's length (u32, little-endian), the first 8 bytes of the body's
//! blake2-256, then the body (JSON). The log is read whole when the store opens: a frame that
//! ends the file short or whose checksum fails *at the end* is a write the process (or the power)
//! interrupted, never acknowledged, so it is cut off; a bad frame followed by good ones is
//! corruption, an error. Forgetting a task appends a tombstone (not flushed: after a power loss the
//! record comes back and is forgotten again). When the dead frames outnumber the live ones, the
//! log is rewritten (to a temporary file, flushed, renamed, the folder flushed).

use crate::store::TaskRecord;
use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};
use std::{
	collections::HashMap,
	fs::{self, File},
	io::{Read, Seek, SeekFrom, Write},
	os::unix::fs::OpenOptionsExt,
	path::{Path, PathBuf},
	time::{Duration, SystemTime, UNIX_EPOCH},
};

/// The log's file name in a state directory.
pub const LOG_FILE: &str = "records.log";

/// What one frame says.
#[derive(Debug, Serialize, Deserialize)]
enum Entry {
	/// A record, and when it was written (seconds since the Unix epoch).
	Put { record: TaskRecord, written_at: u64 },
	/// Every record of a task is forgotten.
	Forget { task: u64 },
}

/// A task's identity: its id and its content (model, input hash).
type Key = (u64, [u8; 32], [u8; 32]);

/// The log, open for appending, and what it holds.
pub struct RecordLog {
	path: PathBuf,
	file: File,
	/// The log's length: what a failed append is cut back to.
	len: u64,
	live: HashMap<Key, (TaskRecord, u64)>,
	/// Frames that no longer say anything (replaced or forgotten records, tombstones).
	dead: usize,
	mode: u32,
	/// Tests: every append fails as on a full disk.
	#[cfg(test)]
	pub(crate) fail_appends: bool,
}

fn frame(entry: &Entry) -> Result<Vec<u8>> {
	let body = serde_json::to_vec(entry)?;
	let mut out = Vec::with_capacity(12 + body.len());
	out.extend_from_slice(&(u32::try_from(body.len()).context("a record over 4 GiB")?).to_le_bytes());
	out.extend_from_slice(&deai_primitives::blake2_256(&body)[..8]);
	out.extend_from_slice(&body);
	Ok(out)
}

fn now() -> u64 {
	SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or_default()
}

impl RecordLog {
	/// Opens (creating) the log in `dir`, files created with `mode`: replays it, cuts off a torn
	/// last frame, and compacts it when it is mostly dead.
	pub fn open(dir: &Path, mode: u32) -> Result<Self> {
		let path = dir.join(LOG_FILE);
		let existed = path.exists();
		let mut file = fs::OpenOptions::new()
			.read(true)
			.append(true)
			.create(true)
			.mode(mode)
			.open(&path)
			.with_context(|| format!("open {}", path.display()))?;
		if !existed {
			// The new file's entry in its folder must survive a power loss too.
			File::open(dir)?.sync_all()?;
		}
		let mut bytes = Vec::new();
		file.read_to_end(&mut bytes).with_context(|| format!("read {}", path.display()))?;
		let mut log = Self {
			path,
			file,
			len: 0,
			live: HashMap::new(),
			dead: 0,
			mode,
			#[cfg(test)]
			fail_appends: false,
		};
		let good = log.replay(&bytes)?;
		if good < bytes.len() {
			tracing::warn!(
				bytes = bytes.len() - good,
				"the task log ends with a record whose write was interrupted (never acknowledged): cut off"
			);
			log.file.set_len(good as u64)?;
			log.file.sync_data()?;
		}
		log.len = good as u64;
		log.file.seek(SeekFrom::End(0))?;
		if log.dead > 64 && log.dead > log.live.len() {
			log.compact()?;
		}
		Ok(log)
	}

	/// Applies the frames of `bytes`; returns the length of the good ones.
	fn replay(&mut self, bytes: &[u8]) -> Result<usize> {
		let mut at = 0;
		while at < bytes.len() {
			let header = bytes.get(at..at + 12);
			let body = header.and_then(|h| {
				let len = u32::from_le_bytes(h[..4].try_into().expect("4 bytes")) as usize;
				bytes.get(at + 12..at + 12 + len).filter(|b| deai_primitives::blake2_256(b)[..8] == h[4..12])
			});
			let Some(body) = body else {
				if self.frames_after(bytes, at) {
					bail!("{} is corrupt at byte {at} (a damaged record followed by good ones)", self.path.display());
				}
				return Ok(at);
			};
			let entry: Entry =
				serde_json::from_slice(body).with_context(|| format!("corrupt record at byte {at} of {}", self.path.display()))?;
			self.apply(entry);
			at += 12 + body.len();
		}
		Ok(at)
	}

	/// Whether a good frame starts anywhere after the bad one at `bad`.
	fn frames_after(&self, bytes: &[u8], bad: usize) -> bool {
		(bad + 1..bytes.len().saturating_sub(12)).any(|at| {
			let len = u32::from_le_bytes(bytes[at..at + 4].try_into().expect("4 bytes")) as usize;
			bytes
				.get(at + 12..at + 12 + len)
				.is_some_and(|b| deai_primitives::blake2_256(b)[..8] == bytes[at + 4..at + 12] && serde_json::from_slice::<Entry>(b).is_ok())
		})
	}

	fn apply(&mut self, entry: Entry) {
		match entry {
			Entry::Put { record, written_at } => {
				let key = (record.task, record.model, record.input_hash);
				if self.live.insert(key, (record, written_at)).is_some() {
					self.dead += 1;
				}
			},
			Entry::Forget { task } => {
				let before = self.live.len();
				self.live.retain(|(t, _, _), _| *t != task);
				self.dead += 1 + before - self.live.len();
			},
		}
	}

	/// Appends `entry`; with `durable`, flushes it to the disk before returning. A failed append
	/// (a full disk) is cut off, so the log stays readable.
	fn append(&mut self, entry: Entry, durable: bool) -> Result<()> {
		let bytes = frame(&entry)?;
		#[cfg(test)]
		if self.fail_appends {
			const ENOSPC: i32 = 28;
			return Err(std::io::Error::from_raw_os_error(ENOSPC)).with_context(|| format!("append to {}", self.path.display()));
		}
		let written = self.file.write_all(&bytes).and_then(|()| if durable { self.file.sync_data() } else { Ok(()) });
		if let Err(e) = written {
			let _ = self.file.set_len(self.len);
			return Err(e).with_context(|| format!("append to {}", self.path.display()));
		}
		self.len += bytes.len() as u64;
		self.apply(entry);
		Ok(())
	}

	/// Writes `record` durably (one `fdatasync`).
	pub fn put(&mut self, record: TaskRecord) -> Result<()> {
		self.append(Entry::Put { record, written_at: now() }, true)
	}

	/// The record of the task with this id and content.
	pub fn get(&self, task: u64, model: &[u8; 32], input_hash: &[u8; 32]) -> Option<&TaskRecord> {
		self.live.get(&(task, *model, *input_hash)).map(|(r, _)| r)
	}

	/// How long ago the newest record of `task` was written.
	pub fn age(&self, task: u64) -> Option<Duration> {
		let newest = self.live.iter().filter(|((t, _, _), _)| *t == task).map(|(_, (_, at))| *at).max()?;
		Some(Duration::from_secs(now().saturating_sub(newest)))
	}

	/// Forgets every record of `task` (a tombstone, not flushed).
	pub fn forget(&mut self, task: u64) -> Result<()> {
		if self.live.keys().any(|(t, _, _)| *t == task) {
			self.append(Entry::Forget { task }, false)?;
		}
		Ok(())
	}

	/// The task ids with a record.
	pub fn tasks(&self) -> impl Iterator<Item = u64> + '_ {
		self.live.keys().map(|(t, _, _)| *t)
	}

	/// Rewrites the log with the live records only.
	fn compact(&mut self) -> Result<()> {
		let tmp = self.path.with_extension("log.tmp");
		let mut out = fs::OpenOptions::new()
			.write(true)
			.create(true)
			.truncate(true)
			.mode(self.mode)
			.open(&tmp)
			.with_context(|| format!("create {}", tmp.display()))?;
		let mut len = 0;
		for (record, written_at) in self.live.values() {
			let bytes = frame(&Entry::Put { record: record.clone(), written_at: *written_at })?;
			out.write_all(&bytes)?;
			len += bytes.len() as u64;
		}
		out.sync_all()?;
		fs::rename(&tmp, &self.path).with_context(|| format!("replace {}", self.path.display()))?;
		File::open(self.path.parent().expect("in a folder"))?.sync_all()?;
		self.file = fs::OpenOptions::new().read(true).append(true).open(&self.path)?;
		self.len = len;
		self.dead = 0;
		Ok(())
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn record(task: u64, model: u8) -> TaskRecord {
		TaskRecord { task, model: [model; 32], input_hash: [4; 32], result: vec![task as u8; 3], salt: [9; 32] }
	}

	#[test]
	fn records_replay_after_reopening_and_forgotten_ones_stay_forgotten() {
		let dir = tempfile::tempdir().unwrap();
		let mut log = RecordLog::open(dir.path(), 0o600).unwrap();
		log.put(record(1, 3)).unwrap();
		log.put(record(2, 3)).unwrap();
		log.put(record(2, 5)).unwrap();
		log.forget(1).unwrap();
		drop(log);
		let log = RecordLog::open(dir.path(), 0o600).unwrap();
		assert_eq!(log.get(1, &[3; 32], &[4; 32]), None);
		assert_eq!(log.get(2, &[3; 32], &[4; 32]), Some(&record(2, 3)));
		assert_eq!(log.get(2, &[5; 32], &[4; 32]), Some(&record(2, 5)));
		assert!(log.age(2).unwrap() < Duration::from_secs(5));
		assert_eq!(log.age(1), None);
	}

	#[test]
	fn an_interrupted_append_is_cut_off_and_the_records_before_it_kept() {
		let dir = tempfile::tempdir().unwrap();
		let mut log = RecordLog::open(dir.path(), 0o600).unwrap();
		log.put(record(1, 3)).unwrap();
		drop(log);
		let path = dir.path().join(LOG_FILE);
		let good = fs::metadata(&path).unwrap().len();
		// A process killed halfway through writing the next frame.
		let half = &frame(&Entry::Put { record: record(2, 3), written_at: 0 }).unwrap()[..20];
		fs::OpenOptions::new().append(true).open(&path).unwrap().write_all(half).unwrap();
		let mut log = RecordLog::open(dir.path(), 0o600).unwrap();
		assert_eq!(fs::metadata(&path).unwrap().len(), good, "the torn frame is cut off");
		assert_eq!(log.get(1, &[3; 32], &[4; 32]), Some(&record(1, 3)));
		assert_eq!(log.get(2, &[3; 32], &[4; 32]), None);
		// Appending goes on after the last good frame.
		log.put(record(3, 3)).unwrap();
		drop(log);
		assert!(RecordLog::open(dir.path(), 0o600).unwrap().get(3, &[3; 32], &[4; 32]).is_some());
	}

	#[test]
	fn a_damaged_record_followed_by_good_ones_is_an_error_not_an_absence() {
		let dir = tempfile::tempdir().unwrap();
		let mut log = RecordLog::open(dir.path(), 0o600).unwrap();
		log.put(record(1, 3)).unwrap();
		log.put(record(2, 3)).unwrap();
		drop(log);
		let path = dir.path().join(LOG_FILE);
		let mut bytes = fs::read(&path).unwrap();
		bytes[20] ^= 0xff; // inside the first frame's body
		fs::write(&path, &bytes).unwrap();
		let error = RecordLog::open(dir.path(), 0o600).err().expect("corruption is an error").to_string();
		assert!(error.contains("corrupt"), "{error}");
	}

	#[test]
	fn a_mostly_dead_log_is_compacted_to_its_live_records() {
		let dir = tempfile::tempdir().unwrap();
		let mut log = RecordLog::open(dir.path(), 0o600).unwrap();
		for task in 0..200 {
			log.put(record(task, 3)).unwrap();
			if task != 7 {
				log.forget(task).unwrap();
			}
		}
		drop(log);
		let path = dir.path().join(LOG_FILE);
		let before = fs::metadata(&path).unwrap().len();
		let log = RecordLog::open(dir.path(), 0o600).unwrap();
		assert!(fs::metadata(&path).unwrap().len() < before / 100, "rewritten with its one live record");
		assert_eq!(log.tasks().collect::<Vec<_>>(), vec![7]);
		drop(log);
		assert_eq!(RecordLog::open(dir.path(), 0o600).unwrap().get(7, &[3; 32], &[4; 32]), Some(&record(7, 3)));
	}
}
