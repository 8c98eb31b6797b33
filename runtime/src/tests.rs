//! Runtime-level checks: pallet integrity tests, genesis presets, and the embedded version.

use super::*;
use frame_support::traits::{IntegrityTest, fungible::Inspect};
use serde_json::Value;
use sp_keyring::Sr25519Keyring;

/// RFC 7386 JSON merge patch, as the node applies a preset to the default genesis config.
fn merge(base: &mut Value, patch: &Value) {
	match (base, patch) {
		(Value::Object(base), Value::Object(patch)) =>
			for (k, v) in patch {
				if v.is_null() {
					base.remove(k);
				} else {
					merge(base.entry(k.clone()).or_insert(Value::Null), v);
				}
			},
		(base, patch) => *base = patch.clone(),
	}
}

/// Builds the genesis state of a preset, as `build-spec` and the node do.
fn preset_ext(name: &str) -> sp_io::TestExternalities {
	let patch: Value = serde_json::from_slice(
		&genesis_config_presets::get_preset(&name.into()).expect("preset exists"),
	)
	.unwrap();
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
	merge(&mut config, &patch);
	let config: RuntimeGenesisConfig = serde_json::from_value(config).expect("preset is a valid genesis config");
	let storage = sp_runtime::BuildStorage::build_storage(&config).unwrap();
	storage.into()
}

#[test]
fn every_pallet_passes_its_integrity_test() {
	sp_io::TestExternalities::new_empty().execute_with(AllPalletsWithSystem::integrity_test);
}

#[test]
fn preset_names_are_development_and_local_testnet() {
	let names = genesis_config_presets::preset_names();
	assert_eq!(names, vec!["development".to_string(), "local_testnet".to_string()]);
	assert!(genesis_config_presets::get_preset(&"no-such-preset".into()).is_none());
}

#[test]
fn development_preset_builds_with_one_authority_and_endowed_dev_accounts() {
	preset_ext("development").execute_with(|| {
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 1);
		assert_eq!(pallet_grandpa::Pallet::<Runtime>::grandpa_authorities().len(), 1);
		for who in [Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Ferdie] {
			assert_eq!(Balances::balance(&who.to_account_id()), genesis_config_presets::ENDOWMENT);
		}
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), Some(Sr25519Keyring::Alice.to_account_id()));
		assert_eq!(Balances::balance(&configs::TreasuryAccount::get()), EXISTENTIAL_DEPOSIT);
	});
}

#[test]
fn local_testnet_preset_builds_with_two_authorities() {
	preset_ext("local_testnet").execute_with(|| {
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 2);
		assert_eq!(pallet_grandpa::Pallet::<Runtime>::grandpa_authorities().len(), 2);
	});
}

#[test]
fn embedded_wasm_carries_this_runtime_version() {
	let wasm = WASM_BINARY.expect("the wasm runtime is built with the std feature");
	let blob = sc_executor_common::runtime_blob::RuntimeBlob::uncompress_if_needed(wasm).unwrap();
	let embedded = sc_executor::read_embedded_version(&blob).unwrap().expect("version section");
	assert_eq!(embedded.spec_name, VERSION.spec_name);
	assert_eq!(embedded.spec_version, VERSION.spec_version);
	assert_eq!(embedded.transaction_version, VERSION.transaction_version);
}

#[test]
fn ss58_prefix_and_token_constants_are_consistent() {
	assert_eq!(<Runtime as frame_system::Config>::SS58Prefix::get(), SS58_PREFIX);
	assert_eq!(UNIT, 10u128.pow(TOKEN_DECIMALS as u32));
	assert!(EXISTENTIAL_DEPOSIT > 0);
}

#[test]
fn treasury_address_is_the_one_chain_spec_tooling_computes() {
	use sp_core::crypto::Ss58Codec;
	// chain-spec/apply_inputs.py derives the same address from the pallet id independently.
	assert_eq!(
		configs::TreasuryAccount::get().to_ss58check(),
		"5EYCAe5gKMjzAUKRq7SJSUMSi4CzQLvZGcWcigdkfsuc6AUs"
	);
}

#[test]
fn development_genesis_registers_the_demo_models() {
	preset_ext("development").execute_with(|| {
		let vad = Inference::model_view(genesis_config_presets::SILERO_VAD_ID).expect("silero-vad");
		assert_eq!(vad.input_len(), Some(64_000));
		assert_eq!(vad.method, b"audio_forward".to_vec());
		let digits = Inference::model_view(genesis_config_presets::DIGITS_MLP_ID).expect("digits");
		assert_eq!(digits.input_len(), Some(64));
		assert_eq!(digits.output, deai_primitives::OutputEncoding::Argmax);
	});
}

#[test]
fn the_committed_digits_model_hashes_to_its_genesis_id() {
	let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../inference-worker/models/digits-mlp.pt"))
		.expect("the digits model is committed");
	assert_eq!(deai_primitives::blake2_256(&bytes), genesis_config_presets::DIGITS_MLP_ID);
}
