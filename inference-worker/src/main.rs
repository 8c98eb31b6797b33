//! `inference-worker`: a deai compute node.
//!
//! The binary parses its arguments, sets up logging and the shutdown signal, and runs
//! [`inference_worker::service::run`]; everything else is in the library.

use anyhow::{Context, Result};
use clap::Parser;
use inference_worker::{keys, logging, registration, service};
use std::{net::SocketAddr, path::PathBuf};
use tracing::info;

/// A deai compute node: runs assigned TorchScript models and commits and reveals their results.
#[derive(Parser, Debug)]
#[command(version, about)]
struct Args {
	/// WebSocket RPC endpoint of a deai node (a non-validator node is fine). Several (repeated, or
	/// comma-separated) are tried in turn: the next one is used when the node in use stops
	/// answering for 6 s.
	#[arg(long, env = "DEAI_RPC", default_value = "ws://127.0.0.1:9944", value_delimiter = ',', num_args = 1..)]
	rpc: Vec<String>,
	/// Folder of TorchScript model files; files that are not registered models are skipped.
	#[arg(long, env = "DEAI_MODELS")]
	models: PathBuf,
	/// Where results and salts are kept until revealed (default: per chain and account, under
	/// ~/.local/share/deai/worker/<genesis hash>/<account>/). Locked: one worker per directory.
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
	/// Stake to join with, in DEAI, up to 12 decimals, e.g. 150.5 (default: the chain's minimum).
	#[arg(long, value_parser = parse_stake)]
	stake: Option<u128>,
	/// How many tasks to take at once.
	#[arg(long, default_value_t = 2)]
	capacity: u32,
	/// libtorch intra-op threads per inference.
	#[arg(long, default_value_t = 1)]
	threads: i32,
	/// Address of the Prometheus endpoint (`/metrics`); `none` to disable. A port that cannot be
	/// bound stops start-up.
	#[arg(long, default_value = "127.0.0.1:9616")]
	metrics: String,
	/// Resume the node at start-up if it is paused (by its operator or by the chain).
	#[arg(long)]
	resume: bool,
	/// Leave the pools of registered models that this worker does not serve (their files gone,
	/// changed or unloadable). Without it such a worker stops (status 78) rather than leave a pool
	/// it may not get back into.
	#[arg(long)]
	drop_models: bool,
}

/// `--stake` in DEAI (decimals allowed, overflow refused), as the chain's smallest unit.
fn parse_stake(text: &str) -> Result<u128, String> {
	keys::parse_deai(text).map_err(|e| format!("{e:#}"))
}

#[tokio::main]
async fn main() {
	inference_worker::ensure_passive_openmp();
	if let Err(e) = run().await {
		logging::fatal(&e);
		// A registration the chain refuses as configured: a restart would only repeat it.
		let code = if registration::is_refused(&e) { registration::CONFIG_ERROR_EXIT } else { 1 };
		std::process::exit(code);
	}
}

/// `SIGINT` or `SIGTERM` stops gracefully (running jobs may finish); a second one stops at once.
fn shutdown_signal() -> Result<tokio::sync::watch::Receiver<bool>> {
	use tokio::signal::unix::{signal, SignalKind};
	let (stop, stopped) = tokio::sync::watch::channel(false);
	let mut interrupt = signal(SignalKind::interrupt()).context("SIGINT handler")?;
	let mut terminate = signal(SignalKind::terminate()).context("SIGTERM handler")?;
	tokio::spawn(async move {
		tokio::select! {
			_ = interrupt.recv() => {},
			_ = terminate.recv() => {},
		}
		info!("signal received: stopping (again to stop at once)");
		let _ = stop.send(true);
		tokio::select! {
			_ = interrupt.recv() => {},
			_ = terminate.recv() => {},
		}
		eprintln!("second signal: stopping at once");
		std::process::exit(130);
	});
	Ok(stopped)
}

async fn run() -> Result<()> {
	logging::init();
	let args = Args::parse();
	let metrics = match args.metrics.as_str() {
		"none" => None,
		addr => Some(addr.parse::<SocketAddr>().context("--metrics is not an address (or none)")?),
	};
	let config = service::Config {
		rpc: args.rpc,
		models: args.models,
		state_dir: args.state_dir,
		signer: keys::signer(args.dev.as_deref(), args.suri_file.as_deref())?,
		stake: args.stake,
		capacity: args.capacity,
		threads: args.threads,
		metrics,
		resume: args.resume,
		drop_models: args.drop_models,
	};
	service::run(config, shutdown_signal()?).await
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn stake_takes_decimals_and_refuses_overflow() {
		let parse = |args: &[&str]| Args::try_parse_from([&["inference-worker", "--models", "m"], args].concat());
		assert_eq!(parse(&["--stake", "150.5"]).unwrap().stake, Some(150_500_000_000_000));
		assert_eq!(parse(&["--stake", "500"]).unwrap().stake, Some(500 * keys::UNIT));
		assert_eq!(parse(&[]).unwrap().stake, None);
		assert!(parse(&["--stake", "340282366920938463463374607431768211455"]).is_err(), "overflow");
		assert!(parse(&["--stake", "1.0000000000001"]).is_err(), "more than 12 decimals");
		assert!(parse(&["--stake", "-1"]).is_err());
	}
}
