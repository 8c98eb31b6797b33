//! `deai-task`: submit an inference task from a file and follow it to its verified result.
//!
//! ```text
//! deai-task --dev alice submit --model digits --file three.png
//! deai-task --dev alice submit --model vad --file speech.wav --fee 0.05
//! deai-task status 12
//! ```

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand};
use codec::Decode;
use deai_primitives::{ModelView, OutputEncoding, Phase, TaskView, ERROR_RESULT};
use futures::StreamExt;
use inference_worker::{
	chain::{h256, Chain, TxOutcome},
	input,
	keys::{format_deai, parse_deai, signer},
};
use std::{path::PathBuf, time::Instant};
use subxt::dynamic::Value;

/// Model names a person may use instead of an id (the dev chain's demo models).
const ALIASES: [(&str, &str); 2] = [
	("vad", "0x4998d283b192378153ae7178b3b049fc4801577f833169e3efcc0c05b5ad6315"),
	("digits", "0xba8450ac4c9f735b23b0ae50691b8cab6a98f69ee6d937db5f91cbb7b3829a06"),
];

/// Submit deai inference tasks and follow them to a verified result.
#[derive(Parser)]
#[command(version, about)]
struct Args {
	/// WebSocket RPC endpoint of a deai node.
	#[arg(long, env = "DEAI_RPC", default_value = "ws://127.0.0.1:9944", global = true)]
	rpc: String,
	/// Sign with a well-known development key (alice, bob, ...): dev chains only.
	#[arg(long, global = true, conflicts_with = "suri_file")]
	dev: Option<String>,
	/// File holding your secret URI (otherwise the DEAI_SURI environment variable).
	#[arg(long, global = true)]
	suri_file: Option<PathBuf>,
	#[command(subcommand)]
	command: Command,
}

#[derive(Subcommand)]
enum Command {
	/// Create a task from a file and follow it until it settles.
	Submit {
		/// `digits`, `vad`, or a model id (0x + 64 hex digits).
		#[arg(long)]
		model: String,
		/// The input: a .wav for audio models, a .txt (64 numbers 0-16) or an image for digits,
		/// or a file of the raw input bytes.
		#[arg(long)]
		file: PathBuf,
		/// Fee paid to each agreeing node, in DEAI.
		#[arg(long, default_value = "0.02")]
		fee: String,
		/// How many nodes run it (default: the chain's default, 3).
		#[arg(long)]
		redundancy: Option<u32>,
	},
	/// Show a task's status and result.
	Status {
		/// The task id.
		task: u64,
	},
}

fn model_id(text: &str) -> Result<[u8; 32]> {
	let hex = ALIASES.iter().find(|(name, _)| *name == text).map(|(_, id)| *id).unwrap_or(text);
	let bytes = hex::decode(hex.trim_start_matches("0x"))
		.ok()
		.filter(|b| b.len() == 32)
		.with_context(|| format!("{text:?} is neither a model name (digits, vad) nor a 0x-prefixed 32-byte id"))?;
	Ok(bytes.try_into().expect("32 bytes"))
}

/// A person-readable rendering of a result.
fn describe(model: &ModelView, result: &[u8]) -> String {
	if result == ERROR_RESULT {
		return "the model could not take this input (the nodes agreed on the error result)".into();
	}
	match model.output {
		OutputEncoding::Argmax if result.len() == 4 => format!("label {}", u32::from_le_bytes(result.try_into().unwrap())),
		OutputEncoding::TopK { .. } => format!(
			"top labels {:?}",
			result.chunks(4).map(|c| u32::from_le_bytes(c.try_into().unwrap_or_default())).collect::<Vec<_>>()
		),
		OutputEncoding::FixedPoint { scale } => format!(
			"values {:?}",
			result.chunks(4).map(|c| i32::from_le_bytes(c.try_into().unwrap_or_default()) as f64 / scale as f64).collect::<Vec<_>>()
		),
		OutputEncoding::Threshold { .. } => {
			let bits: String = result.iter().flat_map(|b| (0..8).map(move |i| if b >> i & 1 == 1 { '1' } else { '.' })).collect();
			format!("{} of {} chunks above the threshold: {bits}", bits.matches('1').count(), bits.len())
		},
		_ => format!("0x{}", hex::encode(result)),
	}
}

fn progress(view: &TaskView<[u8; 32], u128, u32>) -> String {
	let r = view.redundancy;
	let commits = view.assignments.iter().filter(|a| a.committed).count();
	let reveals = view.assignments.iter().filter(|a| a.revealed).count();
	match view.phase {
		Phase::Queued => "queued, waiting for free nodes".into(),
		Phase::Commit if commits == 0 => format!("assigned to {r} nodes, computing"),
		Phase::Commit => format!("committed {commits}/{r}"),
		Phase::Reveal => format!("committed {commits}/{r}, revealed {reveals}/{commits}"),
		Phase::Completed => format!("completed: {reveals} results revealed"),
		Phase::Failed(reason) => format!("failed: {reason:?} (the fee was refunded)"),
	}
}

async fn submit(chain: &Chain, model: &str, file: PathBuf, fee: &str, redundancy: Option<u32>) -> Result<()> {
	let id = model_id(model)?;
	let head = chain.finalized_head().await?;
	let Some(model) = chain.model(head, id).await? else {
		bail!("unknown model 0x{}: no model with this id is registered on this chain", hex::encode(id));
	};
	let name = String::from_utf8_lossy(&model.name).into_owned();
	let prepared = input::prepare(&model, &file)?;
	for note in &prepared.notes {
		println!("note: {note}");
	}
	let fee = parse_deai(fee)?;
	let r = match redundancy {
		Some(r) => r,
		None => chain.constant_u32("DefaultRedundancy").await?,
	};
	let (free, reserved) = chain.balance(chain.best_head().await?).await?;
	let held = fee.saturating_mul(r as u128);
	if free < held {
		bail!("too little balance: {} free, but the task holds {} ({r} x {})", format_deai(free), format_deai(held), format_deai(fee));
	}
	println!("model   {name} (0x{})", hex::encode(id));
	println!("input   {} bytes from {}", prepared.bytes.len(), file.display());
	println!("fee     {} per node, {} held for {r} nodes", format_deai(fee), format_deai(held));
	let redundancy = match redundancy {
		Some(r) => Value::unnamed_variant("Some", [Value::u128(r as u128)]),
		None => Value::unnamed_variant("None", []),
	};
	let started = Instant::now();
	let outcome = chain
		.submit("create_task", vec![h256(id), Value::from_bytes(&prepared.bytes), Value::u128(fee), redundancy])
		.await?;
	let task = match outcome {
		TxOutcome::Success { events, .. } => events
			.iter()
			.find(|(name, _)| name == "TaskCreated")
			.and_then(|(_, fields)| u64::decode(&mut &fields[..]).ok())
			.context("the task was created but its TaskCreated event is missing")?,
		TxOutcome::Failed { error, .. } => bail!("the chain refused the task: {error}"),
	};
	let included_at = chain.task(chain.finalized_head().await?, task).await.ok().flatten().map(|t| t.created_at);
	println!("task    {task} created");

	let mut heads = std::pin::pin!(chain.best_heads().await?);
	let mut last = String::new();
	while let Some(head) = heads.next().await {
		let head = head?;
		let (hash, number) = (head.hash, head.number);
		let Some(view) = chain.task(hash, task).await? else { continue };
		let line = progress(&view);
		if line != last {
			println!("block {number:>6}  {line}");
			last = line;
		}
		if !view.phase.is_open() {
			if let Some(result) = &view.result {
				println!("result  {}", describe(&model, result));
			}
			let (free_after, reserved_after) = chain.balance(hash).await?;
			let cost = (free + reserved).saturating_sub(free_after + reserved_after);
			println!("cost    {} (fees to the agreeing nodes, plus the transaction fee)", format_deai(cost));
			let created = included_at.unwrap_or(view.created_at);
			println!(
				"latency {} blocks, {:.1} s from inclusion to settlement",
				number.saturating_sub(created as u64),
				started.elapsed().as_secs_f64()
			);
			return Ok(());
		}
	}
	bail!("the node stopped sending blocks before the task settled")
}

async fn status(chain: &Chain, task: u64) -> Result<()> {
	let head = chain.finalized_head().await?;
	let Some(view) = chain.task(head, task).await? else {
		bail!("no task {task} (unknown, or pruned after its retention period)");
	};
	println!("task    {task}: {}", progress(&view));
	if let Some(result) = &view.result {
		match chain.model(head, view.model).await? {
			Some(model) => println!("result  {}", describe(&model, result)),
			None => println!("result  0x{} (its model was removed)", hex::encode(result)),
		}
	}
	Ok(())
}

#[tokio::main]
async fn main() {
	if let Err(e) = run(Args::parse()).await {
		eprintln!("error: {e:#}");
		std::process::exit(1);
	}
}

async fn run(args: Args) -> Result<()> {
	let keypair = match (&args.command, signer(args.dev.as_deref(), args.suri_file.as_deref())) {
		(_, Ok(keypair)) => keypair,
		// Reading a status signs nothing: any key will do.
		(Command::Status { .. }, Err(_)) => subxt_signer::sr25519::dev::ferdie(),
		(_, Err(e)) => return Err(e),
	};
	let chain = Chain::connect(&args.rpc, keypair).await?;
	match args.command {
		Command::Submit { model, file, fee, redundancy } => submit(&chain, &model, file, &fee, redundancy).await,
		Command::Status { task } => status(&chain, task).await,
	}
}
