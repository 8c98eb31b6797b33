//! Genesis presets: `development` (one validator, Alice, and Alice's sudo key) and
//! `local_testnet` (validators Alice and Bob, no sudo key: root calls pass through governance).
//!
//! Both endow the well-known development accounts, bond their validators' stake with staking
//! (which elects them for the first era) and use the short test periods
//! ([`crate::timing::Periods::testing`]). The node's chain specs are built from these presets;
//! `chain-spec/` builds a network's spec from its own inputs.

use crate::{
	configs::TreasuryAccount, timing::Periods, AccountId, Balance, BalancesConfig, RuntimeGenesisConfig,
	SessionKeys, StakingConfig, SudoConfig, BABE_GENESIS_EPOCH_CONFIG, EXISTENTIAL_DEPOSIT, UNIT,
};
use alloc::{string::String, vec, vec::Vec};
use frame_support::build_struct_json_patch;
use pallet_staking::StakerStatus;
use serde_json::Value;
use sp_consensus_babe::AuthorityId as BabeId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// The demo models registered at genesis, so a new user can create a task at once; their
/// entries are described in [`deai_primitives::demo`].
pub fn demo_models() -> Vec<pallet_inference::GenesisModel> {
	use deai_primitives::demo;
	[(SILERO_VAD_ID, demo::silero_vad()), (DIGITS_MLP_ID, demo::digits_mlp())]
		.into_iter()
		.map(|(id, view)| pallet_inference::GenesisModel {
			id,
			name: String::from_utf8(view.name).expect("the demo names are UTF-8"),
			input_type: view.input_type,
			input_shape: view.input_shape,
			method: String::from_utf8(view.method).expect("the demo methods are UTF-8"),
			extra_args: view.extra_args,
			output: view.output,
			comparison: view.comparison,
		})
		.collect()
}

/// Model id (blake2-256) of `silero_vad.jit` from the silero-vad 6.2.3 wheel.
pub const SILERO_VAD_ID: [u8; 32] =
	hex_literal("4998d283b192378153ae7178b3b049fc4801577f833169e3efcc0c05b5ad6315");
/// Model id (blake2-256) of `inference-worker/models/digits-mlp.pt`.
pub const DIGITS_MLP_ID: [u8; 32] = hex_literal(DIGITS_MLP_HEX);
const DIGITS_MLP_HEX: &str = "ba8450ac4c9f735b23b0ae50691b8cab6a98f69ee6d937db5f91cbb7b3829a06";

/// Parses 64 hex digits at compile time.
const fn hex_literal(s: &str) -> [u8; 32] {
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

const fn nibble(c: u8) -> u8 {
	match c {
		b'0'..=b'9' => c - b'0',
		b'a'..=b'f' => c - b'a' + 10,
		_ => panic!("not a lowercase hex digit"),
	}
}

/// What each endowed development account starts with.
pub const ENDOWMENT: u128 = 1_000_000 * UNIT;

/// What each genesis validator bonds.
pub const VALIDATOR_BOND: Balance = 10_000 * UNIT;
/// The least a validator must bond (development and test networks).
pub const MIN_VALIDATOR_BOND: Balance = 1_000 * UNIT;
/// The least a nominator must bond (development and test networks).
pub const MIN_NOMINATOR_BOND: Balance = 100 * UNIT;
/// Validators an election picks at most (development and test networks): room for newcomers.
pub const VALIDATOR_COUNT: u32 = 10;

/// A genesis validator: its stash account and its session keys.
pub struct GenesisValidator {
	/// The stash account (bonds the stake, receives the rewards).
	pub stash: AccountId,
	/// Its BABE key.
	pub babe: BabeId,
	/// Its GRANDPA key.
	pub grandpa: GrandpaId,
}

/// The genesis patch for a chain with the given validators, endowed accounts and sudo key (none
/// on a network that must not have one). A chain with a sudo key is a development chain: it
/// also trusts a sole authority with the inference pallet's randomness.
pub fn testnet_genesis(
	validators: Vec<GenesisValidator>,
	endowed_accounts: Vec<AccountId>,
	root: Option<AccountId>,
) -> Value {
	let development = root.is_some();
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed_accounts
				.iter()
				.cloned()
				.map(|k| (k, ENDOWMENT))
				// The treasury exists from genesis, so slashes smaller than the existential
				// deposit are not lost.
				.chain(core::iter::once((TreasuryAccount::get(), EXISTENTIAL_DEPOSIT)))
				.collect::<Vec<_>>(),
		},
		babe: pallet_babe::GenesisConfig { epoch_config: BABE_GENESIS_EPOCH_CONFIG },
		session: pallet_session::GenesisConfig {
			keys: validators
				.iter()
				.map(|v| {
					let keys = SessionKeys { babe: v.babe.clone(), grandpa: v.grandpa.clone() };
					(v.stash.clone(), v.stash.clone(), keys)
				})
				.collect::<Vec<_>>(),
		},
		staking: StakingConfig {
			validator_count: VALIDATOR_COUNT,
			minimum_validator_count: 1,
			stakers: validators
				.iter()
				.map(|v| (v.stash.clone(), v.stash.clone(), VALIDATOR_BOND, StakerStatus::Validator))
				.collect::<Vec<_>>(),
			min_validator_bond: MIN_VALIDATOR_BOND,
			min_nominator_bond: MIN_NOMINATOR_BOND,
			// The election reads every candidate: more could crowd the ones with the most
			// stake out of its bounded snapshot.
			max_validator_count: Some(crate::configs::staking::MAX_ELECTABLE_TARGETS),
		},
		timing: crate::timing::GenesisConfig { periods: Periods::testing(), trust_sole_authority: development },
		sudo: SudoConfig { key: root },
		inference: pallet_inference::GenesisConfig { models: demo_models() },
	})
}

/// A well-known development account as a validator, with its dev-seed session keys.
pub fn dev_validator(account: Sr25519Keyring, grandpa: Ed25519Keyring) -> GenesisValidator {
	GenesisValidator {
		stash: account.to_account_id(),
		babe: account.public().into(),
		grandpa: grandpa.public().into(),
	}
}

/// The development preset: Alice validates alone and holds the sudo key.
pub fn development_config_genesis() -> Value {
	testnet_genesis(
		vec![dev_validator(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect(),
		Some(Sr25519Keyring::Alice.to_account_id()),
	)
}

/// The local testnet preset: Alice and Bob validate; no sudo key.
pub fn local_config_genesis() -> Value {
	testnet_genesis(
		vec![
			dev_validator(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
			dev_validator(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
		],
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect(),
		None,
	)
}

/// The JSON of a named preset.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		_ => return None,
	};
	Some(
		serde_json::to_string(&patch)
			.expect("serialization to json is expected to work. qed.")
			.into_bytes(),
	)
}

/// The names of the presets this runtime offers.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
	]
}
