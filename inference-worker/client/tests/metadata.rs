//! The typed calls and events against the runtime's metadata, `metadata/deai.scale` (the
//! SCALE-encoded `RuntimeMetadataPrefixed` that `state_getMetadata` returns), when it is there.

use deai_client::{
	api::{self, Call, Event},
	subxt::Metadata,
};
use std::path::PathBuf;

fn metadata_file() -> PathBuf {
	PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../metadata/deai.scale")
}

#[test]
fn every_call_and_event_matches_the_runtime_metadata() {
	let path = metadata_file();
	let Ok(bytes) = std::fs::read(&path) else {
		println!("SKIPPED: no {} (the runtime's metadata); nothing to check the typed calls and events against", path.display());
		return;
	};
	let metadata = Metadata::decode_from(&bytes).unwrap_or_else(|e| panic!("decode {}: {e}", path.display()));
	let mismatches = api::check(&metadata);
	assert!(
		mismatches.is_empty(),
		"the typed chain layer differs from {}:\n{}",
		path.display(),
		mismatches.iter().map(|m| m.to_string()).collect::<Vec<_>>().join("\n")
	);
	// Nothing is left unchecked: every call and event the worker and deai-task use is listed.
	let calls: Vec<_> = Call::shapes().into_iter().map(|(name, _)| name).collect();
	for name in ["commit", "reveal", "join", "update_node", "resume", "create_task", "create_sampled_task"] {
		assert!(calls.contains(&name), "{name}");
	}
	let events: Vec<_> = Event::shapes().into_iter().map(|(name, _)| name).collect();
	for name in [
		"TaskCreated",
		"TaskAssigned",
		"Committed",
		"RevealStarted",
		"Revealed",
		"TaskCompleted",
		"TaskFailed",
		"NodeRewarded",
		"NodeSlashed",
		"NodeJoined",
		"SampleDecided",
		"FeeRefunded",
	] {
		assert!(events.contains(&name), "{name}");
	}
}
