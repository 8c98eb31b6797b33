//! The work loop: follow the best chain, and for every task assigned to this node compute, commit
//! and reveal, surviving crashes, node restarts and dropped connections.

use crate::{
	chain::{h256, Chain, TxOutcome},
	engine::Engine,
	metrics::Metrics,
	plan::{plan, Action},
	store::Store,
};
use anyhow::{bail, Context, Result};
use codec::Decode;
use deai_primitives::{AssignedTask, ModelId, ModelView, Phase};
use std::{
	collections::{HashMap, HashSet},
	sync::{Arc, Mutex},
	time::Duration,
};
use subxt::{config::substrate::H256, dynamic::Value};
use tokio::{sync::watch, task::JoinSet};
use tracing::{debug, error, info, warn};

/// Everything a job needs, shared between the loop and its spawned jobs.
pub struct Worker {
	/// The signing connection to the node.
	pub chain: Arc<Chain>,
	/// The loaded TorchScript models.
	pub engine: Arc<Engine>,
	/// The durable record of results and salts.
	pub store: Store,
	/// The Prometheus counters.
	pub metrics: Arc<Metrics>,
	/// The served models' entries.
	pub models: HashMap<ModelId, ModelView>,
	/// The chain's `MaxResultLen`.
	pub max_result_len: usize,
	/// Tasks with a job running.
	in_flight: Mutex<HashSet<u64>>,
	/// Tasks already counted in `tasks_seen`.
	seen: Mutex<HashSet<u64>>,
}

impl Worker {
	/// A worker ready to run.
	pub fn new(
		chain: Arc<Chain>,
		engine: Arc<Engine>,
		store: Store,
		metrics: Arc<Metrics>,
		models: HashMap<ModelId, ModelView>,
		max_result_len: usize,
	) -> Arc<Self> {
		Arc::new(Self {
			chain,
			engine,
			store,
			metrics,
			models,
			max_result_len,
			in_flight: Default::default(),
			seen: Default::default(),
		})
	}

	/// Follows best blocks until `shutdown` turns true; resubscribes after connection losses.
	/// Within a subscription only the newest state counts: a block older than the best one
	/// already handled is skipped. A new subscription starts afresh, so a node that comes back
	/// with a chain started anew (a dev chain, from block 0) is followed at once; but if the
	/// account is no compute node there, the worker stops with an error, since joining is the
	/// operator's decision at start-up.
	pub async fn run(self: Arc<Self>, mut shutdown: watch::Receiver<bool>) -> Result<()> {
		use futures::StreamExt;
		let mut jobs = JoinSet::new();
		let mut outcome = Ok(());
		let mut resubscribing = false;
		while !*shutdown.borrow() {
			let mut highest = 0u64;
			if resubscribing {
				if let Err(e) = self.ensure_still_registered().await {
					outcome = Err(e);
					break;
				}
			}
			let heads = match self.chain.best_heads().await {
				Ok(heads) => heads,
				Err(e) => {
					self.metrics.error("rpc");
					warn!("cannot follow blocks ({e:#}); retrying in 3 s");
					tokio::select! {
						_ = tokio::time::sleep(Duration::from_secs(3)) => continue,
						_ = shutdown.changed() => break,
					}
				},
			};
			resubscribing = true;
			let mut heads = std::pin::pin!(heads);
			loop {
				let next = tokio::select! {
					next = heads.next() => next,
					_ = shutdown.changed() => break,
				};
				match next {
					Some(Ok((hash, number))) => {
						if number < highest {
							debug!(block = number, highest, "skipping an older block");
							continue;
						}
						highest = number;
						if let Err(e) = self.clone().on_block(hash, number, &mut jobs).await {
							self.metrics.error("rpc");
							warn!(block = number, "{e:#}");
						}
						match self.chain.events(hash).await {
							Ok(events) => self.count_events(&events),
							Err(e) => debug!(block = number, "events unavailable: {e:#}"),
						}
						while let Some(done) = jobs.try_join_next() {
							if let Err(e) = done {
								error!("a job panicked: {e}");
							}
						}
					},
					Some(Err(e)) => {
						self.metrics.error("rpc");
						warn!("{e:#}; resubscribing");
						break;
					},
					None => {
						warn!("the block subscription ended (node restarting?); resubscribing");
						break;
					},
				}
			}
			if !*shutdown.borrow() {
				tokio::time::sleep(Duration::from_secs(1)).await;
			}
		}
		info!("shutting down: waiting for {} running job(s)", jobs.len());
		let _ = tokio::time::timeout(Duration::from_secs(30), async {
			while jobs.join_next().await.is_some() {}
		})
		.await;
		outcome
	}

	/// Fails when the chain says this account is not a compute node (it left, or the node now
	/// serves a chain started anew). An unreachable node is not a failure: the loop retries.
	async fn ensure_still_registered(&self) -> Result<()> {
		let Ok(head) = self.chain.best_head().await else { return Ok(()) };
		match self.chain.node(head).await {
			Ok(None) => bail!(
				"this account is not a compute node on the chain the node now serves (it left, or the chain \
				 was started anew): restart the worker to join"
			),
			_ => Ok(()),
		}
	}

	/// Starts a job for every assigned task that needs one; forgets settled tasks.
	async fn on_block(self: Arc<Self>, hash: H256, number: u64, jobs: &mut JoinSet<()>) -> Result<()> {
		self.metrics.best_block.set(number as i64);
		let tasks = self.chain.assigned_tasks(hash).await?;
		for task in &tasks {
			if self.seen.lock().expect("lock").insert(task.id) {
				self.metrics.tasks_seen.inc();
				info!(task = task.id, model = %hex0x(&task.model), block = number, "assigned");
			}
			let needs_work = matches!(
				(task.phase, task.committed, task.revealed),
				(Phase::Commit, false, _) | (Phase::Reveal, true, false)
			);
			if needs_work && self.in_flight.lock().expect("lock").insert(task.id) {
				let me = self.clone();
				let task = task.clone();
				jobs.spawn(async move {
					let id = task.id;
					if let Err(e) = me.clone().work(task).await {
						error!(task = id, "{e:#}");
					}
					me.in_flight.lock().expect("lock").remove(&id);
				});
			}
		}
		if number.is_multiple_of(5) {
			self.forget_settled(&tasks).await?;
		}
		Ok(())
	}

	/// Computes, commits or reveals one task.
	async fn work(self: Arc<Self>, task: AssignedTask<u32>) -> Result<()> {
		let id = task.id;
		let view = self.models.get(&task.model).cloned();
		let me = self.clone();
		let account = self.chain.account();
		let action = tokio::task::spawn_blocking(move || {
			plan(&me.store, &account, &task, || {
				let view = view.context("assigned a model this worker does not serve")?;
				let run = me.engine.infer(&task.model, &view, &task.input, me.max_result_len)?;
				me.metrics.inference_seconds.observe(run.elapsed.as_secs_f64());
				match &run.error {
					Some(why) => {
						me.metrics.error_results.inc();
						warn!(task = task.id, "error result: {why}");
					},
					None => info!(
						task = task.id,
						ms = run.elapsed.as_millis() as u64,
						result = %hex0x(&run.result),
						"inference done"
					),
				}
				Ok(run.result)
			})
		})
		.await?
		.inspect_err(|_| self.metrics.error("store"))?;

		let (call, args) = match action {
			Action::Commit { task, commitment } => ("commit", vec![Value::u128(task as u128), h256(commitment)]),
			Action::Reveal { task, result, salt } =>
				("reveal", vec![Value::u128(task as u128), Value::from_bytes(result), Value::from_bytes(salt)]),
			Action::Wait => return Ok(()),
		};
		match self.chain.submit(call, args).await {
			Ok(TxOutcome::Success { block, .. }) => {
				if call == "commit" { self.metrics.committed.inc() } else { self.metrics.revealed.inc() }
				info!(task = id, block = %block, "{call} included");
			},
			Ok(TxOutcome::Failed { error, .. }) => {
				// The chain moved on (deadline passed, phase changed): the next block shows the truth.
				self.metrics.error("dispatch");
				warn!(task = id, "{call} failed on chain: {error}");
			},
			Err(e) => {
				// Dropped, invalid (nonce race), or connection lost: retried at the next block,
				// since the chain still shows the work as not done.
				self.metrics.error("submit");
				warn!(task = id, "{call} not included, will retry: {e:#}");
			},
		}
		Ok(())
	}

	/// Removes the records of tasks that are settled in the *finalized* chain. A record is the only
	/// copy of a committed salt, so the decision never rests on a block that could be replaced
	/// or on one from before the task existed.
	async fn forget_settled(&self, assigned: &[AssignedTask<u32>]) -> Result<()> {
		const PRUNED_GRACE: Duration = Duration::from_secs(24 * 3600);
		let finalized = self.chain.finalized_head().await?;
		for id in self.store.tasks()? {
			if assigned.iter().any(|t| t.id == id) {
				continue;
			}
			let settled = match self.chain.task(finalized, id).await? {
				Some(view) => !view.phase.is_open(),
				// Unknown at the finalized block: pruned long ago, or not finalized yet.
				None => self.store.age(id)?.is_some_and(|age| age > PRUNED_GRACE),
			};
			if settled {
				debug!(task = id, "settled; forgetting its record");
				self.store.remove(id)?;
				self.seen.lock().expect("lock").remove(&id);
			}
		}
		Ok(())
	}

	/// Counts this node's rewards and slashes from a block's events.
	fn count_events(&self, events: &subxt::events::Events<subxt::SubstrateConfig>) {
		for ev in events.iter().flatten() {
			if ev.pallet_name() != "Inference" {
				continue;
			}
			let name = ev.event_name();
			if name == "NodeRewarded" || name == "NodeSlashed" {
				if let Ok((task, node, amount)) = <(u64, [u8; 32], u128)>::decode(&mut ev.field_bytes()) {
					if node == self.chain.account() {
						if name == "NodeRewarded" {
							self.metrics.rewarded.inc();
							info!(task, amount, "rewarded");
						} else {
							self.metrics.slashed.inc();
							warn!(task, amount, "slashed");
						}
					}
				}
			}
		}
	}
}

/// `0x`-prefixed hex.
pub fn hex0x(bytes: &[u8]) -> String {
	format!("0x{}", hex::encode(bytes))
}
