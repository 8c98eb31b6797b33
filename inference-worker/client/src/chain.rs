//! The worker's view of the chain: runtime API reads and signed transactions, over one
//! reconnecting RPC connection (subxt).
//!
//! Reads are the generated runtime API calls, constants and storage addresses of [`crate::api`]
//! (decoded into the `deai-primitives` types the runtime itself encodes), each refused by subxt
//! when its shape differs at the block read. Transactions are the generated calls of
//! [`crate::api`], encoded against the node's metadata, signed with the operator's
//! sr25519 key, and given their nonce from `system_accountNextIndex` (which counts transactions
//! still in the pool), one submission at a time, so a busy worker never races itself. A
//! submission returns as soon as its transaction is in a best block ([`Included`]); its events
//! are read afterwards, by whoever wants them, so the next action never waits for them. Events
//! are decoded into the typed events of [`crate::api`].
//!
//! At connection, and again whenever the runtime changes, everything this program uses is
//! compared with the metadata the node serves ([`crate::api::check`]); a call that does not match
//! is never sent, and [`Chain::require`] lets a program refuse to start when what it needs does
//! not match.

use crate::{
	api::{self, Call, Event, Mismatch},
	failover::{Failover, FailoverClient},
};
use anyhow::{anyhow, bail, Context, Result};
use codec::Encode;
use deai_primitives::{AssignedTask, ModelId, ModelView, NodeView, TaskView};
use subxt::{constants::Address as ConstantAddress, runtime_apis::Payload as RuntimeApiCall};
use std::time::{Duration, Instant};
use subxt::{
	backend::LegacyBackend,
	config::{substrate::H256, Config, DefaultExtrinsicParamsBuilder, Hasher, RpcConfigFor},
	error::TransactionEventsError,
	rpcs::{
		client::{reconnecting_rpc_client::ExponentialBackoff, RpcClient},
		methods::LegacyRpcMethods,
	},
	client::{ClientAtBlock, OnlineClientAtBlockImpl},
	transactions::{TransactionInBlock, TransactionStatus},
	utils::AccountId32,
	OnlineClient, SubstrateConfig,
};
use subxt_signer::sr25519::Keypair;

/// Block numbers on deai are `u32`.
pub type BlockNumber = u32;
/// Balances on deai are `u128`.
pub type Balance = u128;

/// The hasher of block headers (and transactions) that subxt uses for this chain.
pub type BlockHasher = <SubstrateConfig as Config>::Hasher;

/// How a submitted transaction ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TxOutcome {
	/// Included in a block and dispatched successfully, with the inference pallet's events it
	/// emitted.
	Success {
		/// The block that included it.
		block: H256,
		/// The inference pallet's events it emitted (those [`crate::api::Event`] knows).
		events: Vec<Event>,
	},
	/// Included, but the call failed with this error (e.g. `Inference::NotCommitPhase`).
	Failed {
		/// The block that included it.
		block: H256,
		/// The dispatch error, as `Pallet::Error`.
		error: String,
	},
}

/// How a call would end if sent now ([`Chain::dry_run`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DryRun {
	/// It would be included and dispatched successfully.
	Succeeds,
	/// It would be included (and its fee paid), and the call would fail with this error, as
	/// `Pallet::Error` (e.g. `Inference::PoolFull`).
	Fails(String),
	/// It would not even be included: the transaction is invalid (e.g. `Payment`: the account
	/// cannot pay the fee).
	Invalid(String),
}

impl DryRun {
	/// Reads an `ApplyExtrinsicResult`; a module's dispatch error is named from `metadata`
	/// (`Inference::PoolFull`), an invalid transaction by its variant (`Payment`).
	fn from_answer(answer: api::runtime::runtime_apis::block_builder::apply_extrinsic::output::Output, metadata: &subxt::Metadata) -> Self {
		use api::runtime::runtime_types::{sp_runtime::DispatchError, sp_runtime::transaction_validity::TransactionValidityError};
		match answer {
			Ok(Ok(())) => DryRun::Succeeds,
			Ok(Err(DispatchError::Module(error))) => DryRun::Fails(
				metadata
					.pallet_by_error_index(error.index)
					.and_then(|p| p.error_variant_by_index(error.error[0]).map(|v| format!("{}::{}", p.name(), v.name)))
					.unwrap_or_else(|| format!("{error:?}")),
			),
			Ok(Err(other)) => DryRun::Fails(variant_name(&other)),
			Err(TransactionValidityError::Invalid(invalid)) => DryRun::Invalid(variant_name(&invalid)),
			Err(TransactionValidityError::Unknown(_)) => DryRun::Invalid("Unknown".into()),
		}
	}
}

/// The variant of a generated enum value, as its `Debug` form starts (`Payment`, `Custom(3)`: `Custom`).
fn variant_name(value: &impl std::fmt::Debug) -> String {
	format!("{value:?}").split(['(', ' ', '{']).next().unwrap_or_default().to_string()
}

/// A transaction in a best block; its events are read on demand ([`Included::outcome`]).
pub struct Included {
	/// The block that included it.
	pub block: H256,
	tx: TransactionInBlock<SubstrateConfig, OnlineClientAtBlockImpl<SubstrateConfig>>,
}

impl Included {
	/// Reads the transaction's events: how its dispatch ended.
	pub async fn outcome(&self) -> Result<TxOutcome> {
		let block = self.block;
		match self.tx.wait_for_success().await {
			Ok(events) => Ok(TxOutcome::Success { block, events: decode_events(events.iter())? }),
			Err(TransactionEventsError::ExtrinsicFailed(e)) => {
				let error = match &e {
					subxt::error::DispatchError::Module(m) => m.details_string(),
					other => other.to_string(),
				};
				Ok(TxOutcome::Failed { block, error })
			},
			Err(e) => Err(anyhow!(e).context("read the transaction's events")),
		}
	}
}

/// The inference pallet's events among `events`, typed. An event whose fields do not decode as
/// declared (its shape changed: see [`Chain::require`]) is left out with a warning naming it;
/// an error reading the events is an error.
pub fn decode_events<'a>(
	events: impl Iterator<Item = Result<subxt::events::Event<'a, SubstrateConfig>, subxt::error::EventsError>>,
) -> Result<Vec<Event>> {
	let mut typed = vec![];
	for event in events {
		let event = event.context("read the events")?;
		match Event::decode(&event) {
			Some(Ok(decoded)) => typed.push(decoded),
			Some(Err(e)) => tracing::warn!(
				"cannot decode the event {}::{} as this program declares it (the runtime changed it?): {e}",
				event.pallet_name(),
				event.event_name()
			),
			None => {},
		}
	}
	Ok(typed)
}

/// A best block as announced by the node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Head {
	/// Its hash.
	pub hash: H256,
	/// Its number.
	pub number: u64,
	/// When its header arrived here.
	pub seen: Instant,
}

/// How long to wait for a transaction sent after block `at` whose window closes at block
/// `deadline` (the first block that refuses it): until that block is due, with `block_time`
/// between blocks; at least one block.
pub fn wait_bound(at: u64, deadline: u64, block_time: Duration) -> Duration {
	block_time.saturating_mul(deadline.saturating_sub(at).max(1).min(u32::MAX as u64) as u32)
}

/// Registration and other transactions without a window wait at most this long.
pub const UNBOUNDED_WAIT: Duration = Duration::from_secs(120);

/// A connection to a deai node, signing as one account.
pub struct Chain {
	failover: std::sync::Arc<Failover>,
	client: OnlineClient<SubstrateConfig>,
	rpc: LegacyRpcMethods<RpcConfigFor<SubstrateConfig>>,
	signer: Keypair,
	account: AccountId32,
	submit_lock: tokio::sync::Mutex<()>,
	/// The nonce of the last transaction sent that may still land (see [`pick_nonce`]); forgotten
	/// when one is refused, dropped or not included in time.
	last_nonce: std::sync::Mutex<Option<(u64, Instant)>>,
	/// The block transactions are built at (their mortality's checkpoint, the runtime version and
	/// metadata), with its number: prepared off a submission's path, see [`checkpoint`].
	tx_base: std::sync::Mutex<Option<(u64, H256, ClientAtBlock<SubstrateConfig, OnlineClientAtBlockImpl<SubstrateConfig>>)>>,
	/// One more than the number of the newest finalized block seen by
	/// [`Chain::prepare_transactions`] (0: none seen yet).
	finalized: std::sync::atomic::AtomicU64,
	block_time: Duration,
	hasher: BlockHasher,
	/// What differs from the runtime this program was built for, with the spec version it was
	/// found at (compared again when the runtime changes).
	incompatible: std::sync::Mutex<(u32, Vec<Mismatch>)>,
}

/// How many blocks a transaction stays valid from its checkpoint block (its mortality).
pub const MORTALITY: u64 = 64;

/// While the finalized block is at most this many blocks behind the best one, transactions are
/// built at it (see [`checkpoint`]).
pub const FINALITY_LAG_TOLERATED: u64 = 16;

/// When finality lags more, transactions are built at the best chain's block this many blocks
/// below the best: deeper than the short forks BABE makes, so a reorg seldom replaces it.
pub const CHECKPOINT_DEPTH: u64 = 8;

/// A checkpoint ahead of finality moves on every this many blocks.
pub const CHECKPOINT_STEP: u64 = 4;

/// The nonce of the next transaction, with `from_node` the node's `system_accountNextIndex` and
/// `last_sent` the nonce of the last one sent that may still land.
///
/// The node's answer alone is not enough: its pool may not count a transaction submitted a
/// moment before (two commits at one block got the same nonce, and the second was refused as
/// "priority too low" and waited a block). A nonce the node skips past is never reused.
pub fn pick_nonce(from_node: u64, last_sent: Option<u64>) -> u64 {
	last_sent.map_or(from_node, |last| from_node.max(last + 1))
}

/// The number of the block a transaction sent now is built at (its mortality's checkpoint), with
/// `best` and `finalized` the numbers of the best and the last finalized block.
///
/// The finalized block, which no reorg replaces, while it is recent; when finality stalls (one of
/// two GRANDPA voters down) while blocks go on, a block [`CHECKPOINT_DEPTH`] below the best:
/// a checkpoint fixed at the finalized block would make every commit and reveal invalid
/// [`MORTALITY`] blocks later, while tasks are still assigned.
pub fn checkpoint(best: u64, finalized: u64) -> u64 {
	if best.saturating_sub(finalized) <= FINALITY_LAG_TOLERATED {
		finalized
	} else {
		best - CHECKPOINT_DEPTH
	}
}

/// How often a lost connection is tried again: 0.5 s, 1 s, then every [`RECONNECT_MAX_DELAY`].
///
/// subxt's default backs off exponentially to a minute (10 ms, 100 ms, 1 s, 10 s, 60 s): a node
/// that takes twelve seconds to restart left its workers deaf for 71 s, long enough to miss a
/// task's commit window (seen in CI). A worker's node is its own, so trying every two seconds costs
/// nothing and keeps a restart within a block or two.
fn reconnect_policy() -> ExponentialBackoff {
	ExponentialBackoff::from_millis(2).factor(250).max_delay(RECONNECT_MAX_DELAY)
}

/// The longest wait between two tries of a lost connection.
const RECONNECT_MAX_DELAY: Duration = Duration::from_secs(2);

impl Chain {
	/// Connects to `url`; the connection reconnects by itself when the node restarts.
	pub async fn connect(url: &str, signer: Keypair) -> Result<Self> {
		Self::connect_any(&[url.to_string()], signer).await
	}

	/// Connects to the first of `urls` that answers, and moves on to the next in turn whenever
	/// the node in use stops answering (see [`crate::failover`]); each connection reconnects by
	/// itself when its node restarts.
	pub async fn connect_any(urls: &[String], signer: Keypair) -> Result<Self> {
		let failover = Failover::connect(urls, reconnect_policy()).await?;
		let url = failover.active_url().to_string();
		let rpc_client = RpcClient::new(FailoverClient(failover.clone()));
		// The legacy RPC methods only, as everywhere else here: subxt's default backend also follows
		// the chain with `chainHead`, which knows only the blocks its own subscription pinned and
		// answered "no such block" for every block of the node a failover moved to (seen in a test:
		// no task read after a switch), and for a new best block announced before it saw it.
		let backend = LegacyBackend::<SubstrateConfig>::builder().build(rpc_client.clone());
		let client = OnlineClient::<SubstrateConfig>::from_backend(std::sync::Arc::new(backend))
			.await
			.with_context(|| format!("set up a client for {url}"))?;
		let account = AccountId32(signer.public_key().0);
		let at = client.at_current_block().await.with_context(|| format!("read the current block of {url}"))?;
		let hasher = *at.hasher();
		let incompatible = (at.spec_version(), api::check(&at.metadata()));
		for mismatch in &incompatible.1 {
			tracing::debug!("the node's runtime differs from this program: {mismatch}");
		}
		let mut chain = Self {
			failover,
			client,
			rpc: LegacyRpcMethods::new(rpc_client),
			signer,
			account,
			submit_lock: Default::default(),
			last_nonce: Default::default(),
			tx_base: Default::default(),
			finalized: Default::default(),
			block_time: Duration::from_secs(3),
			hasher,
			incompatible: std::sync::Mutex::new(incompatible),
		};
		chain.block_time = chain.read_block_time().await;
		Ok(chain)
	}

	/// Fails, naming every difference, unless the node's runtime has the items `names` (calls,
	/// events, runtime API methods, constants of [`crate::api`]) with the shapes this program was
	/// built for.
	pub fn require(&self, names: &[&str]) -> Result<()> {
		let wrong: Vec<String> = self
			.incompatible()
			.iter()
			.filter(|m| names.iter().any(|name| m.is(name)))
			.map(|m| m.to_string())
			.collect();
		if !wrong.is_empty() {
			bail!(
				"the node's runtime does not match this program (update one of them):\n  {}",
				wrong.join("\n  ")
			);
		}
		Ok(())
	}

	/// The items of [`crate::api`] this program uses whose shapes the node's runtime does not
	/// share.
	pub fn incompatible(&self) -> Vec<Mismatch> {
		self.incompatible.lock().unwrap_or_else(|e| e.into_inner()).1.clone()
	}

	/// Compares what this program uses with the runtime of `at` again, if that runtime is not the
	/// one last compared; warns of each new difference.
	fn recheck(&self, at: &ClientAtBlock<SubstrateConfig, OnlineClientAtBlockImpl<SubstrateConfig>>) {
		let mut known = self.incompatible.lock().unwrap_or_else(|e| e.into_inner());
		if known.0 == at.spec_version() {
			return;
		}
		let found = api::check(&at.metadata());
		for mismatch in found.iter().filter(|m| !known.1.contains(m)) {
			tracing::warn!(spec_version = at.spec_version(), "the new runtime differs from this program: {mismatch}");
		}
		*known = (at.spec_version(), found);
	}

	/// The chain's block time: BABE's `ExpectedBlockTime` constant, else 3 s.
	async fn read_block_time(&self) -> Duration {
		match self.constant(api::runtime::constants().babe().expected_block_time()).await {
			Ok(ms) if ms > 0 => Duration::from_millis(ms),
			_ => {
				tracing::warn!("cannot read the block time from the chain: assuming 3 s");
				Duration::from_secs(3)
			},
		}
	}

	/// The chain's block time (target time between blocks).
	pub fn block_time(&self) -> Duration {
		self.block_time
	}

	/// Whether the node is still catching up with the network (`system_health`'s `isSyncing`):
	/// its best block is not the chain's, and what it shows may be long outdated.
	pub async fn is_syncing(&self) -> Result<bool> {
		Ok(self.rpc.system_health().await.context("system_health")?.is_syncing)
	}

	/// The hash of block `number` of the node's best chain (of the finalized chain, for a
	/// finalized number).
	pub async fn block_hash(&self, number: u64) -> Result<Option<H256>> {
		Ok(self.rpc.chain_get_block_hash(Some(number.into())).await?)
	}

	/// How many RPC endpoints this connection may use in turn.
	pub fn rpc_endpoints(&self) -> usize {
		self.failover.endpoints()
	}

	/// The RPC endpoint in use.
	pub fn rpc_url(&self) -> &str {
		self.failover.active_url()
	}

	/// This worker's account id bytes.
	pub fn account(&self) -> [u8; 32] {
		self.account.0
	}

	/// The subxt client (for block streams and events).
	pub fn client(&self) -> &OnlineClient<SubstrateConfig> {
		&self.client
	}

	/// The latest finalized block hash.
	pub async fn finalized_head(&self) -> Result<H256> {
		Ok(self.rpc.chain_get_finalized_head().await?)
	}

	/// New best blocks as they are imported, stamped with the moment their header arrived. The
	/// stream ends when the connection drops; subscribe again.
	pub async fn best_heads(&self) -> Result<impl futures::Stream<Item = Result<Head>> + use<>> {
		use futures::StreamExt;
		let heads = self.rpc.chain_subscribe_new_heads().await.context("subscribe to new heads")?;
		let hasher = self.hasher;
		Ok(heads.map(move |header| {
			let seen = Instant::now();
			let header = header.context("new heads subscription")?;
			Ok(Head { hash: hasher.hash(&header.encode()), number: header.number, seen })
		}))
	}

	/// Newly finalized blocks, as (hash, number). Several blocks finalized at once are announced
	/// by the newest only: fill the gaps by number ([`Chain::block_hash`]).
	pub async fn finalized_heads(&self) -> Result<impl futures::Stream<Item = Result<(H256, u64)>> + use<>> {
		use futures::StreamExt;
		let heads = self.rpc.chain_subscribe_finalized_heads().await.context("subscribe to finalized heads")?;
		let hasher = self.hasher;
		Ok(heads.map(move |header| {
			let header = header.context("finalized heads subscription")?;
			Ok((hasher.hash(&header.encode()), header.number))
		}))
	}

	/// The inference pallet's events of block `hash`, typed.
	pub async fn events(&self, hash: H256) -> Result<Vec<Event>> {
		let events = self.client.at_block(hash).await?.events().fetch().await?;
		decode_events(events.iter())
	}

	/// The number and the parent of block `hash`.
	pub async fn parent(&self, hash: H256) -> Result<(u64, H256)> {
		let header = self.rpc.chain_get_header(Some(hash)).await?.with_context(|| format!("no block {hash:?}"))?;
		Ok((header.number, header.parent_hash))
	}

	/// Calls the runtime API `call` (of [`crate::api::views`]) at block `at`.
	async fn view<C: RuntimeApiCall>(&self, at: H256, call: C) -> Result<C::ReturnType> {
		let name = format!("{}_{}", call.trait_name(), call.method_name());
		let at = self.client.at_block(at).await.with_context(|| format!("read block {at:?}"))?;
		at.runtime_apis().call(call).await.with_context(|| format!("runtime API {name}"))
	}

	/// The unfinished tasks assigned to this worker.
	pub async fn assigned_tasks(&self, at: H256) -> Result<Vec<AssignedTask<BlockNumber>>> {
		self.view(at, api::views().assigned_tasks(self.account.clone())).await
	}

	/// A task's status.
	pub async fn task(&self, at: H256, id: u64) -> Result<Option<TaskView<AccountId32, Balance, BlockNumber>>> {
		self.view(at, api::views().task(id)).await
	}

	/// A registered model's entry.
	pub async fn model(&self, at: H256, id: ModelId) -> Result<Option<ModelView>> {
		self.view(at, api::views().model(id)).await
	}

	/// This worker's node registration.
	pub async fn node(&self, at: H256) -> Result<Option<NodeView<Balance>>> {
		self.view(at, api::views().node(self.account.clone())).await
	}

	/// A constant (from the metadata of the best block's runtime): one of [`crate::api::constants`]
	/// (`constants().min_stake()`), or of another pallet through [`crate::api::runtime::constants`].
	pub async fn constant<A: ConstantAddress>(&self, address: A) -> Result<A::Target> {
		let name = format!("{}::{}", address.pallet_name(), address.constant_name());
		let at = self.client.at_current_block().await?;
		at.constants().entry(address).with_context(|| format!("read the constant {name}"))
	}

	/// Prepares the finalized block `hash`, number `number`, as the one later transactions are
	/// built at (reading its header and runtime version now, off a submission's path), unless a
	/// newer block is already their checkpoint. Without it, each submission reads the latest
	/// finalized block first.
	pub async fn prepare_transactions(&self, hash: H256, number: u64) -> Result<()> {
		self.finalized.fetch_max(number + 1, std::sync::atomic::Ordering::SeqCst);
		if self.checkpoint_number().is_some_and(|n| n >= number) {
			return Ok(());
		}
		self.set_checkpoint(hash, number).await
	}

	/// Keeps transactions valid while finality stalls and blocks go on: with `best` the best
	/// block's number, moves their checkpoint to the best chain's block [`checkpoint`] names when
	/// the finalized one falls too far behind (every [`CHECKPOINT_STEP`] blocks, not at each).
	/// Nothing before [`Chain::prepare_transactions`] has told it a finalized block.
	///
	/// After a runtime upgrade, transactions built at a block of the old runtime carry its spec
	/// version, which the new runtime refuses (as a bad signature) until the checkpoint passes the
	/// upgrade; so once the best block `best_hash` and its parent run a runtime other than the
	/// checkpoint's, the parent becomes the checkpoint at once.
	pub async fn follow_best(&self, best: u64, best_hash: H256) -> Result<()> {
		let Some(finalized) = self.finalized.load(std::sync::atomic::Ordering::SeqCst).checked_sub(1) else {
			return Ok(());
		};
		match self.follow_upgrade(best_hash).await {
			Ok(true) => return Ok(()),
			Ok(false) => {},
			// Unreadable now (a node restarting): the next block tries again; the rest goes on.
			Err(e) => tracing::debug!("cannot compare the runtime with the checkpoint's: {e:#}"),
		}
		let target = checkpoint(best, finalized);
		let current = self.tx_base.lock().unwrap_or_else(|e| e.into_inner()).as_ref().map(|(n, h, _)| (*n, *h));
		if let Some((number, hash)) = current {
			// A checkpoint ahead of finality may be replaced by a reorg (or be unknown to the node a
			// failover moved to): transactions built at it would all be refused. Checked each block
			// while finality lags; a replaced one is dropped, whatever its number.
			if number > finalized && self.block_hash(number).await?.is_some_and(|h| h != hash) {
				tracing::debug!(number, "the transactions' checkpoint left the best chain: building at a new one");
				let mut base = self.tx_base.lock().unwrap_or_else(|e| e.into_inner());
				if base.as_ref().is_some_and(|(_, h, _)| *h == hash) {
					*base = None;
				}
			} else if number + CHECKPOINT_STEP > target {
				return Ok(());
			}
		}
		let hash = self.block_hash(target).await?.with_context(|| format!("no block {target} on the best chain"))?;
		tracing::debug!(best, finalized, checkpoint = target, "transactions' checkpoint moved ahead of finality");
		self.set_checkpoint(hash, target).await
	}

	/// The block transactions are built at when nothing has prepared one (a first transaction,
	/// `deai-task`'s): [`checkpoint`] of the best and finalized blocks now, so that a transaction
	/// sent while finality stalls is not born at a finalized block too old for its mortality.
	async fn first_checkpoint(&self) -> Result<ClientAtBlock<SubstrateConfig, OnlineClientAtBlockImpl<SubstrateConfig>>> {
		let finalized_hash = self.finalized_head().await?;
		let (finalized, _) = self.parent(finalized_hash).await?;
		let best_hash = self.best_head().await?;
		let (best, _) = self.parent(best_hash).await?;
		let target = checkpoint(best, finalized);
		let hash = match target == finalized {
			true => finalized_hash,
			false => self.block_hash(target).await?.with_context(|| format!("no block {target} on the best chain"))?,
		};
		self.set_checkpoint(hash, target).await?;
		// A runtime upgrade the checkpoint predates (finality lagging behind it): built for the
		// new runtime, as every block after it is.
		let _ = self.follow_upgrade(best_hash).await;
		let base = self.tx_base.lock().unwrap_or_else(|e| e.into_inner()).clone();
		Ok(base.context("the transactions' checkpoint was just set")?.2)
	}

	/// Moves the transactions' checkpoint to the best block's parent when both run a runtime
	/// other than the checkpoint's (see [`Chain::follow_best`]); whether it moved.
	async fn follow_upgrade(&self, best_hash: H256) -> Result<bool> {
		let prepared = self.tx_base.lock().unwrap_or_else(|e| e.into_inner()).as_ref().map(|(_, _, at)| at.spec_version());
		let Some(built_for) = prepared else { return Ok(false) };
		let best_at = self.client.at_block(best_hash).await.context("read the runtime version")?;
		self.recheck(&best_at);
		let now = best_at.spec_version();
		if now == built_for {
			return Ok(false);
		}
		// A mortal transaction cannot count from the best block itself (its state does not know
		// its own hash yet): from its parent, once that runs the new runtime too.
		let (best, parent) = self.parent(best_hash).await?;
		let number = best.saturating_sub(1);
		let at = self.client.at_block(parent).await.context("read the block transactions are built at")?;
		if at.spec_version() != now {
			return Ok(false);
		}
		tracing::info!(from = built_for, to = now, checkpoint = number, "a runtime upgrade: transactions are built for the new runtime");
		*self.tx_base.lock().unwrap_or_else(|e| e.into_inner()) = Some((number, parent, at));
		Ok(true)
	}

	/// The spec version of the runtime at block `hash`.
	pub async fn spec_version(&self, hash: H256) -> Result<u32> {
		Ok(self.client.at_block(hash).await.context("read the runtime version")?.spec_version())
	}

	/// The number of the block transactions are built at, once one is prepared.
	pub fn checkpoint_number(&self) -> Option<u64> {
		self.tx_base.lock().unwrap_or_else(|e| e.into_inner()).as_ref().map(|(n, _, _)| *n)
	}

	async fn set_checkpoint(&self, hash: H256, number: u64) -> Result<()> {
		let at = self.client.at_block(hash).await.context("read the block transactions are built at")?;
		let mut base = self.tx_base.lock().unwrap_or_else(|e| e.into_inner());
		if base.as_ref().is_none_or(|(n, _, _)| *n < number) {
			*base = Some((number, hash, at));
		}
		Ok(())
	}

	/// Signs and submits `call`, waits until it is in a block (at most [`UNBOUNDED_WAIT`]) and
	/// reads how it ended.
	pub async fn submit(&self, call: impl Into<Call>) -> Result<TxOutcome> {
		self.submit_within(call, UNBOUNDED_WAIT, || {}).await?.outcome().await
	}

	/// The latest best block hash.
	pub async fn best_head(&self) -> Result<H256> {
		self.rpc.chain_get_block_hash(None).await?.context("the node has no best block")
	}

	/// The free and reserved (held) balance of this account at block `at`.
	pub async fn balance(&self, at: H256) -> Result<(Balance, Balance)> {
		let at = self.client.at_block(at).await?;
		let account = api::runtime::storage().system().account();
		let info = at.storage().fetch(account, (self.account.clone(),)).await?.decode()?;
		Ok((info.data.free, info.data.reserved))
	}

	/// `call` signed by this account at the best block, never to be sent: immortal (a mortal
	/// transaction born at the best block is refused by that block's own state, which does not
	/// know its hash yet), with the nonce of that state. Returns the best block, its client and
	/// the transaction's bytes.
	async fn sign_for_query(
		&self,
		call: impl Into<Call>,
	) -> Result<(H256, ClientAtBlock<SubstrateConfig, OnlineClientAtBlockImpl<SubstrateConfig>>, Vec<u8>)> {
		let call = call.into();
		let name = call.name();
		self.require(&[name])?;
		let best = self.best_head().await?;
		let params = DefaultExtrinsicParamsBuilder::<SubstrateConfig>::new().immortal().build();
		let at = self.client.at_block(best).await.context("read the best block")?;
		let bytes = {
			let mut tx = at.tx();
			let signed = tx.create_signed(&call, &self.signer, params).await.with_context(|| format!("sign {name}"))?;
			signed.encoded().to_vec()
		};
		Ok((best, at, bytes))
	}

	/// What `call` would do if this account sent it now, without sending it or paying anything:
	/// the signed transaction is applied to the best block's state by the runtime
	/// (`BlockBuilder_apply_extrinsic` through `state_call`, what the `system_dryRun` RPC does,
	/// but allowed on any node). A call the node's runtime does not share is an error.
	pub async fn dry_run(&self, call: impl Into<Call>) -> Result<DryRun> {
		let call = call.into();
		let name = call.name();
		let (best, at, signed) = self.sign_for_query(call).await?;
		let apply = api::runtime::runtime_apis().block_builder().apply_extrinsic(subxt::utils::UncheckedExtrinsic::new(signed));
		let answer = self.view(best, apply).await.with_context(|| format!("dry run of {name}"))?;
		Ok(DryRun::from_answer(answer, &at.metadata()))
	}

	/// The fee this account would pay for `call` at the best block (`TransactionPaymentApi`'s
	/// `query_info`: the weight, length and the current fee multiplier; no tip).
	pub async fn fee(&self, call: impl Into<Call>) -> Result<Balance> {
		let call = call.into();
		let name = call.name();
		let (best, _, signed) = self.sign_for_query(call).await?;
		let len = signed.len() as u32;
		let query = api::runtime::runtime_apis().transaction_payment_api().query_info(subxt::utils::UncheckedExtrinsic::new(signed), len);
		let info = self.view(best, query).await.with_context(|| format!("the fee of {name}"))?;
		Ok(info.partial_fee)
	}

	/// Signs and submits `call`; calls `on_submitted` once the node accepted it, and returns as
	/// soon as it is in a best block, or fails if it is not within `bound` (a window about to
	/// close), or was dropped or found invalid. A call whose shape the runtime does not share is
	/// not sent.
	pub async fn submit_within(&self, call: impl Into<Call>, bound: Duration, on_submitted: impl FnOnce()) -> Result<Included> {
		let started = Instant::now();
		let call = call.into();
		let name = call.name();
		self.require(&[name])?;
		let payload = call;
		let call = name;
		let (mut progress, nonce) = {
			// One submission at a time: the pool-aware nonce is read and used atomically.
			let _guard = self.submit_lock.lock().await;
			let from_node = self.rpc.system_account_next_index(&self.account).await?;
			// The last nonce sent is trusted over the node's answer for two blocks only: a transaction
			// dropped without a word (its block retracted, its node gone) must not leave a gap.
			let last = self.last_nonce.lock().unwrap_or_else(|e| e.into_inner()).filter(|(_, at)| at.elapsed() < self.block_time * 2);
			let nonce = pick_nonce(from_node, last.map(|(n, _)| n));
			let params = DefaultExtrinsicParamsBuilder::<SubstrateConfig>::new().nonce(nonce).mortal(MORTALITY).build();
			let prepared = self.tx_base.lock().unwrap_or_else(|e| e.into_inner()).clone();
			let at = match prepared {
				Some((_, _, at)) => at,
				None => self.first_checkpoint().await?,
			};
			let mut tx = at.tx();
			let submitted = tx.sign_and_submit_then_watch(&payload, &self.signer, params).await;
			if submitted.is_ok() {
				*self.last_nonce.lock().unwrap_or_else(|e| e.into_inner()) = Some((nonce, Instant::now()));
			}
			(submitted.with_context(|| format!("submit {call}"))?, nonce)
		};
		on_submitted();
		let remaining = bound.saturating_sub(started.elapsed());
		let tx = tokio::time::timeout(remaining, async {
			loop {
				match progress.next().await {
					Some(Ok(TransactionStatus::InBestBlock(b) | TransactionStatus::InFinalizedBlock(b))) => return Ok(b),
					Some(Ok(TransactionStatus::Invalid { message })) => bail!("{call} invalid: {message}"),
					Some(Ok(TransactionStatus::Dropped { message })) => bail!("{call} dropped: {message}"),
					Some(Ok(TransactionStatus::Error { message })) => bail!("{call} error: {message}"),
					Some(Ok(_)) => continue,
					Some(Err(e)) => return Err(anyhow!(e).context(format!("watch {call}"))),
					None => bail!("{call}: the node stopped reporting its status"),
				}
			}
		})
		.await
		.map_err(|_| anyhow!("{call} not included within {:.0} s", bound.as_secs_f64()))
		.and_then(|watched| watched)
		.inspect_err(|_| {
			// Its nonce may be free again: the next transaction asks the node (unless a later one
			// was sent meanwhile).
			let mut last = self.last_nonce.lock().unwrap_or_else(|e| e.into_inner());
			if last.is_some_and(|(n, _)| n == nonce) {
				*last = None;
			}
		})?;
		Ok(Included { block: tx.block_hash(), tx })
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn waits_end_when_the_window_does() {
		let three = Duration::from_secs(3);
		// A commit sent after block 12 whose window refuses it from block 20 on: 8 blocks.
		assert_eq!(wait_bound(12, 20, three), Duration::from_secs(24));
		// At 2 s blocks, proportionally less: never the old fixed 120 s.
		assert_eq!(wait_bound(12, 20, Duration::from_secs(2)), Duration::from_secs(16));
		// Past or at the deadline: one block, for the status to come back.
		assert_eq!(wait_bound(20, 20, three), three);
		assert_eq!(wait_bound(25, 20, three), three);
	}

	#[test]
	fn two_transactions_sent_at_once_get_two_nonces() {
		assert_eq!(pick_nonce(7, None), 7);
		// The node's pool had not counted the transaction sent with 7 yet.
		assert_eq!(pick_nonce(7, Some(7)), 8);
		// The chain moved past what this worker remembers (another signer, or it landed).
		assert_eq!(pick_nonce(12, Some(7)), 12);
	}

	#[test]
	fn transactions_stay_valid_while_finality_stalls() {
		// Finality keeping up: the finalized block, which no reorg replaces.
		assert_eq!(checkpoint(100, 98), 98);
		assert_eq!(checkpoint(100, 100 - FINALITY_LAG_TOLERATED), 100 - FINALITY_LAG_TOLERATED);
		// Finality stalled at block 30: old code built every transaction at block 30, invalid from
		// block 94 on while blocks and assignments went on.
		for best in 47..1_000 {
			let at = checkpoint(best, 30);
			assert_eq!(at, best - CHECKPOINT_DEPTH);
			// Moved every CHECKPOINT_STEP blocks, a transaction built at the checkpoint is still
			// valid well after the best block: the window is never shorter than this.
			assert!(at + MORTALITY > best + CHECKPOINT_STEP + 32);
		}
	}

	#[test]
	fn a_lost_connection_is_tried_again_within_two_seconds() {
		let delays: Vec<_> = reconnect_policy().take(40).collect();
		assert_eq!(delays[..3], [Duration::from_millis(500), Duration::from_secs(1), Duration::from_secs(2)]);
		// A node down for a minute is found again at most two seconds after it is back.
		assert!(delays.iter().all(|d| *d <= RECONNECT_MAX_DELAY));
	}
}
