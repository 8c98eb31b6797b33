//! Built-in chain specifications: `dev` and `local`. Other networks load a JSON spec built by
//! `scripts/build-chain-spec.sh` from the inputs in `chain-spec/`.

use deai_runtime::{WASM_BINARY, SS58_PREFIX, TOKEN_DECIMALS, TOKEN_SYMBOL};
use sc_service::{ChainType, Properties};

/// A chain spec of this runtime (no node-side extensions).
pub type ChainSpec = sc_service::GenericChainSpec;

/// Token symbol, decimals and address format, shown by wallets such as polkadot-js apps.
pub fn properties() -> Properties {
	let mut p = Properties::new();
	p.insert("tokenSymbol".into(), TOKEN_SYMBOL.into());
	p.insert("tokenDecimals".into(), TOKEN_DECIMALS.into());
	p.insert("ss58Format".into(), SS58_PREFIX.into());
	p
}

fn wasm() -> Result<&'static [u8], String> {
	WASM_BINARY.ok_or_else(|| "Development wasm not available".to_string())
}

/// A single-authority development chain (Alice), produced from the runtime's `development` preset.
pub fn development_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name("deai development")
		.with_id("deai_dev")
		.with_chain_type(ChainType::Development)
		.with_genesis_config_preset_name(sp_genesis_builder::DEV_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}

/// A two-authority local testnet (Alice and Bob), from the runtime's `local_testnet` preset.
pub fn local_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name("deai local testnet")
		.with_id("deai_local")
		.with_chain_type(ChainType::Local)
		.with_genesis_config_preset_name(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}
