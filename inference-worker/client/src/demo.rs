//! The demo models: their ids, the names people may use for them, and their entries.
//!
//! The canonical ids are the dev genesis's (`runtime/src/genesis_config_presets.rs`,
//! `SILERO_VAD_ID` and `DIGITS_MLP_ID`), which this crate cannot depend on (it would pull the
//! whole runtime in); a test reads that file and checks these constants against it. Everything
//! in the worker folder takes the ids from here.

use deai_primitives::{demo, ModelId, ModelView};

/// Model id (blake2-256) of `silero_vad.jit` from the silero-vad 6.2.3 wheel.
pub const SILERO_VAD_ID: ModelId = hex32("4998d283b192378153ae7178b3b049fc4801577f833169e3efcc0c05b5ad6315");

/// Model id (blake2-256) of `inference-worker/models/digits-mlp.pt`.
pub const DIGITS_MLP_ID: ModelId = hex32("ba8450ac4c9f735b23b0ae50691b8cab6a98f69ee6d937db5f91cbb7b3829a06");

/// A demo model.
#[derive(Clone, Copy, Debug)]
pub struct DemoModel {
	/// The short name people may give instead of the id (`deai-task --model vad`).
	pub alias: &'static str,
	/// Its id.
	pub id: ModelId,
	/// Its entry as registered at genesis.
	pub entry: fn() -> ModelView,
}

/// The demo models registered at the dev genesis.
pub const MODELS: [DemoModel; 2] = [
	DemoModel { alias: "vad", id: SILERO_VAD_ID, entry: demo::silero_vad },
	DemoModel { alias: "digits", id: DIGITS_MLP_ID, entry: demo::digits_mlp },
];

/// The demo model called `alias`.
pub fn by_alias(alias: &str) -> Option<&'static DemoModel> {
	MODELS.iter().find(|m| m.alias == alias)
}

/// Parses 64 lowercase hex digits at compile time.
const fn hex32(s: &str) -> [u8; 32] {
	const fn nibble(c: u8) -> u8 {
		match c {
			b'0'..=b'9' => c - b'0',
			b'a'..=b'f' => c - b'a' + 10,
			_ => panic!("not a lowercase hex digit"),
		}
	}
	let b = s.as_bytes();
	assert!(b.len() == 64, "a model id is 64 hex digits");
	let mut out = [0u8; 32];
	let mut i = 0;
	while i < 32 {
		out[i] = (nibble(b[2 * i]) << 4) | nibble(b[2 * i + 1]);
		i += 1;
	}
	out
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::hex0x;

	/// The genesis presets are the canonical definition: these constants must be the ids there.
	#[test]
	fn the_ids_are_the_genesis_ids() {
		let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../runtime/src/genesis_config_presets.rs");
		let genesis = std::fs::read_to_string(path).expect("the runtime's genesis presets");
		let constant = |name: &str| -> String {
			// `pub const NAME: [u8; 32] = hex_literal("...")` or `... = hex_literal(NAME_HEX)` with
			// `const NAME_HEX: &str = "..."`.
			let at = genesis.find(&format!("const {name}:")).unwrap_or_else(|| panic!("{name} in the genesis presets"));
			let rest = &genesis[at..];
			let rest = &rest[rest.find('=').unwrap() + 1..];
			let value = &rest[..rest.find(';').unwrap()];
			match value.split('"').nth(1) {
				Some(hex) => hex.to_string(),
				None => {
					let inner = value.trim().trim_start_matches("hex_literal(").trim_end_matches(')').trim();
					constant_hex(&genesis, inner)
				},
			}
		};
		fn constant_hex(genesis: &str, name: &str) -> String {
			let at = genesis.find(&format!("const {name}:")).unwrap_or_else(|| panic!("{name} in the genesis presets"));
			genesis[at..].split('"').nth(1).unwrap().to_string()
		}
		assert_eq!(constant("SILERO_VAD_ID"), hex::encode(SILERO_VAD_ID));
		assert_eq!(constant("DIGITS_MLP_ID"), hex::encode(DIGITS_MLP_ID));
	}

	/// The scripts and the client tests read the ids from the models' descriptions.
	#[test]
	fn the_ids_are_the_model_descriptions_ids() {
		for (file, id) in [("silero-vad.json", SILERO_VAD_ID), ("digits-mlp.json", DIGITS_MLP_ID)] {
			let path = format!("{}/../models/{file}", env!("CARGO_MANIFEST_DIR"));
			let text = std::fs::read_to_string(&path).expect("the model's description");
			assert!(text.contains(&format!("\"model_id\": \"{}\"", hex0x(id))), "{file} names another id");
		}
	}

	#[test]
	fn the_entries_are_the_demo_entries() {
		assert_eq!((by_alias("vad").unwrap().entry)(), demo::silero_vad());
		assert_eq!(by_alias("digits").unwrap().id, DIGITS_MLP_ID);
		assert!(by_alias("mnist").is_none());
	}
}
