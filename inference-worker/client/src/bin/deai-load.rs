//! `deai-load`: a throughput benchmark's load against one node (see `deai_client::load`).
//!
//! ```text
//! deai-load --url ws://127.0.0.1:9944 --nodes 700 --rate 250 --blocks 240 --out report.json
//! ```

use anyhow::{bail, Context, Result};
use clap::Parser;
use deai_client::{
	demo::DIGITS_MLP_ID,
	load::{self, Settings, Verification, UNIT},
};

/// Plays many task creators and compute nodes against one deai node and reports the tasks
/// settled per block, the weight used, and the CPU this process and the node used.
#[derive(Parser, Debug)]
#[command(version)]
struct Args {
	/// The node's WebSocket RPC address.
	#[arg(long, default_value = "ws://127.0.0.1:9944")]
	url: String,
	/// Connections the transactions are spread over.
	#[arg(long, default_value_t = 4)]
	connections: usize,
	/// Compute accounts played.
	#[arg(long, default_value_t = 700)]
	nodes: usize,
	/// Tasks submitted at every new best block.
	#[arg(long, default_value_t = 250)]
	rate: usize,
	/// Blocks of load before the measured window.
	#[arg(long, default_value_t = 8)]
	warmup: usize,
	/// Blocks measured.
	#[arg(long, default_value_t = 30)]
	blocks: usize,
	/// The tasks' redundancy (ignored with --sampled).
	#[arg(long, default_value_t = 3)]
	redundancy: u32,
	/// Sampled tasks instead, checked at this rate in permille.
	#[arg(long)]
	sampled: Option<u16>,
	/// Each compute account's stake in DEAI (25 DEAI per concurrent task).
	#[arg(long, default_value_t = 400)]
	stake: u128,
	/// Each compute account's capacity.
	#[arg(long, default_value_t = 16)]
	capacity: u32,
	/// The funder's secret URI (a dev chain's Alice by default).
	#[arg(long, default_value = "//Alice")]
	funder: String,
	/// The secret URI the played accounts are derived from.
	#[arg(long, default_value = "//bench")]
	seed: String,
	/// The node's process id, to report the CPU it used.
	#[arg(long)]
	node_pid: Option<u32>,
	/// Writes the report here (JSON) as well as to standard output.
	#[arg(long)]
	out: Option<std::path::PathBuf>,
}

#[tokio::main]
async fn main() -> Result<()> {
	let args = Args::parse();
	if args.rate == 0 || args.blocks == 0 || args.nodes == 0 {
		bail!("--rate, --blocks and --nodes must be positive");
	}
	let settings = Settings {
		url: args.url,
		connections: args.connections,
		nodes: args.nodes,
		rate: args.rate,
		warmup: args.warmup,
		blocks: args.blocks,
		verification: args.sampled.map_or(Verification::Redundant(args.redundancy), Verification::Sampled),
		model: DIGITS_MLP_ID,
		// An 8x8 image of digit intensities; every played node reveals label 3.
		input: vec![1; 64],
		result: vec![3, 0, 0, 0],
		fee_per_node: 10 * UNIT / 1_000,
		stake: args.stake * UNIT,
		capacity: args.capacity,
		endowment: (args.stake + 100) * UNIT,
		funder: args.funder,
		seed: args.seed,
		node_pid: args.node_pid,
	};
	let report = load::run(settings).await?;
	let text = serde_json::to_string_pretty(report.json())?;
	if let Some(out) = &args.out {
		std::fs::write(out, format!("{text}\n")).with_context(|| format!("write {}", out.display()))?;
	}
	println!("{text}");
	Ok(())
}
