//! `inference-worker`: a deai compute node.
//!
//! Connects to a deai node's RPC, joins (or updates its registration) with the models it really
//! holds, then follows the chain: for every task the runtime assigns to its account it runs the
//! model with libtorch, commits to the result (after storing result and salt durably), reveals
//! it when the reveal phase opens, and gets paid when its result agrees with the majority.

use inference_worker::{chain, engine, metrics, models, store, worker};

use anyhow::{bail, Context, Result};
use clap::Parser;
use std::{collections::HashMap, net::SocketAddr, path::PathBuf, sync::Arc};
use subxt::dynamic::Value;
use tracing::{info, warn};

use inference_worker::keys::UNIT;

/// A deai compute node: runs assigned TorchScript models and commits and reveals their results.
#[derive(Parser, Debug)]
#[command(version, about)]
struct Args {
	/// WebSocket RPC endpoint of a deai node (a non-validator node is fine).
	#[arg(long, env = "DEAI_RPC", default_value = "ws://127.0.0.1:9944")]
	rpc: String,
	/// Folder of TorchScript model files; files that are not registered models are skipped.
	#[arg(long, env = "DEAI_MODELS")]
	models: PathBuf,
	/// Where results and salts are kept until revealed (default: per chain and account, under
	/// ~/.local/share/deai/worker/<genesis hash>/<account>/).
	#[arg(long, env = "DEAI_STATE_DIR")]
	state_dir: Option<PathBuf>,
	/// Sign with a well-known development key (alice, bob, charlie, dave, eve, ferdie): for dev
	/// chains only.
	#[arg(long, conflicts_with = "suri_file")]
	dev: Option<String>,
	/// File holding the operator's secret URI (a mnemonic, optionally with //derivations). Without
	/// it (and without --dev), the secret URI is read from the DEAI_SURI environment variable.
	#[arg(long)]
	suri_file: Option<PathBuf>,
	/// Stake to join with, in DEAI (default: the chain's minimum stake).
	#[arg(long)]
	stake: Option<u128>,
	/// How many tasks to take at once.
	#[arg(long, default_value_t = 2)]
	capacity: u32,
	/// libtorch intra-op threads per inference.
	#[arg(long, default_value_t = 1)]
	threads: i32,
	/// Address of the Prometheus endpoint (`/metrics`); `none` to disable.
	#[arg(long, default_value = "127.0.0.1:9616")]
	metrics: String,
	/// Resume the node at start-up if it is paused (by its operator or by the chain).
	#[arg(long)]
	resume: bool,
}

/// OpenMP busy-waits by default, which slows libtorch down by orders of magnitude when another
/// process shares the cores. libgomp reads its settings when the process starts, so set them
/// and restart once.
fn ensure_passive_openmp() {
	if std::env::var_os("OMP_WAIT_POLICY").is_none() {
		use std::os::unix::process::CommandExt;
		let err = std::process::Command::new(std::env::current_exe().expect("own path"))
			.args(std::env::args_os().skip(1))
			.env("OMP_WAIT_POLICY", "PASSIVE")
			.exec();
		eprintln!("could not restart with OMP_WAIT_POLICY=PASSIVE: {err}");
	}
}

#[tokio::main]
async fn main() {
	ensure_passive_openmp();
	if let Err(e) = run().await {
		eprintln!("error: {e:#}");
		std::process::exit(1);
	}
}

async fn run() -> Result<()> {
	tracing_subscriber::fmt()
		.with_env_filter(
			tracing_subscriber::EnvFilter::try_from_default_env()
				.unwrap_or_else(|_| "info,jsonrpsee=warn,subxt=warn".into()),
		)
		.init();
	let args = Args::parse();
	tch::set_num_threads(args.threads.max(1));
	tch::set_num_interop_threads(1);

	let keypair = inference_worker::keys::signer(args.dev.as_deref(), args.suri_file.as_deref())?;
	let account = subxt::utils::AccountId32(keypair.public_key().0);
	let chain = Arc::new(chain::Chain::connect(&args.rpc, keypair).await?);
	info!(account = %account, rpc = %args.rpc, "connected");

	let metrics = metrics::Metrics::new()?;
	if args.metrics != "none" {
		let addr: SocketAddr = args.metrics.parse().context("--metrics is not an address")?;
		let m = metrics.clone();
		tokio::spawn(async move {
			if let Err(e) = metrics::serve(addr, m).await {
				tracing::error!("metrics endpoint: {e:#}");
			}
		});
	}

	// Which of our files are registered models?
	let head = chain.finalized_head().await?;
	let mut files = HashMap::new();
	let mut served = HashMap::new();
	for (id, path) in models::scan(&args.models)? {
		match chain.model(head, id).await? {
			None => warn!(file = %path.display(), id = %worker::hex0x(&id), "skipped: its hash is not a registered model id"),
			Some(view) => {
				files.insert(id, path.clone());
				served.insert(id, (view, path));
			},
		}
	}
	let engine = Arc::new(engine::Engine::new(files));
	served.retain(|id, (view, path)| match engine.load(id) {
		Ok(_) => {
			info!(model = %String::from_utf8_lossy(&view.name), id = %worker::hex0x(id), file = %path.display(), "serving");
			true
		},
		Err(e) => {
			warn!(file = %path.display(), "skipped: libtorch cannot load it: {e:#}");
			false
		},
	});
	if served.is_empty() {
		bail!("no registered model in {}: nothing to serve", args.models.display());
	}
	let mut model_ids: Vec<_> = served.keys().copied().collect();
	model_ids.sort();
	let models: HashMap<_, _> = served.into_iter().map(|(id, (view, _))| (id, view)).collect();

	register(&chain, &args, &model_ids).await?;

	let state_dir = args.state_dir.clone().unwrap_or_else(|| {
		let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_else(|| ".".into());
		let genesis = worker::hex0x(chain.client().genesis_hash().as_bytes());
		home.join(".local/share/deai/worker").join(genesis).join(account.to_string())
	});
	let store = store::Store::open(&state_dir)?;
	let pending = store.tasks()?;
	info!(state = %state_dir.display(), pending = pending.len(), "task records");
	let max_result_len = chain.constant_u32("MaxResultLen").await? as usize;

	let (stop, stopped) = tokio::sync::watch::channel(false);
	tokio::spawn(async move {
		let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).expect("SIGTERM handler");
		tokio::select! {
			_ = tokio::signal::ctrl_c() => {},
			_ = term.recv() => {},
		}
		info!("signal received: stopping");
		let _ = stop.send(true);
	});
	let worker = worker::Worker::new(chain, engine, store, metrics, models, max_result_len);
	worker.run(stopped).await?;
	info!("stopped");
	Ok(())
}

/// Joins, or brings the registration in line with what this worker serves.
async fn register(chain: &chain::Chain, args: &Args, models: &[[u8; 32]]) -> Result<()> {
	let head = chain.finalized_head().await?;
	let model_values = || Value::unnamed_composite(models.iter().map(|m| chain::h256(*m)));
	let ensure = |what: &str, outcome: chain::TxOutcome| -> Result<()> {
		match outcome {
			chain::TxOutcome::Success { .. } => Ok(()),
			chain::TxOutcome::Failed { error, .. } => bail!("{what} failed: {error}"),
		}
	};
	match chain.node(head).await? {
		None => {
			let stake = match args.stake {
				Some(s) => s * UNIT,
				None => chain.constant_u128("MinStake").await?,
			};
			info!(stake_deai = stake / UNIT, capacity = args.capacity, "joining");
			let outcome = chain
				.submit("join", vec![Value::u128(stake), model_values(), Value::u128(args.capacity as u128)])
				.await?;
			ensure("join", outcome)?;
			info!("joined");
		},
		Some(node) => {
			if node.leaving {
				bail!("this account is leaving the compute network; wait until its tasks end, then restart");
			}
			let mut registered = node.models.clone();
			registered.sort();
			if registered != models || node.capacity != args.capacity {
				info!(capacity = args.capacity, "updating the registration to the models served here");
				let outcome = chain
					.submit("update_node", vec![model_values(), Value::u128(args.capacity as u128)])
					.await?;
				ensure("update_node", outcome)?;
			}
			match node.status {
				deai_primitives::NodeStatus::Active => info!(reputation = node.reputation, "registered and active"),
				status if args.resume => {
					info!(?status, "resuming");
					ensure("resume", chain.submit("resume", vec![]).await?)?;
				},
				status => warn!(?status, reputation = node.reputation, "the node is paused: no new tasks until it resumes (--resume)"),
			}
		},
	}
	Ok(())
}
