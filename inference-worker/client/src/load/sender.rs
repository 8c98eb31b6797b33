//! Signs and submits the load's transactions: each on its own tokio task (so signing runs on every
//! core the runtime has), without a watch (`author_submitExtrinsic`: the node keeps no
//! subscription per transaction), spread over several connections.

use super::accounts::Actor;
use anyhow::{Context, Result};
use std::sync::{
	atomic::{AtomicU64, Ordering},
	Arc, Mutex,
};
use subxt::{
	backend::LegacyBackend,
	client::{ClientAtBlock, OnlineClientAtBlockImpl},
	config::{substrate::H256, DefaultExtrinsicParamsBuilder, RpcConfigFor},
	rpcs::{
		client::{jsonrpsee_client, RoundRobinRpcClient, RpcClient},
		methods::LegacyRpcMethods,
	},
	transactions::Payload,
	OnlineClient, SubstrateConfig,
};

/// How many blocks a load transaction stays valid from its checkpoint (as the worker's).
pub const MORTALITY: u64 = crate::chain::MORTALITY;

type AtBlock = ClientAtBlock<SubstrateConfig, OnlineClientAtBlockImpl<SubstrateConfig>>;

/// The load's connections to one node, and its counts of transactions.
pub struct Sender {
	client: OnlineClient<SubstrateConfig>,
	rpc: LegacyRpcMethods<RpcConfigFor<SubstrateConfig>>,
	raw: RpcClient,
	/// The block transactions are built at (their mortality's checkpoint), with its number.
	checkpoint: Mutex<Option<(u64, H256, AtBlock)>>,
	counts: Arc<Counts>,
}

#[derive(Default)]
struct Counts {
	sent: AtomicU64,
	refused: AtomicU64,
	in_flight: AtomicU64,
}

impl Sender {
	/// Connects `connections` times to `url`; requests take the connections in turn.
	pub async fn connect(url: &str, connections: usize) -> Result<Self> {
		let mut clients = Vec::new();
		for _ in 0..connections.max(1) {
			clients.push(jsonrpsee_client(url).await.with_context(|| format!("connect to {url}"))?);
		}
		let rpc_client = RpcClient::new(RoundRobinRpcClient::new(clients));
		let backend = LegacyBackend::<SubstrateConfig>::builder().build(rpc_client.clone());
		let client = OnlineClient::<SubstrateConfig>::from_backend(Arc::new(backend))
			.await
			.with_context(|| format!("set up a client for {url}"))?;
		Ok(Self { client, rpc: LegacyRpcMethods::new(rpc_client.clone()), raw: rpc_client, checkpoint: Mutex::new(None), counts: Default::default() })
	}

	/// The subxt client.
	pub fn client(&self) -> &OnlineClient<SubstrateConfig> {
		&self.client
	}

	/// The node's legacy RPC methods.
	pub fn rpc(&self) -> &LegacyRpcMethods<RpcConfigFor<SubstrateConfig>> {
		&self.rpc
	}

	/// How many transactions wait in the node's pool (`author_pendingExtrinsics`).
	pub async fn pool_len(&self) -> Result<usize> {
		let pending: Vec<String> = self.raw.request("author_pendingExtrinsics", subxt::rpcs::rpc_params![]).await?;
		Ok(pending.len())
	}

	/// Builds later transactions at block `hash`, number `number` (a best block's parent: a mortal
	/// transaction cannot count from the block whose state validates it).
	pub async fn set_checkpoint(&self, hash: H256, number: u64) -> Result<()> {
		if self.checkpoint.lock().unwrap_or_else(|e| e.into_inner()).as_ref().is_some_and(|(n, _, _)| *n >= number) {
			return Ok(());
		}
		let at = self.client.at_block(hash).await.context("read the block transactions are built at")?;
		*self.checkpoint.lock().unwrap_or_else(|e| e.into_inner()) = Some((number, hash, at));
		Ok(())
	}

	/// Signs `call` as `actor` with its next nonce and submits it, on a task of its own; a refusal
	/// is counted (the first few are printed).
	pub fn send<C: Payload + Send + Sync + 'static>(&self, actor: &Arc<Actor>, call: C) {
		let nonce = actor.next_nonce();
		let base = self.checkpoint.lock().unwrap_or_else(|e| e.into_inner()).clone();
		let actor = actor.clone();
		let rpc = self.rpc.clone();
		let counts = self.counts.clone();
		counts.in_flight.fetch_add(1, Ordering::SeqCst);
		tokio::spawn(async move {
			let sent = async {
				let (number, hash, at) = base.context("no block to build transactions at yet")?;
				let params = DefaultExtrinsicParamsBuilder::<SubstrateConfig>::new()
					.nonce(nonce)
					.mortal_from_unchecked(MORTALITY, number, hash)
					.build();
				let signed = at.tx().create_signable_offline(&call, params)?.sign(actor.key())?;
				rpc.author_submit_extrinsic(signed.encoded()).await?;
				anyhow::Ok(())
			}
			.await;
			match sent {
				Ok(()) => counts.sent.fetch_add(1, Ordering::SeqCst),
				Err(e) => {
					if counts.refused.fetch_add(1, Ordering::SeqCst) < 5 {
						eprintln!("[deai-load] a submission was refused: {e:#}");
					}
					0
				},
			};
			counts.in_flight.fetch_sub(1, Ordering::SeqCst);
		});
	}

	/// Transactions the node accepted so far.
	pub fn sent(&self) -> u64 {
		self.counts.sent.load(Ordering::SeqCst)
	}

	/// Transactions the node refused (or that could not be sent) so far.
	pub fn refused(&self) -> u64 {
		self.counts.refused.load(Ordering::SeqCst)
	}

	/// Waits (at most 30 s) until every submission has an answer.
	pub async fn drain(&self) {
		for _ in 0..300 {
			if self.counts.in_flight.load(Ordering::SeqCst) == 0 {
				return;
			}
			tokio::time::sleep(std::time::Duration::from_millis(100)).await;
		}
	}
}
