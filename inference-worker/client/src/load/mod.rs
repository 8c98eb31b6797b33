//! A load generator for throughput benchmarks (`deai-load`): it plays many task creators and many
//! compute nodes against one node, so that the node, not the client, is what a benchmark measures.
//!
//! The compute nodes it plays run no model: each commits and reveals the same precomputed result
//! as soon as the chain asks it to, so inference never limits the rate. Every transaction is a
//! real signed extrinsic built from the typed calls of [`crate::api`], with a locally counted
//! nonce and a mortality counted from the parent of the newest best block; they are signed on
//! every core tokio has ([`sender`]) and submitted without a watch (`author_submitExtrinsic`) over
//! several connections at once, so that neither signing nor one connection's queue is the limit.
//! A commit or reveal the runtime refuses for the state it was checked against is signed again
//! and sent again shortly after, as a worker does ([`sender::Sender::send_retrying`]): under load
//! the node's transaction pool moves to a new block some time after announcing it.
//!
//! One run: fund the accounts from a funder (Alice on a dev chain), join every compute account
//! with enough stake for its full capacity, then, at every new best block, submit `rate` tasks
//! (of redundancy `r`, or sampled at a rate) while answering every assignment and every reveal
//! phase; count, per block, the tasks settled and failed, the extrinsics, the weight used and the
//! weight each kind of extrinsic reported ([`observe`]), and the CPU this process and the node
//! used ([`cpu`]). The result is a [`report::Report`], written as JSON.

pub mod accounts;
pub mod cpu;
pub mod observe;
pub mod report;
pub mod sender;

use crate::{
	api::{self, runtime},
	chain::BlockHasher,
};
use accounts::Actor;
use anyhow::{bail, Context, Result};
use codec::Encode;
use deai_primitives::ModelId;
use observe::{BlockStats, Observer, Reaction};
use sender::Sender;
use std::{
	sync::Arc,
	time::{Duration, Instant},
};
use subxt::{
	config::{substrate::H256, Hasher},
	utils::MultiAddress,
};

/// One DEAI in its smallest unit.
pub const UNIT: u128 = 1_000_000_000_000;

/// How tasks are verified in a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verification {
	/// `create_task` with this redundancy: every task runs on that many nodes.
	Redundant(u32),
	/// `create_sampled_task` with this check rate in permille.
	Sampled(u16),
}

/// What one run does.
#[derive(Clone, Debug)]
pub struct Settings {
	/// The node's WebSocket RPC address.
	pub url: String,
	/// How many connections transactions are spread over.
	pub connections: usize,
	/// How many compute accounts it plays.
	pub nodes: usize,
	/// Tasks submitted at every new best block.
	pub rate: usize,
	/// Blocks of load before the measured window opens.
	pub warmup: usize,
	/// Blocks measured.
	pub blocks: usize,
	/// How the tasks are verified.
	pub verification: Verification,
	/// The model the tasks are for (one the compute accounts join for).
	pub model: ModelId,
	/// Each task's input.
	pub input: Vec<u8>,
	/// The result every compute account reveals.
	pub result: Vec<u8>,
	/// The fee per node of each task.
	pub fee_per_node: u128,
	/// Each compute account's stake.
	pub stake: u128,
	/// Each compute account's capacity.
	pub capacity: u32,
	/// What each played compute account is given by the funder (creators: [`creator_endowment`]).
	pub endowment: u128,
	/// The funder's secret URI (`//Alice` on a dev chain).
	pub funder: String,
	/// The secret URI the played accounts are derived from (`<seed>//node//<i>`, `<seed>//creator//<i>`).
	pub seed: String,
	/// The node's process id, to report the CPU it used (Linux).
	pub node_pid: Option<u32>,
}

/// Tasks one creator account submits per block at most: each creator's transactions then stay
/// well within the pool's limit of transactions per sender that wait for an earlier nonce.
pub const TASKS_PER_CREATOR: usize = 25;

/// What one task may cost its creator at most in a run, with a margin: the fees it holds (a
/// tenth of a DEAI covers seven nodes at the run's fee), its input deposit (held until the task is
/// pruned, hours after the run) and the transaction fee.
pub const TASK_BUDGET: u128 = UNIT / 10;

/// What each creator account is given: enough for every task it may submit in the run, and 100
/// DEAI more (a ten-minute run: 6,300 tasks, 730 DEAI). A first version gave the creators what the
/// compute accounts get, and a 30-minute run lost its load after 22 minutes, when they had spent
/// it.
pub fn creator_endowment(settings: &Settings) -> u128 {
	let tasks = (settings.warmup + settings.blocks + 4) * TASKS_PER_CREATOR;
	100 * UNIT + tasks as u128 * TASK_BUDGET
}

/// Runs the benchmark against `settings.url` and returns what it measured.
pub async fn run(settings: Settings) -> Result<report::Report> {
	let sender = Arc::new(Sender::connect(&settings.url, settings.connections).await?);
	let funder = Arc::new(Actor::from_uri(&settings.funder)?);
	let nodes: Vec<Arc<Actor>> =
		(0..settings.nodes).map(|i| Actor::from_uri(&format!("{}//node//{i}", settings.seed)).map(Arc::new)).collect::<Result<_>>()?;
	let creators: Vec<Arc<Actor>> = (0..settings.rate.div_ceil(TASKS_PER_CREATOR).max(1))
		.map(|i| Actor::from_uri(&format!("{}//creator//{i}", settings.seed)).map(Arc::new))
		.collect::<Result<_>>()?;
	for actor in std::iter::once(&funder).chain(&nodes).chain(&creators) {
		actor.sync_nonce(&sender).await?;
	}
	let mut observer = Observer::new(&nodes);
	let mut heads = Heads::subscribe(&sender).await?;

	// Funding, then joining: each step waits for the events that show it done.
	let (_, number) = heads.next(&sender).await?;
	eprintln!("[deai-load] funding {} compute and {} creator accounts from block {number}", nodes.len(), creators.len());
	for node in &nodes {
		let to = MultiAddress::Id(node.account());
		sender.send(&funder, runtime::tx().balances().transfer_keep_alive(to, settings.endowment));
	}
	for creator in &creators {
		let to = MultiAddress::Id(creator.account());
		sender.send(&funder, runtime::tx().balances().transfer_keep_alive(to, creator_endowment(&settings)));
	}
	let mut funded = 0;
	let started = Instant::now();
	while funded < nodes.len() + creators.len() {
		let (hash, _) = heads.next(&sender).await?;
		funded += observer.count_transfers(&sender, hash, &funder.account()).await?;
		if started.elapsed() > Duration::from_secs(600) {
			bail!("only {funded} accounts were funded in ten minutes");
		}
	}
	eprintln!("[deai-load] joining with {} DEAI each", settings.stake / UNIT);
	for node in &nodes {
		sender.send(node, api::tx().join(settings.stake, vec![settings.model], settings.capacity));
	}
	let mut joined = 0;
	let started = Instant::now();
	while joined < nodes.len() {
		let (hash, _) = heads.next(&sender).await?;
		joined += observer.count_joins(&sender, hash).await?;
		if started.elapsed() > Duration::from_secs(600) {
			bail!("only {joined} compute accounts joined in ten minutes");
		}
	}

	// The load: `rate` tasks at each new best block, every assignment and reveal answered.
	let limits = observe::block_limits(&sender).await?;
	let salt = [7u8; 32];
	let mut per_block: Vec<BlockStats> = Vec::new();
	let mut window_cpu = None;
	let mut creator_turn = 0usize;
	let total = settings.warmup + settings.blocks;
	eprintln!("[deai-load] {} tasks per block for {} blocks ({} measured)", settings.rate, total, settings.blocks);
	let mut seen = 0usize;
	while seen < total + 4 {
		let (hash, number) = heads.next(&sender).await?;
		// Blocks `warmup + 1 ..= warmup + blocks` after the load began are measured.
		observer.measuring = seen >= settings.warmup && seen < total;
		let (stats, reactions) = observer.block(&sender, hash, number, &limits).await?;
		for reaction in reactions {
			match reaction {
				Reaction::Commit { task, node } => {
					let commitment = deai_primitives::commitment(task, &node.account().0, &settings.result, &salt);
					sender.send_retrying(&node, api::tx().commit(task, H256(commitment)), sender::RETRIES);
				},
				Reaction::Reveal { task, node } => {
					sender.send_retrying(&node, api::tx().reveal(task, settings.result.clone(), salt), sender::RETRIES)
				},
			}
		}
		seen += 1;
		if seen == settings.warmup + 1 {
			window_cpu = Some(cpu::Sample::now(settings.node_pid));
		}
		if seen == total + 1 {
			let start = window_cpu.take().context("the window opened")?;
			observer.set_cpu(start.until_now());
		}
		eprintln!(
			"[deai-load] block {number}: {} settled, {} failed, {} extrinsics, normal weight {:.0}%, sent {} refused {}",
			stats.completed,
			stats.failed,
			stats.extrinsics,
			stats.normal * 100.0,
			sender.sent(),
			sender.refused()
		);
		if seen > settings.warmup && seen <= total {
			per_block.push(stats);
		}
		if seen <= total {
			for _ in 0..settings.rate {
				let creator = &creators[creator_turn % creators.len()];
				creator_turn += 1;
				let input = settings.input.clone();
				match settings.verification {
					Verification::Redundant(r) => {
						sender.send(creator, api::tx().create_task(settings.model, input, settings.fee_per_node, Some(r)))
					},
					Verification::Sampled(permille) => {
						sender.send(creator, api::tx().create_sampled_task(settings.model, input, settings.fee_per_node, permille))
					},
				}
			}
		}
	}
	sender.drain().await;
	let pending = sender.pool_len().await.unwrap_or_default();
	Ok(report::Report::new(&settings, per_block, &observer, &limits, &sender, pending))
}

/// New best blocks.
struct Heads {
	subscription: subxt::rpcs::client::RpcSubscription<<subxt::SubstrateConfig as subxt::Config>::Header>,
	hasher: BlockHasher,
}

impl Heads {
	async fn subscribe(sender: &Sender) -> Result<Self> {
		let subscription = sender.rpc().chain_subscribe_new_heads().await.context("subscribe to new heads")?;
		let hasher = *sender.client().at_current_block().await?.hasher();
		Ok(Self { subscription, hasher })
	}

	/// The next best block, as its hash and number; later transactions are built at its parent
	/// (the genesis block itself, which has none).
	async fn next(&mut self, sender: &Sender) -> Result<(H256, u64)> {
		let header = self.subscription.next().await.context("the node ended the new heads subscription")?.context("new heads")?;
		let hash = self.hasher.hash(&header.encode());
		let number = header.number as u64;
		let base = if number == 0 { hash } else { header.parent_hash };
		sender.set_checkpoint(base, number.saturating_sub(1)).await?;
		Ok((hash, number))
		}
}
