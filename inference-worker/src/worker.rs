//! The work loop: follow the best chain, and for every task assigned to this node compute, commit
//! and reveal, surviving crashes, node restarts and dropped connections.
//!
//! * Every action is decided from the block just announced: its `assigned_tasks` say which
//!   step each task needs ([`needed_step`]), and a reveal decided at a block that is no longer
//!   the best one (a reorg) is checked again at the new best block before it is sent, so a
//!   result is never sent where its task is still in its commit phase.
//! * One job per (task, step) at a time ([`InFlight`]); a job's guard is released as soon as its
//!   transaction is in a best block, so the reveal can start at the very next block, while the
//!   commit's events are still being read for the log and the metrics.
//! * Waits for inclusion end with the task's window, and after [`INCLUSION_BLOCKS`] at most: a
//!   transaction stuck behind a nonce gap is sent again ([`inclusion_wait`]).
//! * A local fault ([`crate::engine::Outcome::LocalFault`]) is never committed: the task is
//!   retried at the next blocks (at most [`MAX_LOCAL_FAULTS`] runs), then left to time out.
//! * Rewards and slashes are counted from finalized blocks, each once, catching up on blocks
//!   missed while disconnected; records are forgotten only once the finalized chain shows their
//!   task settled.
//! * Stopping (the first `SIGTERM` or `SIGINT`) is graceful: the node is paused, so that it is
//!   given no new task (noted in the store, so the next start resumes it), and the worker goes
//!   on until it owes nothing for the tasks it holds ([`still_owed`]: a commit whose window is
//!   open, a reveal of a commit it made), for at most [`drain_limit`]; then it exits. A node
//!   that becomes unreachable meanwhile ends the wait: the store keeps every committed salt for
//!   the next start.

use crate::{
	hex0x,
	api::{self, Call, Event},
	chain::{wait_bound, Chain, Head, TxOutcome},
	engine::{Engine, Inference, Outcome},
	funds::Funds,
	keys::UNIT,
	metrics::Metrics,
	plan::{needed_step, plan, window_open, Action, MarkStarted, Step},
	store::{PauseReason, Store},
};
use anyhow::{bail, Context, Result};
use deai_primitives::{AssignedTask, ModelId, ModelView, NodeStatus, Phase, ERROR_RESULT};
use std::{
	collections::{HashMap, HashSet},
	ops::RangeInclusive,
	sync::{
		atomic::{AtomicBool, Ordering},
		Arc, Mutex, PoisonError,
	},
	time::Duration,
};
use subxt::config::substrate::H256;
use tokio::{sync::watch, task::JoinSet};
use tracing::{debug, error, info, warn};

/// How many runs of a task may end in a local fault before the worker leaves it to time out.
pub const MAX_LOCAL_FAULTS: u32 = 3;

/// At most this many finalized blocks are read back after a disconnection (older ones' state
/// may be pruned by the node).
pub const MAX_CATCH_UP: u64 = 256;

fn locked<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
	m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The (task, step) pairs with a job under way.
pub struct InFlight {
	keys: Mutex<HashSet<(u64, Step)>>,
	gauge: Option<prometheus::IntGauge>,
}

/// A job's claim on a (task, step): released when dropped.
pub struct Guard {
	set: Arc<InFlight>,
	key: (u64, Step),
}

impl InFlight {
	/// An empty set; `gauge` follows its size.
	pub fn new(gauge: Option<prometheus::IntGauge>) -> Arc<Self> {
		Arc::new(Self { keys: Default::default(), gauge })
	}

	/// Claims `step` of `task`, unless a job already holds it.
	pub fn try_acquire(self: &Arc<Self>, task: u64, step: Step) -> Option<Guard> {
		let mut keys = locked(&self.keys);
		if !keys.insert((task, step)) {
			return None;
		}
		if let Some(g) = &self.gauge {
			g.set(keys.len() as i64);
		}
		Some(Guard { set: self.clone(), key: (task, step) })
	}

	/// How many claims are held.
	pub fn len(&self) -> usize {
		locked(&self.keys).len()
	}

	/// Whether no claim is held.
	pub fn is_empty(&self) -> bool {
		self.len() == 0
	}
}

impl Drop for Guard {
	fn drop(&mut self) {
		let mut keys = locked(&self.set.keys);
		keys.remove(&self.key);
		if let Some(g) = &self.set.gauge {
			g.set(keys.len() as i64);
		}
	}
}

/// Whether a stopping worker still owes the chain something for `task` as block `at` shows it:
/// its commit while the window is open, or the reveal of a commit it made, also while the
/// others' commits (or a sampled task's decision) are still awaited.
pub fn still_owed(task: &AssignedTask<u32>, at: u32) -> bool {
	match task.phase {
		_ if task.revealed => false,
		Phase::Commit if task.committed => true,
		Phase::Commit => window_open(at, task.deadline),
		Phase::Reveal => task.committed && window_open(at, task.deadline),
		_ => false,
	}
}

/// The tasks whose commit window closed without this node's commit, as block `at` shows the
/// node's `tasks`. `open` holds every task seen in its commit phase without the node's commit,
/// with its deadline; a task leaves it once committed, once counted here, or when it vanishes
/// before its deadline (a reorg replaced its assignment). A task seen only after its window
/// closed (the worker was not running) is not counted.
pub fn closed_without_commit(open: &mut HashMap<u64, u32>, tasks: &[AssignedTask<u32>], at: u32) -> Vec<u64> {
	let mut missed = Vec::new();
	let shown: HashSet<u64> = tasks.iter().map(|t| t.id).collect();
	for task in tasks {
		match (task.phase, task.committed) {
			(_, true) => {
				open.remove(&task.id);
			},
			(Phase::Commit, false) if at < task.deadline => {
				open.insert(task.id, task.deadline);
			},
			// In a later phase (or past its deadline) without this node's commit.
			(_, false) => {
				if open.remove(&task.id).is_some() {
					missed.push(task.id);
				}
			},
		}
	}
	open.retain(|id, deadline| {
		if shown.contains(id) {
			return true;
		}
		if at >= *deadline {
			missed.push(*id);
		}
		false
	});
	missed.sort_unstable();
	missed
}

/// A commit or reveal not in a best block this many blocks after it was sent is given up on, and
/// sent again (with a fresh nonce) at the next block while its window lasts.
pub const INCLUSION_BLOCKS: u32 = 4;

/// How long a commit or reveal sent after block `at`, whose window refuses it from block
/// `deadline` on, is waited for: until the window closes, but at most [`INCLUSION_BLOCKS`].
///
/// A transaction can be stuck behind a nonce gap: a restarted worker sends the commit its killed
/// run had already sent (the chain does not show it yet), the first lands, the second is dropped
/// as invalid, and the reveal sent meanwhile with the nonce after it waits for a nonce that never
/// comes. Waiting for it until the window closed cost a withholding slash (seen in CI); sent again,
/// it takes the free nonce, and the stuck copy is refused once the reveal is on chain.
pub fn inclusion_wait(at: u64, deadline: u32, block_time: Duration) -> Duration {
	wait_bound(at, deadline as u64, block_time).min(block_time * INCLUSION_BLOCKS)
}

/// How long the worker waits for a new best block before it takes the subscription for dead and
/// subscribes again: twelve blocks, at least 30 s, with one node (subscribing again to the same
/// node gains nothing sooner); four blocks, at least 8 s, when it may move to another node, so
/// that a hung node costs at most that and [`deai_client::failover::SWITCH_AFTER`], within a
/// reveal window.
pub fn stall_limit(block_time: Duration, several_nodes: bool) -> Duration {
	if several_nodes {
		(block_time * 4).max(Duration::from_secs(8))
	} else {
		(block_time * 12).max(Duration::from_secs(30))
	}
}

/// How long a stopping worker may take to finish the tasks it holds: a commit window, then a
/// reveal window, and two blocks more, at `block_time`.
pub fn drain_limit(commit_period: u32, reveal_period: u32, block_time: Duration) -> Duration {
	block_time * (commit_period + reveal_period + 2)
}

/// Whether a commit decided at block `decided` can still land in the window that ends at
/// `deadline`, now that block `current` is the best one (a reorg to a lower block keeps it due).
pub fn commit_still_due(decided: u32, current: u32, deadline: u32) -> bool {
	window_open(current.max(decided), deadline) || current < decided
}

/// Whether `task` (as decided at an earlier block) still needs its reveal according to `tasks`,
/// the assigned tasks at block `at`: same task, same content, reveal phase, window open.
pub fn reveal_still_due(tasks: &[AssignedTask<u32>], task: &AssignedTask<u32>, at: u32) -> bool {
	tasks.iter().any(|t| {
		t.id == task.id && t.model == task.model && t.input == task.input && needed_step(t, at) == Some(Step::Reveal)
	})
}

/// The finalized blocks whose events to count when block `number` is finalized and `last` was
/// the last one counted: each block once, gaps (several finalized at once, a disconnection)
/// filled, at most [`MAX_CATCH_UP`] back; a chain started anew (a lower number) from `number`.
pub fn blocks_to_count(last: Option<u64>, number: u64) -> Option<RangeInclusive<u64>> {
	let from = match last {
		None => number,
		Some(last) if last < number => (last + 1).max(number.saturating_sub(MAX_CATCH_UP - 1)),
		Some(last) if last == number => return None,
		Some(_) => number,
	};
	Some(from..=number)
}

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
	/// What a task's fees cost, and whether the node was paused for lack of them.
	pub funds: Funds,
	/// The capacity this node registered.
	pub capacity: u32,
	/// Tasks not committed to, with the reason (each counted and told once per reason).
	skipped: Mutex<HashSet<(u64, &'static str)>>,
	/// Tasks seen in their commit phase without this node's commit, with their commit deadline.
	commit_windows: Mutex<HashMap<u64, u32>>,
	/// Set once the worker is stopping (draining).
	stopping: AtomicBool,
	/// Set once the node was seen leaving (its operator's `leave`).
	leaving: AtomicBool,
	/// Set while a `resume` after an automatic pause is being tried.
	resuming: AtomicBool,
	/// (task, step) pairs with a job running.
	in_flight: Arc<InFlight>,
	/// Tasks already counted in `tasks_seen`.
	seen: Mutex<HashSet<u64>>,
	/// Runs that ended in a local fault, per task.
	faults: Mutex<HashMap<u64, u32>>,
	/// The tasks assigned at the latest best block.
	assigned: Mutex<HashSet<u64>>,
	/// The latest best block.
	head: watch::Sender<Option<Head>>,
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
		funds: Funds,
		capacity: u32,
	) -> Arc<Self> {
		Arc::new(Self {
			in_flight: InFlight::new(Some(metrics.tasks_in_flight.clone())),
			chain,
			engine,
			store,
			metrics,
			models,
			max_result_len,
			funds,
			capacity,
			skipped: Default::default(),
			commit_windows: Default::default(),
			stopping: AtomicBool::new(false),
			leaving: AtomicBool::new(false),
			resuming: AtomicBool::new(false),
			seen: Default::default(),
			faults: Default::default(),
			assigned: Default::default(),
			head: watch::Sender::new(None),
		})
	}

	/// Follows best blocks until it is stopped; resubscribes after connection losses. Within a
	/// subscription only the newest state counts: a block older than the best one already
	/// handled is skipped. A new subscription starts afresh, so a node that comes back with a
	/// chain started anew (a dev chain, from block 0) is followed at once; but if the account is
	/// no compute node there, the worker stops with an error, since joining is the operator's
	/// decision at start-up. A node that comes back syncing is waited for first.
	///
	/// When `shutdown` turns true the worker drains (see the module's documentation) and returns
	/// once it owes nothing, at [`drain_limit`], or when its node becomes unreachable.
	pub async fn run(self: Arc<Self>, mut shutdown: watch::Receiver<bool>) -> Result<()> {
		use futures::StreamExt;
		let finalized = tokio::spawn(self.clone().follow_finalized(shutdown.clone()));
		let mut jobs = JoinSet::new();
		let mut outcome = Ok(());
		let mut resubscribing = false;
		// Set while draining: when the wait ends at the latest.
		let mut drain_until: Option<tokio::time::Instant> = None;
		// How long running jobs get at the end (a few seconds when the node is gone).
		let mut job_grace = Duration::from_secs(30);
		// Set when a runtime upgrade changed something this worker needs: it stops (status 78).
		let mut incompatible: Option<String> = None;
		'follow: loop {
			if drain_until.is_none() && *shutdown.borrow() {
				drain_until = Some(self.start_draining(&mut jobs).await);
			}
			if resubscribing && drain_until.is_some() {
				warn!("the node is unreachable while stopping: stopping now (committed results and salts stay in the store for the next start)");
				job_grace = Duration::from_secs(3);
				break;
			}
			let mut highest = 0u64;
			// While the node is out of reach a request waits for the reconnection, however long:
			// a stop (or, once stopping, a few seconds) ends the wait.
			let (draining, mut stop) = (drain_until.is_some(), shutdown.clone());
			let interrupted = async move {
				if draining {
					tokio::time::sleep(Duration::from_secs(10)).await;
				} else {
					let _ = stop.changed().await;
				}
			};
			let mut interrupted = std::pin::pin!(interrupted);
			if resubscribing {
				if !crate::service::wait_until_synced(&self.chain, &mut shutdown).await {
					continue;
				}
				let registered = tokio::select! {
					registered = self.ensure_still_registered() => registered,
					_ = &mut interrupted => {
						resubscribing = true;
						continue;
					},
				};
				if let Err(e) = registered {
					outcome = Err(e);
					break;
				}
			}
			let heads = tokio::select! {
				heads = self.chain.best_heads() => heads,
				_ = &mut interrupted => {
					resubscribing = true;
					continue;
				},
			};
			let heads = match heads {
				Ok(heads) => heads,
				Err(e) => {
					self.metrics.rpc_up.set(0);
					self.metrics.error("rpc");
					if drain_until.is_some() {
						resubscribing = true;
						continue;
					}
					warn!("cannot follow blocks ({e:#}); retrying in 3 s");
					tokio::select! {
						_ = tokio::time::sleep(Duration::from_secs(3)) => {},
						_ = shutdown.changed() => {},
					}
					continue;
				},
			};
			resubscribing = true;
			let stall = stall_limit(self.chain.block_time(), self.chain.rpc_endpoints() > 1);
			let mut heads = std::pin::pin!(heads);
			loop {
				let until = drain_until.unwrap_or_else(|| tokio::time::Instant::now() + Duration::from_secs(86_400));
				let next = tokio::select! {
					next = tokio::time::timeout(stall, heads.next()) => match next {
						Ok(next) => next,
						Err(_) => {
							// A link that died without closing, or a node that stopped importing
							// blocks: subscribe again (reconnecting if need be).
							self.metrics.rpc_up.set(0);
							self.metrics.error("stall");
							warn!(seconds = stall.as_secs(), "no new block announced: resubscribing");
							break;
						},
					},
					_ = shutdown.changed(), if drain_until.is_none() => {
						drain_until = Some(self.start_draining(&mut jobs).await);
						continue;
					},
					_ = tokio::time::sleep_until(until), if drain_until.is_some() => {
						warn!("stopping with tasks unfinished after the longest a stop may take: a start within their \
						       windows reveals what was committed (the store keeps it)");
						break 'follow;
					},
				};
				match next {
					Some(Ok(head)) => {
						self.metrics.rpc_up.set(1);
						if head.number < highest {
							debug!(block = head.number, highest, "skipping an older block");
							continue;
						}
						highest = head.number;
						// A node that dies while the block is read leaves a request waiting for the
						// reconnection: no answer within the stall limit is a stall too.
						let Ok(handled) = tokio::time::timeout(stall, self.clone().on_block(head, &mut jobs)).await else {
							self.metrics.rpc_up.set(0);
							self.metrics.error("stall");
							warn!(block = head.number, seconds = stall.as_secs(), "the node stopped answering: resubscribing");
							break;
						};
						let owed = match handled {
							Ok(owed) => owed,
							Err(e) if crate::registration::is_refused(&e) => {
								outcome = Err(e);
								break 'follow;
							},
							Err(e) => {
								self.metrics.error("rpc");
								warn!(block = head.number, "{e:#}");
								usize::MAX
							},
						};
						while let Some(done) = jobs.try_join_next() {
							if let Err(e) = done {
								error!("a job panicked: {e}");
							}
						}
						// A runtime upgrade changed a call, event or view this worker needs (compared
						// again at each new runtime): it could take tasks it can no longer commit or
						// reveal, each a miss. It pauses the node and stops, as on a signal.
						if drain_until.is_none() {
							if let Err(e) = self.chain.require(&crate::service::NEEDS) {
								error!("{e:#}: pausing the node and stopping; run a worker built for this runtime");
								incompatible = Some(format!("{e:#}"));
								drain_until = Some(self.start_draining(&mut jobs).await);
							}
						}
						if drain_until.is_some() {
							if owed == 0 && jobs.is_empty() {
								info!(block = head.number, "nothing owed for the tasks held: stopping");
								break 'follow;
							}
							if owed != usize::MAX {
								info!(block = head.number, owed, jobs = jobs.len(), "stopping: finishing the tasks held");
							}
						}
					},
					Some(Err(e)) => {
						self.metrics.rpc_up.set(0);
						self.metrics.error("rpc");
						warn!("{e:#}; resubscribing");
						break;
					},
					None => {
						self.metrics.rpc_up.set(0);
						warn!("the block subscription ended (node restarting?); resubscribing");
						break;
					},
				}
			}
			if drain_until.is_none() {
				tokio::select! {
					_ = tokio::time::sleep(Duration::from_secs(1)) => {},
					_ = shutdown.changed() => {},
				}
			}
		}
		info!("shutting down: waiting for {} running job(s)", jobs.len());
		let _ = tokio::time::timeout(job_grace, async {
			while jobs.join_next().await.is_some() {}
		})
		.await;
		finalized.abort();
		match incompatible {
			// Restarting the same worker would not help: a configuration error (status 78).
			Some(why) if outcome.is_ok() => Err(crate::registration::Refused(why).into()),
			_ => outcome,
		}
	}

	/// Begins a graceful stop: pauses the node (in a job of `jobs`) and says until when the worker
	/// may go on finishing the tasks it holds.
	async fn start_draining(self: &Arc<Self>, jobs: &mut JoinSet<()>) -> tokio::time::Instant {
		let periods = async {
			Ok::<_, anyhow::Error>((
				self.chain.constant(api::constants().commit_period()).await?,
				self.chain.constant(api::constants().reveal_period()).await?,
			))
		};
		// The chain's windows, or generous ones when it cannot say.
		let (commit, reveal) = tokio::time::timeout(Duration::from_secs(5), periods)
			.await
			.ok()
			.and_then(Result::ok)
			.unwrap_or((20, 20));
		self.stopping.store(true, Ordering::SeqCst);
		let limit = drain_limit(commit, reveal, self.chain.block_time());
		self.metrics.stopping.set(1);
		info!(
			limit_s = limit.as_secs(),
			"stopping: pausing the node (no new tasks), then finishing the tasks it holds; a second signal stops at once"
		);
		let me = self.clone();
		jobs.spawn(async move {
			if let Err(e) = me.pause_for_stop().await {
				warn!("could not pause the node while stopping: {e:#}");
			}
		});
		tokio::time::Instant::now() + limit
	}

	/// Pauses an active node and notes in the store that this worker did, so that its next start
	/// resumes it. A node paused by its operator (or by the chain) is left as it is.
	async fn pause_for_stop(&self) -> Result<()> {
		if self.pause_self(PauseReason::Stop).await? {
			info!("paused: no new tasks; the next start resumes the node");
		}
		Ok(())
	}

	/// Pauses the node if it is active, noting `reason` in the store first, so that the next
	/// start knows this worker paused it. Whether this call paused it: not when it was not active,
	/// nor when the pause was refused; a refusal forgets the note, but for `NotActive` (paused
	/// meanwhile by this worker's other pause, whose note stays).
	async fn pause_self(&self, reason: PauseReason) -> Result<bool> {
		if !matches!(self.chain.node(self.chain.best_head().await?).await?, Some(node) if node.status == NodeStatus::Active)
		{
			return Ok(false);
		}
		self.store.set_self_paused(Some(reason))?;
		match self.chain.submit(api::tx().pause()).await? {
			TxOutcome::Success { .. } => Ok(true),
			TxOutcome::Failed { error, .. } if error.ends_with("NotActive") => Ok(false),
			TxOutcome::Failed { error, .. } => {
				self.store.set_self_paused(None)?;
				warn!("pause refused: {error}");
				Ok(false)
			},
		}
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

	/// Starts a job for every assigned task that needs one, as the block `head` shows them, and
	/// returns how many of them this node still owes something it will do ([`still_owed`], less
	/// the commits it will not make: for lack of funds, or after repeated local faults).
	async fn on_block(self: Arc<Self>, head: Head, jobs: &mut JoinSet<()>) -> Result<usize> {
		self.metrics.best_block.set(head.number as i64);
		self.head.send_replace(Some(head));
		let tasks = self.chain.assigned_tasks(head.hash).await?;
		let assigned: HashSet<u64> = tasks.iter().map(|t| t.id).collect();
		// What is remembered per task lasts while the task is assigned: these stay as small as
		// the node's capacity however long the worker runs.
		locked(&self.seen).retain(|id| assigned.contains(id));
		locked(&self.faults).retain(|id, _| assigned.contains(id));
		locked(&self.skipped).retain(|(id, _)| assigned.contains(id));
		*locked(&self.assigned) = assigned;
		for task in closed_without_commit(&mut locked(&self.commit_windows), &tasks, head.number as u32) {
			self.metrics.missed.inc();
			warn!(task, block = head.number, "the commit window closed without this node's commit (reputation, not stake)");
		}
		let at = head.number as u32;
		let can_commit = self.check_funds(head, &tasks, jobs).await;
		let mut owed = 0;
		for task in tasks.iter().cloned() {
			if locked(&self.seen).insert(task.id) {
				self.metrics.tasks_seen.inc();
				info!(task = task.id, model = %hex0x(&task.model), block = head.number, deadline = task.deadline, "assigned");
			}
			let Some(step) = needed_step(&task, at) else {
				owed += usize::from(still_owed(&task, at));
				continue;
			};
			if step == Step::Commit && locked(&self.faults).get(&task.id).is_some_and(|n| *n >= MAX_LOCAL_FAULTS) {
				continue;
			}
			if step == Step::Commit && !can_commit {
				if self.skip(task.id, "unfunded") {
					warn!(
						task = task.id,
						"not committing: the free balance cannot pay this commit and its reveal besides the tasks \
						 already owed (it will time out: reputation, not stake); fund the account"
					);
				}
				continue;
			}
			owed += 1;
			let Some(guard) = self.in_flight.try_acquire(task.id, step) else { continue };
			let me = self.clone();
			jobs.spawn(async move {
				let id = task.id;
				if let Err(e) = me.work(task, head, guard).await {
					error!(task = id, "{e:#}");
				}
			});
		}
		if let Err(e) = self.chain.follow_best(head.number, head.hash).await {
			debug!(block = head.number, "cannot move the transactions' checkpoint: {e:#}");
		}
		if let Err(e) = self.follow_status(head, jobs).await {
			if crate::registration::is_refused(&e) {
				return Err(e);
			}
			debug!(block = head.number, "cannot read the node's registration: {e:#}");
		}
		Ok(owed)
	}

	/// Reads the node's registration at `head` into the metrics (status, stake, reputation);
	/// notes an operator's `leave`, and fails with [`crate::registration::Refused`] once the node
	/// is gone after one, so that the worker stops without joining again (status 78); tries to
	/// resume a node the chain paused automatically, every ten blocks, once the chain allows it
	/// (its cooldown over; never while stopping).
	async fn follow_status(self: &Arc<Self>, head: Head, jobs: &mut JoinSet<()>) -> Result<()> {
		let node = self.chain.node(head.hash).await?;
		let Some(node) = node else {
			self.metrics.node_status.set(-1);
			// Gone at this block, registered at its parent: removed by this block, after its
			// operator's `leave` (a node without tasks leaves at once, never seen `leaving`).
			let removed_here = async {
				let (_, parent) = self.chain.parent(head.hash).await?;
				Ok::<_, anyhow::Error>(self.chain.node(parent).await?.is_some())
			};
			if self.leaving.load(Ordering::SeqCst) || removed_here.await.unwrap_or(false) {
				return Err(crate::registration::Refused(
					"the node left the compute network (its operator's `leave`): stopping, and not joining again; \
					 start the worker to join anew"
						.into(),
				)
				.into());
			}
			return Ok(());
		};
		self.metrics.node_status.set(match (node.leaving, node.status) {
			(true, _) => 3,
			(false, NodeStatus::Active) => 0,
			(false, NodeStatus::Paused) => 1,
			(false, NodeStatus::AutoPaused) => 2,
		});
		self.metrics.stake.set(node.stake as f64 / UNIT as f64);
		self.metrics.reputation.set(node.reputation as i64);
		if head.number % 10 == 0 {
			if let Ok(version) = self.chain.spec_version(head.hash).await {
				self.metrics.runtime_spec_version.set(version.into());
			}
		}
		if node.leaving && !self.leaving.swap(true, Ordering::SeqCst) {
			warn!("the node is leaving (its operator sent `leave`): it finishes its tasks; the worker stops once it is gone and does not join again");
		}
		if node.status == NodeStatus::AutoPaused
			&& !node.leaving
			&& head.number % 10 == 0
			&& !self.stopping.load(Ordering::SeqCst)
			&& !self.resuming.swap(true, Ordering::SeqCst)
		{
			let me = self.clone();
			jobs.spawn(async move {
				if let Err(e) = me.resume_after_auto_pause().await {
					debug!("resume after an automatic pause: {e:#}");
				}
				me.resuming.store(false, Ordering::SeqCst);
			});
		}
		Ok(())
	}

	/// Resumes a node the chain paused automatically, if the chain allows it now (dry-run first:
	/// a cooldown still running, or a stake below the minimum, sends nothing).
	async fn resume_after_auto_pause(&self) -> Result<()> {
		match self.chain.dry_run(api::tx().resume()).await? {
			crate::chain::DryRun::Succeeds => {},
			crate::chain::DryRun::Fails(error) => {
				if error.ends_with("StakeTooLow") {
					warn!("the node stays paused: its stake is below the chain's minimum (add stake with `add_stake`)");
				}
				return Ok(());
			},
			crate::chain::DryRun::Invalid(why) => bail!("resume would be invalid: {why}"),
		}
		match self.chain.submit(api::tx().resume()).await? {
			TxOutcome::Success { .. } => info!("the automatic pause's cooldown is over: resumed the node"),
			TxOutcome::Failed { error, .. } => warn!("resume refused: {error}"),
		}
		Ok(())
	}

	/// Whether the free balance at `head` pays for a new commit and its reveal on top of every
	/// task owed (see [`crate::funds`]); pauses the node (in a job of `jobs`) when it does not,
	/// and resumes a node paused for that once it does. Read only when a commit is due or the
	/// node is paused for funds; a balance that cannot be read does not hold a commit back.
	async fn check_funds(self: &Arc<Self>, head: Head, tasks: &[AssignedTask<u32>], jobs: &mut JoinSet<()>) -> bool {
		let at = head.number as u32;
		let commit_due = tasks.iter().any(|t| needed_step(t, at) == Some(Step::Commit));
		if !commit_due && !self.funds.paused() {
			return true;
		}
		let free = match self.chain.balance(head.hash).await {
			Ok((free, _)) => free,
			Err(e) => {
				self.metrics.error("rpc");
				debug!(block = head.number, "cannot read the balance: {e:#}");
				return true;
			},
		};
		self.metrics.free_balance.set(free as f64 / UNIT as f64);
		let owed = tasks.iter().filter(|t| still_owed(t, at)).count().max(1);
		let enough = self.funds.enough(free, owed);
		self.metrics.short_of_funds.set(i64::from(!enough));
		if !enough && self.funds.begin_pause() {
			let me = self.clone();
			jobs.spawn(async move {
				let paused = me.pause_for_funds(free).await.unwrap_or_else(|e| {
					warn!("could not pause the node for lack of funds: {e:#}");
					false
				});
				me.funds.end_pause(paused);
			});
		} else if enough
			&& !self.stopping.load(Ordering::SeqCst)
			&& self.funds.enough_to_resume(free, self.capacity)
			&& self.funds.begin_resume()
		{
			let me = self.clone();
			jobs.spawn(async move {
				let resumed = me.resume_when_funded(free).await.unwrap_or_else(|e| {
					warn!("could not resume the node: {e:#}");
					false
				});
				me.funds.end_resume(resumed);
			});
		}
		enough
	}

	/// Pauses an active node that cannot pay for more tasks (noted as this worker's pause, so
	/// that it resumes the node once funded, now or after a restart). Whether the node is paused
	/// for lack of funds now.
	async fn pause_for_funds(&self, free: u128) -> Result<bool> {
		let paused = self.pause_self(PauseReason::Funds).await?;
		if paused {
			warn!(
				free = %crate::keys::format_deai(free),
				resumes_at = %crate::keys::format_deai(self.funds.needed(self.capacity as usize).saturating_mul(2)),
				"paused the node: the account cannot pay the fees of more tasks; it resumes by itself once funded"
			);
		}
		Ok(paused)
	}

	/// Resumes the node this worker paused for lack of funds, now that the account is funded.
	/// Whether the node is no longer paused for lack of funds.
	async fn resume_when_funded(&self, free: u128) -> Result<bool> {
		let head = self.chain.best_head().await?;
		match self.chain.node(head).await? {
			Some(node) if node.status == NodeStatus::Paused => {},
			// Resumed meanwhile, paused by the chain, or gone: not this worker's pause any more.
			_ => {
				self.store.set_self_paused(None)?;
				return Ok(true);
			},
		}
		match self.chain.submit(api::tx().resume()).await? {
			TxOutcome::Success { .. } => {
				self.store.set_self_paused(None)?;
				info!(free = %crate::keys::format_deai(free), "the account is funded again: resumed the node");
				Ok(true)
			},
			TxOutcome::Failed { error, .. } => {
				warn!("resume refused: {error}");
				Ok(false)
			},
		}
	}

	/// Runs the model for `task`, waiting at most `wait` for a free module of it, logging and
	/// counting what came of it (never the result: it is secret until revealed).
	fn compute(&self, task: &AssignedTask<u32>, wait: Duration, mark: MarkStarted<'_>) -> Inference {
		let run = match self.models.get(&task.model) {
			Some(view) => self.engine.infer_marked(&task.model, view, &task.input, self.max_result_len, wait, mark),
			None => Inference {
				outcome: Outcome::LocalFault(anyhow::anyhow!("assigned a model this worker does not serve")),
				elapsed: Duration::ZERO,
			},
		};
		if !run.elapsed.is_zero() {
			// The registered name's first word (`digits-mlp`): one label per served model.
			let model = self.models.get(&task.model).map(|v| String::from_utf8_lossy(&v.name).into_owned()).unwrap_or_default();
			let model = model.split_whitespace().next().unwrap_or("unnamed");
			self.metrics.inference_seconds.with_label_values(&[model]).observe(run.elapsed.as_secs_f64());
		}
		// Neither the result nor whether it is the error result is logged or counted before it is
		// revealed: the reveal's log line shows it.
		match &run.outcome {
			Outcome::Answer(_) => info!(task = task.id, ms = run.elapsed.as_millis() as u64, "inference done"),
			Outcome::InvalidInput(why) => {
				info!(task = task.id, ms = run.elapsed.as_millis() as u64, "inference done");
				debug!(task = task.id, "the input is invalid for the model (the error result): {why}");
			},
			Outcome::LocalFault(e) => {
				self.metrics.error("inference");
				warn!(task = task.id, "local fault, nothing committed: {e:#}");
			},
		}
		run
	}

	/// Notes that `task` is not committed to for `reason`; counts it in `tasks_skipped_total` and
	/// returns true the first time for this task and reason.
	fn skip(&self, task: u64, reason: &'static str) -> bool {
		let first = locked(&self.skipped).insert((task, reason));
		if first {
			self.metrics.skip(reason);
		}
		first
	}

	/// Takes note of a task this node did not commit to for a local fault.
	fn abstain(&self, task: u64, reason: &str, crashed: bool) {
		let mut faults = locked(&self.faults);
		let runs = faults.entry(task).or_default();
		if crashed {
			// Counted once: the run that died never came back to count itself.
			if *runs < MAX_LOCAL_FAULTS {
				self.metrics.error("inference");
				self.skip(task, "crashed");
				error!(task, "skipped, it will time out (reputation, not stake): {reason}");
			}
			*runs = MAX_LOCAL_FAULTS;
		} else {
			*runs += 1;
			if *runs >= MAX_LOCAL_FAULTS {
				self.skip(task, "local_fault");
				error!(task, runs = *runs, "giving up after repeated local faults: it will time out (reputation, not stake)");
			} else {
				info!(task, runs = *runs, "will try again at the next block while the commit window lasts");
			}
		}
	}

	/// Computes, commits or reveals one task, as the block `head` showed it.
	async fn work(self: Arc<Self>, task: AssignedTask<u32>, head: Head, guard: Guard) -> Result<()> {
		let id = task.id;
		let at = head.number as u32;
		let deadline = task.deadline;
		let me = self.clone();
		let account = self.chain.account();
		let snapshot = task.clone();
		// A run may wait for a free module of its model only while its commit could still land.
		let window = wait_bound(head.number, deadline as u64, self.chain.block_time());
		let (action, inferred) = tokio::task::spawn_blocking(move || {
			let mut inferred = Duration::ZERO;
			let action = plan(&me.store, &account, &task, at, |mark| {
				let run = me.compute(&task, window, mark);
				inferred = run.elapsed;
				run.outcome
			});
			(action, inferred)
		})
		.await?;
		let action = match action {
			Ok(action) => action,
			Err(e) if crate::store::is_disk_full(&e) => {
				self.metrics.error("disk_full");
				self.skip(id, "disk_full");
				error!(
					task = id,
					"the disk holding the state directory is full: nothing is committed until space is freed \
					 (tasks time out: reputation, not stake): {e:#}"
				);
				return Ok(());
			},
			Err(e) => {
				self.metrics.error("store");
				return Err(e);
			},
		};

		let (call, revealed) = match action {
			Action::Wait => return Ok(()),
			Action::Abstain { reason, crashed, .. } => {
				self.abstain(id, &reason, crashed);
				return Ok(());
			},
			Action::Commit { task, commitment } => {
				// The model (or the wait for it) may have outlasted the window: a commit that can no
				// longer land is not sent (the result stays stored, for a window a reorg reopens).
				let current = *self.head.borrow();
				if let Some(current) = current.filter(|c| !commit_still_due(at, c.number as u32, deadline)) {
					self.metrics.error("timeout");
					self.skip(task, "too_slow");
					warn!(
						task,
						block = current.number,
						deadline,
						model_ms = inferred.as_millis() as u64,
						"not committing: the commit window closed while the model ran (it will time out: reputation, \
						 not stake); a slower machine than the chain's windows allow, or a capacity too high"
					);
					return Ok(());
				}
				(Call::from(api::tx().commit(task, H256(commitment))), None)
			},
			Action::Reveal { task, result, salt } => {
				// Decided at `head`; if a reorg replaced it meanwhile, the new best block decides.
				let current = *self.head.borrow();
				if let Some(current) = current.filter(|c| c.hash != head.hash) {
					let tasks = self.chain.assigned_tasks(current.hash).await?;
					if !reveal_still_due(&tasks, &snapshot, current.number as u32) {
						info!(task, block = current.number, "not revealing: the best block no longer shows the reveal phase");
						return Ok(());
					}
				}
				(Call::from(api::tx().reveal(task, result.clone(), salt)), Some(result))
			},
		};
		let name = call.name();
		let bound = inclusion_wait(head.number, deadline, self.chain.block_time());
		let reaction = self.metrics.reaction_seconds.with_label_values(&[name]);
		let on_submitted = move || reaction.observe(head.seen.elapsed().saturating_sub(inferred).as_secs_f64());
		let included = match self.chain.submit_within(call, bound, on_submitted).await {
			Ok(included) => included,
			Err(e) => {
				// Dropped, invalid (nonce race), not in time, or connection lost: retried at the next
				// block while the window lasts, since the chain still shows the work as not done.
				self.metrics.error("submit");
				warn!(task = id, "{name} not included: {e:#}");
				return Ok(());
			},
		};
		// In a best block: the next step of this task may start at once.
		drop(guard);
		match included.outcome().await {
			Ok(TxOutcome::Success { block, .. }) => match revealed {
				None => {
					// Committed: its window's close is no miss (even if no later block shows it).
					locked(&self.commit_windows).remove(&id);
					self.metrics.committed.inc();
					info!(task = id, block = %block, "committed");
				},
				Some(result) => {
					self.metrics.revealed.inc();
					if result == ERROR_RESULT {
						self.metrics.error_results.inc();
						info!(task = id, block = %block, "revealed the error result: the input is invalid for the model");
					} else {
						info!(task = id, block = %block, result = %hex0x(&result), "revealed");
					}
				},
			},
			Ok(TxOutcome::Failed { error, .. }) if error.ends_with("CommitmentMismatch") => {
				// Never the chain moving on: what was revealed is not what this account committed
				// to (a state directory shared with another key, or restored from another one).
				self.metrics.error("dispatch");
				error!(task = id, "{name} failed on chain: {error}: the stored result and salt are not what this account committed; it will be slashed for withholding");
			},
			Ok(TxOutcome::Failed { error, .. }) => {
				// The chain moved on (deadline passed, phase changed): the next block shows the truth.
				self.metrics.error("dispatch");
				warn!(task = id, "{name} failed on chain: {error}");
			},
			Err(e) => debug!(task = id, block = %included.block, "{name} in a block; its events are unavailable: {e:#}"),
		}
		Ok(())
	}

	/// Follows finalized blocks: counts this node's rewards and slashes in each once, and
	/// forgets the records of settled tasks.
	async fn follow_finalized(self: Arc<Self>, mut shutdown: watch::Receiver<bool>) {
		use futures::StreamExt;
		let mut last = None;
		while !*shutdown.borrow() {
			let heads = match self.chain.finalized_heads().await {
				Ok(heads) => heads,
				Err(e) => {
					debug!("cannot follow finalized blocks ({e:#}); retrying in 3 s");
					tokio::select! {
						_ = tokio::time::sleep(Duration::from_secs(3)) => continue,
						_ = shutdown.changed() => break,
					}
				},
			};
			let mut heads = std::pin::pin!(heads);
			loop {
				let next = tokio::select! {
					next = heads.next() => next,
					_ = shutdown.changed() => return,
				};
				let Some(Ok((hash, number))) = next else { break };
				if let Err(e) = self.chain.prepare_transactions(hash, number).await {
					debug!(block = number, "{e:#}");
				}
				let before = last;
				if let Err(e) = self.on_finalized(hash, number, &mut last).await {
					self.metrics.error("rpc");
					warn!(block = number, "finalized block: {e:#}");
				}
				// Every fifth block, look for settled tasks.
				if before.is_none_or(|b| b / 5 != number / 5) {
					if let Err(e) = self.forget_settled(hash).await {
						warn!(block = number, "cannot check for settled tasks: {e:#}");
					}
				}
			}
			tokio::select! {
				_ = tokio::time::sleep(Duration::from_secs(1)) => {},
				_ = shutdown.changed() => break,
			}
		}
	}

	async fn on_finalized(&self, hash: H256, number: u64, last: &mut Option<u64>) -> Result<()> {
		let Some(range) = blocks_to_count(*last, number) else { return Ok(()) };
		for n in range {
			let at = if n == number { hash } else { self.chain.block_hash(n).await?.context("no hash for a finalized block")? };
			let events = self.chain.events(at).await.with_context(|| format!("events of block {n}"))?;
			self.count_events(&events);
			*last = Some(n);
			self.metrics.finalized_block.set(n as i64);
		}
		Ok(())
	}

	/// Removes the records of tasks that are settled in the *finalized* chain. A record is the only
	/// copy of a committed salt, so the decision never rests on a block that could be replaced
	/// or on one from before the task existed.
	async fn forget_settled(&self, finalized: H256) -> Result<()> {
		const PRUNED_GRACE: Duration = Duration::from_secs(24 * 3600);
		let assigned = locked(&self.assigned).clone();
		for id in self.store.tasks()? {
			if assigned.contains(&id) {
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
			}
		}
		Ok(())
	}

	/// Counts this node's rewards and slashes from a finalized block's events.
	fn count_events(&self, events: &[Event]) {
		let me = self.chain.account();
		for event in events {
			match event {
				Event::NodeRewarded { task, node, amount } if node.0 == me => {
					self.metrics.rewarded.inc();
					info!(task, amount, "rewarded");
				},
				Event::NodeSlashed { task, node, amount } if node.0 == me => {
					self.metrics.slashed.inc();
					warn!(task, amount, "slashed");
				},
				_ => {},
			}
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use deai_primitives::Phase;

	fn assigned(id: u64, phase: Phase, committed: bool, deadline: u32) -> AssignedTask<u32> {
		AssignedTask { id, model: [1; 32], input: vec![1, 2], phase, deadline, committed, revealed: false }
	}

	/// The jobs `tasks` (as a block `at` shows them) would start, given the claims held.
	fn start(in_flight: &Arc<InFlight>, tasks: &[AssignedTask<u32>], at: u32) -> Vec<(u64, Step, Guard)> {
		tasks
			.iter()
			.filter_map(|t| {
				let step = needed_step(t, at)?;
				in_flight.try_acquire(t.id, step).map(|g| (t.id, step, g))
			})
			.collect()
	}

	#[test]
	fn the_reveal_starts_in_the_block_right_after_the_commit() {
		let gauge = prometheus::IntGauge::new("in_flight", "test").unwrap();
		let in_flight = InFlight::new(Some(gauge.clone()));
		// Block 10: task 4 in its commit phase; the commit job starts.
		let mut commit = start(&in_flight, &[assigned(4, Phase::Commit, false, 20)], 10);
		assert_eq!(commit.len(), 1);
		assert_eq!(gauge.get(), 1);
		// A second announcement of a block showing the same (a sibling at the same height): no
		// second commit job.
		assert!(start(&in_flight, &[assigned(4, Phase::Commit, false, 20)], 10).is_empty());
		// Block 11 includes the commit (the last one): the reveal phase opens. The commit job is
		// still reading its events; keyed by task alone (old code) the reveal was skipped here.
		let reveal = start(&in_flight, &[assigned(4, Phase::Reveal, true, 21)], 11);
		assert_eq!(reveal.iter().map(|(id, step, _)| (*id, *step)).collect::<Vec<_>>(), vec![(4, Step::Reveal)]);
		assert_eq!(gauge.get(), 2);
		drop(commit.pop());
		drop(reveal);
		assert!(in_flight.is_empty());
		assert_eq!(gauge.get(), 0);
	}

	#[test]
	fn a_reveal_decided_before_a_reorg_is_checked_at_the_new_best_block() {
		let task = assigned(4, Phase::Reveal, true, 30);
		// The new best block still shows the reveal phase: go on.
		assert!(reveal_still_due(&[task.clone()], &task, 12));
		// After the reorg the task is back in its commit phase (another node's commit is gone):
		// revealing now would publish the result while others can still commit.
		assert!(!reveal_still_due(&[assigned(4, Phase::Commit, true, 25)], &task, 12));
		// Gone, revealed already, another task with this id, or too late for the window.
		assert!(!reveal_still_due(&[], &task, 12));
		assert!(!reveal_still_due(&[AssignedTask { revealed: true, ..task.clone() }], &task, 12));
		assert!(!reveal_still_due(&[AssignedTask { input: vec![9], ..task.clone() }], &task, 12));
		assert!(!reveal_still_due(&[task.clone()], &task, 29));
	}

	#[test]
	fn a_stuck_transaction_is_sent_again_within_its_window() {
		let block = Duration::from_millis(2_500);
		// A reveal sent after block 12 of a window closing at block 22: old code waited for it
		// until block 22 (25 s), past any chance of sending it again.
		assert_eq!(wait_bound(12, 22, block), block * 10);
		assert_eq!(inclusion_wait(12, 22, block), block * INCLUSION_BLOCKS);
		assert!(inclusion_wait(12, 22, block) * 2 < wait_bound(12, 22, block), "two more tries fit the window");
		// Near the window's end, its end.
		assert_eq!(inclusion_wait(20, 22, block), block * 2);
	}

	#[test]
	fn a_commit_is_not_sent_once_its_window_closed_while_the_model_ran() {
		// Decided at block 12, window refusing from block 20 on.
		assert!(commit_still_due(12, 12, 20));
		assert!(commit_still_due(12, 18, 20), "sent after 18, it lands in 19");
		assert!(!commit_still_due(12, 19, 20), "the model took seven blocks: it could only land in 20");
		assert!(!commit_still_due(12, 25, 20));
		assert!(commit_still_due(12, 11, 20), "a reorg to a lower block: still due");
	}

	#[test]
	fn a_commit_window_that_closes_without_a_commit_is_counted_once() {
		let mut open = HashMap::new();
		// Block 3: tasks 1, 2 and 3 wait for this node's commit (deadline 10); task 4 is seen for
		// the first time in its reveal phase without a commit (the worker was not running).
		let at3 = [
			assigned(1, Phase::Commit, false, 10),
			assigned(2, Phase::Commit, false, 10),
			assigned(3, Phase::Commit, false, 10),
			assigned(4, Phase::Reveal, false, 20),
		];
		assert_eq!(closed_without_commit(&mut open, &at3, 3), Vec::<u64>::new());
		// Block 6: task 1 committed; task 3 vanished before its deadline (a reorg).
		let at6 = [assigned(1, Phase::Commit, true, 10), assigned(2, Phase::Commit, false, 10)];
		assert_eq!(closed_without_commit(&mut open, &at6, 6), Vec::<u64>::new());
		// Block 10: task 2 is in its reveal phase without this node's commit: missed, once.
		let at10 = [assigned(1, Phase::Reveal, true, 20), assigned(2, Phase::Reveal, false, 20)];
		assert_eq!(closed_without_commit(&mut open, &at10, 10), vec![2]);
		assert_eq!(closed_without_commit(&mut open, &at10, 11), Vec::<u64>::new());
		// A task that failed at its commit deadline vanishes: missed if this node never committed.
		let at12 = [assigned(5, Phase::Commit, false, 15)];
		assert_eq!(closed_without_commit(&mut open, &at12, 12), Vec::<u64>::new());
		assert_eq!(closed_without_commit(&mut open, &[], 15), vec![5]);
		assert!(open.is_empty());
	}

	#[test]
	fn a_stopping_worker_waits_for_what_it_owes_and_nothing_else() {
		let owed = |phase, committed, revealed, deadline| {
			still_owed(&AssignedTask { revealed, ..assigned(4, phase, committed, deadline) }, 10)
		};
		// Its commit, while it can still land.
		assert!(owed(Phase::Commit, false, false, 20));
		assert!(!owed(Phase::Commit, false, false, 11), "too late for the window: nothing to do");
		// Committed: its reveal is to come, whenever the others' commits (or the sampling decision)
		// open the reveal phase, even at the commit window's end.
		assert!(owed(Phase::Commit, true, false, 11));
		assert!(owed(Phase::Reveal, true, false, 20));
		assert!(!owed(Phase::Reveal, true, true, 20), "revealed");
		assert!(!owed(Phase::Reveal, false, false, 20), "never committed: it has nothing to reveal");
		assert!(!owed(Phase::Reveal, true, false, 11), "the reveal window closes");
		// The longest a stop may take, on the dev chain: 10 + 10 + 2 blocks of 2.5 s.
		assert_eq!(drain_limit(10, 10, Duration::from_millis(2500)), Duration::from_secs(55));
		// A silent subscription is given up after twelve blocks, never under 30 s.
		assert_eq!(stall_limit(Duration::from_millis(2500), false), Duration::from_secs(30));
		assert_eq!(stall_limit(Duration::from_secs(6), false), Duration::from_secs(72));
		// With a second node, a hung one is left within a reveal window (10 blocks of 2.5 s).
		let hung = stall_limit(Duration::from_millis(2500), true) + deai_client::failover::SWITCH_AFTER;
		assert!(hung < Duration::from_millis(2500) * 8, "{hung:?}");
	}

	#[test]
	fn finalized_blocks_are_counted_once_with_gaps_filled() {
		assert_eq!(blocks_to_count(None, 100), Some(100..=100), "from the start-up's finalized block");
		assert_eq!(blocks_to_count(Some(100), 101), Some(101..=101));
		// Two finalized at once, or a disconnection: the missed blocks are read too.
		assert_eq!(blocks_to_count(Some(101), 110), Some(102..=110));
		// Announced again (a resubscription): not counted twice.
		assert_eq!(blocks_to_count(Some(110), 110), None);
		// A long outage: at most MAX_CATCH_UP blocks back.
		assert_eq!(blocks_to_count(Some(10), 10_000), Some(10_000 - MAX_CATCH_UP + 1..=10_000));
		// A dev chain started anew.
		assert_eq!(blocks_to_count(Some(500), 3), Some(3..=3));
	}
}
