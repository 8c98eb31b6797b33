//! Start-up and the whole life of a compute node: what the binary runs.
//!
//! In order: the metrics endpoint is bound (a taken port stops start-up), the node is connected,
//! the state directory is locked (before any transaction: a second worker with the same
//! directory stops here), the node is waited for while it syncs, the model folder is scanned and
//! matched with the registered models, the registration is brought in line
//! ([`crate::registration`]), and the work loop runs until the shutdown signal.

use crate::{
	hex0x,
	api,
	chain::Chain,
	funds::Funds,
	keys::{format_deai, UNIT},
	metrics, models, registration,
	store::{PauseReason, Store},
	worker,
};
use anyhow::{bail, Result};
use std::{collections::HashMap, net::SocketAddr, path::PathBuf, sync::Arc, time::Duration};
use subxt_signer::sr25519::Keypair;
use tokio::sync::watch;
use tracing::{debug, info, warn};

/// The calls and events of the chain layer ([`crate::api`]) the worker uses: the node's runtime
/// must have them with the declared shapes, or the worker does not start.
pub const NEEDS: [&str; 21] = [
	// calls
	"join",
	"update_node",
	"pause",
	"resume",
	"commit",
	"reveal",
	// events
	"NodeJoined",
	"NodeRewarded",
	"NodeSlashed",
	// runtime API
	"assigned_tasks",
	"task",
	"model",
	"node",
	"apply_extrinsic",
	"query_info",
	// constants and storage
	"MinStake",
	"CommitPeriod",
	"RevealPeriod",
	"MaxResultLen",
	"ExistentialDeposit",
	"Account",
];

/// What the operator chose.
pub struct Config {
	/// WebSocket RPC endpoints of the nodes to follow, tried in turn (see `deai_client::failover`).
	pub rpc: Vec<String>,
	/// The model folder.
	pub models: PathBuf,
	/// The state directory (default: [`default_state_dir`]).
	pub state_dir: Option<PathBuf>,
	/// The operator's key.
	pub signer: Keypair,
	/// Stake to join with, in the smallest unit (default: the chain's `MinStake`).
	pub stake: Option<u128>,
	/// Tasks taken at once.
	pub capacity: u32,
	/// libtorch intra-op threads per inference.
	pub threads: i32,
	/// Where to serve `/metrics`, if anywhere.
	pub metrics: Option<SocketAddr>,
	/// Resume a paused node.
	pub resume: bool,
	/// Leave the pools of registered models this worker does not serve.
	pub drop_models: bool,
}

/// `~/.local/share/deai/worker/<genesis hash>/<account>`: one folder per chain and account.
pub fn default_state_dir(genesis: &[u8], account: &str) -> PathBuf {
	let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_else(|| ".".into());
	home.join(".local/share/deai/worker").join(hex0x(genesis)).join(account)
}

/// Waits while the node syncs (`system_health.isSyncing`): what it shows meanwhile may be long
/// outdated (no registration, no models). `false` if `shutdown` came first. A node that cannot
/// say is taken as synced (the reads that follow fail if it is unreachable).
pub async fn wait_until_synced(chain: &Chain, shutdown: &mut watch::Receiver<bool>) -> bool {
	let mut told = false;
	loop {
		// A node out of reach leaves a request waiting for the reconnection: a stop must not wait
		// for it.
		let syncing = tokio::select! {
			syncing = chain.is_syncing() => syncing,
			_ = shutdown.changed() => return false,
		};
		match syncing {
			Ok(false) => {
				if told {
					info!("the node caught up");
				}
				return true;
			},
			Ok(true) if !told => {
				info!("the node is syncing: waiting for it to catch up before reading the chain");
				told = true;
			},
			Ok(true) => {},
			Err(e) => {
				debug!("system_health: {e:#}");
				return true;
			},
		}
		tokio::select! {
			_ = tokio::time::sleep(Duration::from_secs(6)) => {},
			_ = shutdown.changed() => return false,
		}
	}
}

/// What one task's transactions cost ([`Funds`]), from the chain's fees for a commit and for a
/// reveal of the largest result; warns when the free balance pays for fewer than ten times
/// `capacity` tasks.
async fn read_funds(chain: &Chain, max_result_len: usize, capacity: u32, metrics: &metrics::Metrics) -> Result<Funds> {
	use subxt::config::substrate::H256;
	let commit = chain.fee(api::tx().commit(0, H256::zero())).await?;
	let reveal = chain.fee(api::tx().reveal(0, vec![0; max_result_len], [0; 32])).await?;
	let existential = chain.constant(api::runtime::constants().balances().existential_deposit()).await?;
	let funds = Funds::new(commit, reveal, existential);
	metrics.task_fee_budget.set(funds.budget as f64 / UNIT as f64);
	let (free, _) = chain.balance(chain.best_head().await?).await?;
	metrics.free_balance.set(free as f64 / UNIT as f64);
	let runway = 10 * capacity.max(1) as usize;
	if !funds.enough(free, runway) {
		warn!(
			free = %format_deai(free),
			per_task = %format_deai(funds.budget),
			"the free balance pays the fees of fewer than {runway} tasks: fund the account (a commit whose reveal \
			 cannot be paid is never sent; without money the node is paused)"
		);
	} else {
		debug!(free = %format_deai(free), per_task = %format_deai(funds.budget), "fee money");
	}
	Ok(funds)
}

/// How many modules of each model the worker loads (as runs need them): one per task it may hold
/// at once (`capacity`), but no more runs at once than the cores give `threads` each.
pub fn model_instances(capacity: u32, threads: i32) -> usize {
	let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
	(capacity.max(1) as usize).min((cores / threads.max(1) as usize).max(1))
}

/// Runs a compute node until `shutdown` turns true.
pub async fn run(config: Config, mut shutdown: watch::Receiver<bool>) -> Result<()> {
	tch::set_num_threads(config.threads.max(1));
	tch::set_num_interop_threads(1);
	let metrics = metrics::Metrics::new()?;
	if let Some(addr) = config.metrics {
		let listener = metrics::bind(addr).await?;
		let m = metrics.clone();
		tokio::spawn(async move {
			if let Err(e) = metrics::serve(listener, m).await {
				tracing::error!("metrics endpoint: {e:#}");
			}
		});
	}
	let account = subxt::utils::AccountId32(config.signer.public_key().0);
	let mut syncing_stop = shutdown.clone();
	// Connecting, waiting for sync and loading the models may be cut short by a signal; what
	// follows, registration, is not: a registration half-sent (a `resume` in the pool) could leave
	// the node active with no worker. A signal that came meanwhile starts the graceful stop at once.
	let prepare = async {
		let chain = Arc::new(Chain::connect_any(&config.rpc, config.signer).await?);
		chain.require(&NEEDS)?;
		metrics.rpc_up.set(1);
		info!(account = %account, rpc = %chain.rpc_url(), block_time_ms = chain.block_time().as_millis() as u64, "connected");
		let state_dir = config.state_dir.clone().unwrap_or_else(|| {
			default_state_dir(chain.client().genesis_hash().as_bytes(), &account.to_string())
		});
		let store = Store::open(&state_dir)?;
		info!(state = %state_dir.display(), pending = store.tasks()?.len(), "task records");
		if !wait_until_synced(&chain, &mut syncing_stop).await {
			return Ok(None);
		}
		// Which of our files are registered models?
		let head = chain.best_head().await?;
		let files = models::scan(&config.models)?;
		let mut entries = HashMap::new();
		for file in &files {
			if let Some(view) = chain.model(head, file.id).await? {
				entries.insert(file.id, view);
			}
		}
		let served = models::select(files, |id| entries.get(id).cloned());
		if served.models.is_empty() {
			bail!("no registered model in {}: nothing to serve", config.models.display());
		}
		Ok::<_, anyhow::Error>(Some((chain, store, served)))
	};
	let prepared = tokio::select! {
		prepared = prepare => prepared?,
		_ = shutdown.changed() => None,
	};
	let Some((chain, store, served)) = prepared else {
		info!("stopped during start-up");
		return Ok(());
	};
	if let Ok(version) = chain.spec_version(chain.best_head().await?).await {
		metrics.runtime_spec_version.set(version.into());
	}
	let max_result_len = chain.constant(api::constants().max_result_len()).await? as usize;
	let funds = read_funds(&chain, max_result_len, config.capacity, &metrics).await?;
	// A node this worker paused when it was last stopped is resumed, and one it paused for lack
	// of fee money once the account can pay; one paused by its operator only with --resume.
	let (free, _) = chain.balance(chain.best_head().await?).await?;
	let resume = match store.self_paused() {
		Some(PauseReason::Stop) => {
			info!("this worker paused the node when it was stopped: resuming it");
			true
		},
		Some(PauseReason::Funds) if funds.enough_to_resume(free, config.capacity) => {
			info!(free = %format_deai(free), "this worker paused the node for lack of fee money; the account is funded: resuming it");
			true
		},
		Some(PauseReason::Funds) => {
			warn!(free = %format_deai(free), "the node stays paused for lack of fee money; it resumes by itself once funded");
			funds.set_paused_for_funds();
			false
		},
		None => config.resume,
	};
	registration::register(&chain, config.stake, config.capacity, resume, config.drop_models, &served.ids()).await?;
	if !funds.paused() {
		store.set_self_paused(None)?;
	}
	let instances = model_instances(config.capacity, config.threads);
	info!(instances, "modules per model: as many tasks of one model run at once");
	let engine = Arc::new(served.engine.with_instances(instances));
	metrics.set_device(crate::engine::DEVICE, config.threads.max(1), instances);
	let worker = worker::Worker::new(chain, engine, store, metrics.clone(), served.models, max_result_len, funds, config.capacity);
	worker.run(shutdown).await?;
	info!("stopped");
	Ok(())
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn every_item_the_worker_needs_is_checked_against_the_runtime() {
		for name in NEEDS {
			assert!(deai_client::api::is_checked(name), "{name} is compared with no runtime's metadata");
		}
	}
}
