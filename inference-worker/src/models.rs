//! The model folder: every file is read once and hashed (blake2-256); only files whose hash is a
//! registered model id are served, and they are served from the bytes that were hashed, so a
//! file replaced after the scan can never be run under the old file's id.

use crate::hex0x;
use crate::engine::Engine;
use anyhow::{Context, Result};
use deai_primitives::{blake2_256, ModelId, ModelView};
use std::{
	collections::HashMap,
	path::{Path, PathBuf},
};
use tracing::{info, warn};

/// A file of the model folder.
#[derive(Clone, Debug)]
pub struct ModelFile {
	/// blake2-256 of `bytes`: the model id it would be registered under.
	pub id: ModelId,
	/// Where it was read.
	pub path: PathBuf,
	/// Its contents, as hashed.
	pub bytes: Vec<u8>,
}

/// The model files in `dir` with their ids (hidden files and `.json` reports are ignored).
pub fn scan(dir: &Path) -> Result<Vec<ModelFile>> {
	let mut found = Vec::new();
	for entry in std::fs::read_dir(dir).with_context(|| format!("read model folder {}", dir.display()))? {
		let path = entry?.path();
		let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
		if !path.is_file() || name.starts_with('.') || name.ends_with(".json") {
			continue;
		}
		let bytes = std::fs::read(&path).with_context(|| format!("read {}", path.display()))?;
		found.push(ModelFile { id: blake2_256(&bytes), path, bytes });
	}
	found.sort_by(|a, b| a.path.cmp(&b.path));
	Ok(found)
}

/// What a worker serves: the engine holding the models, and their entries.
pub struct Served {
	/// The loaded models.
	pub engine: Engine,
	/// The served models' entries, by id.
	pub models: HashMap<ModelId, ModelView>,
}

impl Served {
	/// The served model ids, sorted.
	pub fn ids(&self) -> Vec<ModelId> {
		let mut ids: Vec<_> = self.models.keys().copied().collect();
		ids.sort();
		ids
	}
}

/// Keeps the `files` that are registered models (`entry` looks an id up on chain) and that
/// libtorch can load, logging why any other is skipped.
pub fn select(files: Vec<ModelFile>, entry: impl Fn(&ModelId) -> Option<ModelView>) -> Served {
	let mut candidates = HashMap::new();
	for file in files {
		match entry(&file.id) {
			None => warn!(
				file = %file.path.display(),
				id = %hex0x(&file.id),
				"skipped: its hash is not a registered model id"
			),
			Some(view) => {
				candidates.insert(file.id, (view, file));
			},
		}
	}
	let engine = Engine::new(candidates.iter().map(|(id, (_, file))| (*id, file.bytes.clone())).collect());
	let mut models = HashMap::new();
	for (id, (view, file)) in candidates {
		match engine.load(&id) {
			Ok(()) => {
				info!(
					model = %String::from_utf8_lossy(&view.name),
					id = %hex0x(&id),
					file = %file.path.display(),
					"serving"
				);
				models.insert(id, view);
			},
			Err(e) => warn!(file = %file.path.display(), "skipped: libtorch cannot load it: {e:#}"),
		}
	}
	Served { engine, models }
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::engine::Outcome;
	use deai_primitives::demo;

	#[test]
	fn files_are_identified_by_their_blake2_256() {
		let dir = tempfile::tempdir().unwrap();
		std::fs::write(dir.path().join("a.pt"), b"model a").unwrap();
		std::fs::write(dir.path().join("a.json"), b"{}").unwrap();
		std::fs::write(dir.path().join(".hidden"), b"x").unwrap();
		let found = scan(dir.path()).unwrap();
		assert_eq!(found.len(), 1);
		assert_eq!(found[0].id, blake2_256(b"model a"));
		assert_eq!(found[0].bytes, b"model a");
	}

	#[test]
	fn the_model_served_is_the_one_hashed_even_if_the_file_changes() {
		let dir = tempfile::tempdir().unwrap();
		let file = dir.path().join("digits.pt");
		std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/models/digits-mlp.pt"), &file).unwrap();
		std::fs::write(dir.path().join("junk.pt"), b"registered but not TorchScript").unwrap();
		let files = scan(dir.path()).unwrap();
		let digits = files.iter().find(|f| f.path == file).unwrap().id;
		let junk = blake2_256(b"registered but not TorchScript");
		// After the scan hashed it, the file is replaced (an update being copied in) and then
		// removed: the old code loaded it again by path, running other bytes under this id.
		std::fs::write(&file, b"half-copied new version").unwrap();
		let served = select(files, |id| (*id == digits || *id == junk).then(demo::digits_mlp));
		std::fs::remove_file(&file).unwrap();
		assert_eq!(served.ids(), vec![digits], "the unloadable file is skipped");
		let run = served.engine.infer(&digits, &demo::digits_mlp(), &[0u8; 64], 1024);
		assert!(matches!(run.outcome, Outcome::Answer(_)), "{:?}", run.outcome);
	}
}
