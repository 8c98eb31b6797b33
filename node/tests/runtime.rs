//! Runtime-level checks: pallet integrity tests, genesis presets, the embedded version, and the
//! throughput ceiling from the weights.
//!
//! They live with the node, not in the runtime crate: built beside the node they reuse every
//! dependency the node build compiled (the runtime crate's own tests would compile the client
//! crates again with other features), which keeps the test command short.

use deai_runtime::*;
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

#[path = "runtime/consensus.rs"]
mod consensus;

/// Builds the genesis state of a preset, as `build-spec` and the node do.
fn preset_ext(name: &str) -> sp_io::TestExternalities {
	let patch: Value = serde_json::from_slice(
		&genesis_config_presets::get_preset(&name.into()).expect("preset exists"),
	)
	.unwrap();
	genesis_ext(&patch)
}

/// Builds the genesis state of a genesis patch, as the node does.
fn genesis_ext(patch: &Value) -> sp_io::TestExternalities {
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
	merge(&mut config, patch);
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
fn development_preset_builds_with_one_elected_validator_and_endowed_dev_accounts() {
	preset_ext("development").execute_with(|| {
		assert_eq!(pallet_babe::Authorities::<Runtime>::get().len(), 1);
		assert_eq!(pallet_grandpa::Pallet::<Runtime>::grandpa_authorities().len(), 1);
		assert_eq!(pallet_session::Validators::<Runtime>::get(), vec![Sr25519Keyring::Alice.to_account_id()]);
		assert!(pallet_staking::Validators::<Runtime>::contains_key(Sr25519Keyring::Alice.to_account_id()));
		for who in [Sr25519Keyring::Bob, Sr25519Keyring::Ferdie] {
			assert_eq!(Balances::balance(&who.to_account_id()), genesis_config_presets::ENDOWMENT);
		}
		// Alice's validator bond is held from her endowment.
		let alice = Sr25519Keyring::Alice.to_account_id();
		assert_eq!(Balances::total_balance(&alice), genesis_config_presets::ENDOWMENT);
		assert_eq!(
			Balances::balance(&alice),
			genesis_config_presets::ENDOWMENT - genesis_config_presets::VALIDATOR_BOND
		);
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), Some(Sr25519Keyring::Alice.to_account_id()));
		assert!(timing::TrustSoleAuthority::<Runtime>::get(), "the dev chain trusts its sole authority");
		assert_eq!(Balances::balance(&configs::TreasuryAccount::get()), EXISTENTIAL_DEPOSIT);
	});
}

#[test]
fn local_testnet_preset_builds_with_two_elected_validators_and_no_sudo_key() {
	preset_ext("local_testnet").execute_with(|| {
		assert_eq!(pallet_babe::Authorities::<Runtime>::get().len(), 2);
		assert_eq!(pallet_grandpa::Pallet::<Runtime>::grandpa_authorities().len(), 2);
		let validators = pallet_session::Validators::<Runtime>::get();
		assert_eq!(validators.len(), 2);
		for v in [Sr25519Keyring::Alice, Sr25519Keyring::Bob] {
			assert!(validators.contains(&v.to_account_id()));
		}
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), None, "a test network has no sudo key");
		assert_eq!(timing::NetworkPeriods::<Runtime>::get(), timing::Periods::testing());
		assert_eq!(timing::EpochBlocks::<Runtime>::get(), timing::Periods::testing().epoch_blocks);
		assert!(timing::EpochBlocks::<Runtime>::exists(), "BABE's epoch length is stored, not a default");
		assert!(!timing::TrustSoleAuthority::<Runtime>::get(), "a test network trusts no sole authority");
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

/// The chain's throughput ceiling for digits tasks with r = 3, derived from the benchmarked
/// weights at their worst cases (pools full, draws over a whole pool: 271 on 2026-12-07; 358 with
/// the v2 weights, which measured pools of a few members). Task creations are normal-class transactions, bounded by the normal class's share of
/// the block; commits and reveals are operational (the protocol's deadlines depend on them); all
/// of them and the hooks share the whole block. Every transaction also pays the block's base
/// weight per extrinsic and its transaction extensions' weight. Printed with `--nocapture`; the
/// README quotes it.
#[test]
fn throughput_ceiling_is_at_least_250_tasks_per_block() {
	use frame_support::{dispatch::DispatchClass, weights::Weight};
	use pallet_inference::{settlement::Work, WeightInfo};
	use sp_runtime::{generic::Era, traits::TransactionExtension};
	type W = <Runtime as pallet_inference::Config>::WeightInfo;
	type Inference = pallet_inference::Pallet<Runtime>;
	let weights = <Runtime as frame_system::Config>::BlockWeights::get();
	let r = 3u32;
	let input = 64u32; // the digits model's input
	let extensions: TxExtension = (
		frame_system::CheckNonZeroSender::new(),
		frame_system::CheckSpecVersion::new(),
		frame_system::CheckTxVersion::new(),
		frame_system::CheckGenesis::new(),
		frame_system::CheckEra::from(Era::Immortal),
		frame_system::CheckNonce::from(0),
		frame_system::CheckWeight::new(),
		pallet_inference::CheckNodeCall::new(),
		pallet_transaction_payment::ChargeTransactionPayment::from(0),
		frame_metadata_hash_extension::CheckMetadataHash::new(false),
		frame_system::WeightReclaim::new(),
	);
	// Per transaction: its call's weight, its extensions' weight, and the base weight.
	let overhead = |call: RuntimeCall, class: DispatchClass| {
		extensions.weight(&call).saturating_add(weights.get(class).base_extrinsic)
	};
	let model = genesis_config_presets::DIGITS_MLP_ID;
	let create_call = RuntimeCall::Inference(pallet_inference::Call::create_task {
		model,
		input: vec![0; input as usize],
		fee_per_node: UNIT,
		redundancy: Some(r),
	});
	let commit_call = RuntimeCall::Inference(pallet_inference::Call::commit { task: 0, commitment: Default::default() });
	let reveal_call = RuntimeCall::Inference(pallet_inference::Call::reveal { task: 0, result: vec![0; 4], salt: [0; 32] });
	// One task's transactions, as charged after dispatch: create (with its prepaid hook work,
	// no eviction), three commits by nodes serving one model, two reveals, and the last reveal
	// settling with each node back in its pool (capacity one: the worst case of the honest path).
	let create = Inference::create_task_charged(input, Some(r), false)
		.saturating_add(overhead(create_call, DispatchClass::Normal));
	let commit = Inference::commit_weight(1).saturating_add(overhead(commit_call, DispatchClass::Operational));
	let reveal_overhead = overhead(reveal_call, DispatchClass::Operational);
	let reveal = W::reveal().saturating_add(reveal_overhead);
	let settle = Inference::settle_weight(r, Work { updates: r, removals: 0, slashes: 0 }).saturating_add(reveal_overhead);
	let operational = commit * r as u64 + reveal * (r - 1) as u64 + settle;
	// The hook work the task causes: its draw (one pool entry per node), two stale deadline
	// entries, its pruning.
	let hooks = W::assign_task(r, Inference::pool_capacity()) + W::deadline_stale() * 2 + W::prune();
	let normal = weights.get(DispatchClass::Normal).max_total.unwrap();
	let whole = weights.max_block - weights.base_block;
	let by_normal = normal.ref_time() / create.ref_time();
	let by_block = whole.ref_time() / (create + operational + hooks).ref_time();
	let ceiling = by_normal.min(by_block);
	let us = |w: Weight| w.ref_time() as f64 / 1e6;
	println!("throughput ceiling (digits, r = {r}), from the runtime's weights:");
	println!("  create_task (normal; prepaid hook work, base and extensions) {:>8.1} us", us(create));
	println!("  {r} x commit (operational)                                  {:>8.1} us", us(commit * r as u64));
	println!("  {} x reveal (operational)                                  {:>8.1} us", r - 1, us(reveal * (r - 1) as u64));
	println!("  last reveal and settlement (operational)                    {:>8.1} us", us(settle));
	println!("  hook work (draw, stale entries, prune)                      {:>8.1} us", us(hooks));
	println!("  = one task                                                  {:>8.1} us", us(create + operational + hooks));
	println!("  normal class {:.0} ms: {by_normal} creations; whole block {:.0} ms: {by_block} tasks", us(normal) / 1e3, us(whole) / 1e3);
	println!("  ceiling: {ceiling} tasks per block");
	assert!(ceiling >= 250, "the ceiling is {ceiling} tasks per block");
}

/// The block's weight limit and the inference hooks' budget fit the block time with margin: a
/// block at its benchmarked worst case takes at most two thirds of a slot to execute, leaving
/// the rest for proposing, gossip and import; and the hooks' budget leaves normal transactions
/// their whole share.
#[test]
fn block_weight_fits_the_block_time_with_margin() {
	use frame_support::{dispatch::DispatchClass, weights::constants::WEIGHT_REF_TIME_PER_MILLIS};
	let weights = <Runtime as frame_system::Config>::BlockWeights::get();
	let slot = MILLI_SECS_PER_BLOCK * WEIGHT_REF_TIME_PER_MILLIS;
	assert!(weights.max_block.ref_time() * 3 <= slot * 2, "{:?} in a {MILLI_SECS_PER_BLOCK} ms slot", weights.max_block);
	let hooks = <Runtime as pallet_inference::Config>::MaxHookWeight::get();
	let normal = weights.get(DispatchClass::Normal).max_total.unwrap();
	assert!((hooks + normal + weights.base_block).all_lte(weights.max_block));
	// The latency the block time allows: half a block's wait for inclusion, three more blocks.
	let median_ms = MILLI_SECS_PER_BLOCK / 2 + 3 * MILLI_SECS_PER_BLOCK;
	assert!(median_ms <= 10_000, "a verified result {median_ms} ms after submission at best");
}

/// The on-chain election runs in the block that starts an era's last session; at its bounds
/// (voters, candidates, nominations per voter) reading its snapshot and solving it take at most
/// a quarter of a block, leaving the inference hooks and transactions their shares.
#[test]
fn the_election_at_its_bounds_fits_a_quarter_of_a_block() {
	use configs::staking::{MAX_ELECTABLE_TARGETS, MAX_ELECTING_VOTERS, MAX_NOMINATIONS};
	use frame_election_provider_support::weights::WeightInfo as _;
	use pallet_staking::WeightInfo as _;
	type Staking = <Runtime as pallet_staking::Config>::WeightInfo;
	let solve = <frame_election_provider_support::weights::SubstrateWeight<Runtime>>::phragmen(
		MAX_ELECTING_VOTERS,
		MAX_ELECTABLE_TARGETS,
		MAX_NOMINATIONS,
	);
	// The voters' snapshot reads every candidate (they vote for themselves) and every nominator.
	let snapshot = Staking::get_npos_voters(MAX_ELECTABLE_TARGETS, MAX_ELECTING_VOTERS - MAX_ELECTABLE_TARGETS)
		.saturating_add(Staking::get_npos_targets(MAX_ELECTABLE_TARGETS));
	let cost = solve.saturating_add(snapshot);
	let block = <Runtime as frame_system::Config>::BlockWeights::get().max_block;
	let ms = |w: frame_support::weights::Weight| w.ref_time() as f64 / 1e9;
	println!("election at its bounds: snapshot {:.0} ms + solution {:.0} ms of a {:.0} ms block", ms(snapshot), ms(solve), ms(block));
	assert!(cost.ref_time() * 4 <= block.ref_time(), "the election costs {cost:?} of {block:?}");
}

/// The public periods and the test periods are consistent (as the genesis build checks), and
/// the public ones are the hours and days the README gives.
#[test]
fn network_periods_are_consistent() {
	let public = timing::Periods::default();
	let testing = timing::Periods::testing();
	assert_eq!(public.check(), Ok(()));
	assert_eq!(testing.check(), Ok(()));
	assert_eq!(public.epoch_blocks * public.sessions_per_era, 6 * HOURS, "six-hour eras");
	assert_eq!(testing.epoch_blocks * testing.sessions_per_era * MILLI_SECS_PER_BLOCK as u32, 50_000, "50-second test eras");
	let bad = timing::Periods { slash_defer_eras: public.bonding_eras, ..public };
	assert!(bad.check().is_err(), "a slash must land before the stake unbonds");
}
