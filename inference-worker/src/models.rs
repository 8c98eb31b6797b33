//! The model folder: every file is hashed (blake2-256); only files whose hash is a registered
//! model id are served.

use anyhow::{Context, Result};
use deai_primitives::{blake2_256, ModelId};
use std::path::{Path, PathBuf};

/// The model files in `dir` with their ids (hidden files and `.json` reports are ignored).
pub fn scan(dir: &Path) -> Result<Vec<(ModelId, PathBuf)>> {
	let mut found = Vec::new();
	for entry in std::fs::read_dir(dir).with_context(|| format!("read model folder {}", dir.display()))? {
		let path = entry?.path();
		let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
		if !path.is_file() || name.starts_with('.') || name.ends_with(".json") {
			continue;
		}
		let bytes = std::fs::read(&path).with_context(|| format!("read {}", path.display()))?;
		found.push((blake2_256(&bytes), path));
	}
	found.sort_by(|a, b| a.1.cmp(&b.1));
	Ok(found)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn files_are_identified_by_their_blake2_256() {
		let dir = tempfile::tempdir().unwrap();
		std::fs::write(dir.path().join("a.pt"), b"model a").unwrap();
		std::fs::write(dir.path().join("a.json"), b"{}").unwrap();
		std::fs::write(dir.path().join(".hidden"), b"x").unwrap();
		let found = scan(dir.path()).unwrap();
		assert_eq!(found.len(), 1);
		assert_eq!(found[0].0, blake2_256(b"model a"));
	}
}
