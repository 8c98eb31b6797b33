//! The node's RPC methods beyond Substrate's defaults: account nonces, fee estimates, and BABE's
//! `babe_epochAuthorship` (which slots this node's validator keys may author in this epoch).
//!
//! The inference protocol needs no custom RPC: clients read it through storage and the
//! `InferenceApi` runtime API (`state_call`), which polkadot-js decodes from metadata.

use std::sync::Arc;

use deai_runtime::{opaque::Block, AccountId, Balance, Nonce};
use jsonrpsee::RpcModule;
use sc_transaction_pool_api::TransactionPool;
use sp_api::ProvideRuntimeApi;
use sp_block_builder::BlockBuilder;
use sp_blockchain::{Error as BlockChainError, HeaderBackend, HeaderMetadata};

/// What the full node's RPC extensions need.
pub struct FullDeps<C, P, SC> {
	/// The client instance to use.
	pub client: Arc<C>,
	/// Transaction pool instance.
	pub pool: Arc<P>,
	/// The chain selection (longest chain).
	pub select_chain: SC,
	/// The node's keystore (its validator keys, if any).
	pub keystore: sp_keystore::KeystorePtr,
	/// A handle to the BABE worker (epoch data); it keeps the worker running.
	pub babe_worker: sc_consensus_babe::BabeWorkerHandle<Block>,
}

/// The RPC extensions of a full node.
pub fn create_full<C, P, SC>(
	deps: FullDeps<C, P, SC>,
) -> Result<RpcModule<()>, Box<dyn std::error::Error + Send + Sync>>
where
	C: ProvideRuntimeApi<Block>
		+ HeaderBackend<Block>
		+ HeaderMetadata<Block, Error = BlockChainError>
		+ Send
		+ Sync
		+ 'static,
	C::Api: substrate_frame_rpc_system::AccountNonceApi<Block, AccountId, Nonce>
		+ pallet_transaction_payment_rpc::TransactionPaymentRuntimeApi<Block, Balance>
		+ BlockBuilder<Block>
		+ sp_consensus_babe::BabeApi<Block>,
	P: TransactionPool + 'static,
	SC: sp_consensus::SelectChain<Block> + 'static,
{
	use pallet_transaction_payment_rpc::{TransactionPayment, TransactionPaymentApiServer};
	use sc_consensus_babe_rpc::{Babe, BabeApiServer};
	use substrate_frame_rpc_system::{System, SystemApiServer};

	let mut module = RpcModule::new(());
	let FullDeps { client, pool, select_chain, keystore, babe_worker } = deps;

	module.merge(System::new(client.clone(), pool).into_rpc())?;
	module.merge(TransactionPayment::new(client.clone()).into_rpc())?;
	module.merge(Babe::new(client, babe_worker, keystore, select_chain).into_rpc())?;

	Ok(module)
}
