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
	checkpoint: Arc<Mutex<Option<(u64, H256, AtBlock)>>>,
	counts: Arc<Counts>,
}

#[derive(Default)]
struct Counts {
	sent: AtomicU64,
	refused: AtomicU64,
	retried: AtomicU64,
	in_flight: AtomicU64,
	/// Refused attempts by call and reason (those sent again included).
	reasons: Mutex<std::collections::BTreeMap<String, u64>>,
}

/// How long a refused commit or reveal waits before it is sent again, and how many times.
pub const RETRY_DELAY: std::time::Duration = std::time::Duration::from_millis(300);
/// See [`RETRY_DELAY`]: about four blocks in all, well within a commit or reveal window.
pub const RETRIES: u32 = 30;

/// Why the node refused a submission, in its words (a refusal's data holds the validity error).
fn reason(e: &anyhow::Error) -> String {
	match e.downcast_ref::<subxt::rpcs::Error>() {
		Some(subxt::rpcs::Error::User(u)) => match &u.data {
			Some(data) => format!("{}: {}", u.message, data.get()),
			None => u.message.clone(),
		},
		_ => format!("{e:#}"),
	}
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
		Ok(Self { client, rpc: LegacyRpcMethods::new(rpc_client.clone()), raw: rpc_client, checkpoint: Default::default(), counts: Default::default() })
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
	/// is counted by reason (the first few are printed).
	pub fn send<C: Payload + Send + Sync + 'static>(&self, actor: &Arc<Actor>, call: C) {
		self.send_retrying(actor, call, 0);
	}

	/// As [`Sender::send`], but a transaction the runtime refuses for the state it was checked
	/// against (a pallet error: `Custom`) is signed again with the same nonce and sent again after
	/// [`RETRY_DELAY`], up to `retries` times, as a worker does. A commit sent the moment its
	/// assignment's block is announced can reach the transaction pool before the pool has moved
	/// to that block; checked against the block before, the task is not in its commit phase yet
	/// (`NotCommitPhase`).
	pub fn send_retrying<C: Payload + Send + Sync + 'static>(&self, actor: &Arc<Actor>, call: C, retries: u32) {
		let nonce = actor.next_nonce();
		let checkpoint = self.checkpoint.clone();
		let actor = actor.clone();
		let name = call.call_name().to_string();
		let rpc = self.rpc.clone();
		let counts = self.counts.clone();
		counts.in_flight.fetch_add(1, Ordering::SeqCst);
		tokio::spawn(async move {
			let mut left = retries;
			loop {
				let base = checkpoint.lock().unwrap_or_else(|e| e.into_inner()).clone();
				let sent = async {
					let (number, hash, at) = base.context("no block to build transactions at yet")?;
					let params = DefaultExtrinsicParamsBuilder::<SubstrateConfig>::new()
						.nonce(nonce)
						.mortal_from_unchecked(MORTALITY, number, hash)
						.build();
					// sr25519 signatures are randomised: a transaction signed again has a new hash, so
					// the pool's ban of the refused one does not apply to it.
					let signed = at.tx().create_signable_offline(&call, params)?.sign(actor.key())?;
					rpc.author_submit_extrinsic(signed.encoded()).await?;
					anyhow::Ok(())
				}
				.await;
				let Err(e) = sent else {
					counts.sent.fetch_add(1, Ordering::SeqCst);
					break;
				};
				let why = reason(&e);
				*counts.reasons.lock().unwrap_or_else(|e| e.into_inner()).entry(format!("{name}: {why}")).or_default() += 1;
				// Sent again after a refusal, and now refused as a replacement of a transaction with
				// its nonce: the pool had kept the first one after all (it validates a submission
				// against every block it follows, and one of them accepted it).
				if left < retries && why.contains("Priority is too low") {
					counts.sent.fetch_add(1, Ordering::SeqCst);
					break;
				}
				if left > 0 && why.contains("Custom error") {
					left -= 1;
					counts.retried.fetch_add(1, Ordering::SeqCst);
					tokio::time::sleep(RETRY_DELAY).await;
					continue;
				}
				if counts.refused.fetch_add(1, Ordering::SeqCst) < 5 {
					eprintln!("[deai-load] {name} (nonce {nonce}) was refused: {why}");
				}
				break;
			}
			counts.in_flight.fetch_sub(1, Ordering::SeqCst);
		});
	}

	/// Refused attempts so far by call and reason (those sent again included).
	pub fn refusals(&self) -> std::collections::BTreeMap<String, u64> {
		self.counts.reasons.lock().unwrap_or_else(|e| e.into_inner()).clone()
	}

	/// Attempts refused and sent again so far.
	pub fn retried(&self) -> u64 {
		self.counts.retried.load(Ordering::SeqCst)
	}

	/// Transactions the node accepted so far.
	pub fn sent(&self) -> u64 {
		self.counts.sent.load(Ordering::SeqCst)
	}

	/// Transactions the node refused for good (or that could not be sent) so far.
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
