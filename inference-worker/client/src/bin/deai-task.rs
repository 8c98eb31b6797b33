//! `deai-task`: submit an inference task from a file and follow it to its verified result.
//!
//! ```text
//! deai-task --dev alice submit --model digits --file three.png
//! deai-task --dev alice submit --model vad --file speech.wav --fee 0.05
//! deai-task --dev alice submit --model digits --file three.txt --sampled 100
//! deai-task status 12
//! ```

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand};
use deai_client::{
	advice,
	api::{self, Event},
	chain::{Chain, TxOutcome},
	demo, hex0x, input,
	keys::{format_deai, parse_deai, signer},
};
use deai_primitives::{FailReason, ModelView, OutputEncoding, Phase, TaskView, Verification, ERROR_RESULT};
use futures::StreamExt;
use std::{path::PathBuf, time::Instant};
use subxt::{config::substrate::H256, utils::AccountId32};

/// Submit deai inference tasks and follow them to a verified result.
#[derive(Parser)]
#[command(version, about, after_help = EXAMPLES)]
struct Args {
	/// WebSocket RPC endpoint of a deai node; several (repeated, or comma-separated) are tried
	/// in turn when one stops answering.
	#[arg(long, env = "DEAI_RPC", default_value = "ws://127.0.0.1:9944", global = true, value_delimiter = ',', num_args = 1..)]
	rpc: Vec<String>,
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
		/// Full redundancy: how many nodes run it (default: the chain's default, 3).
		#[arg(long, conflicts_with = "sampled")]
		redundancy: Option<u32>,
		/// Sampled verification: one node computes it, and two more check it with this
		/// probability, in thousandths (1 to 1000). You pay for the check only when it happens.
		#[arg(long, value_name = "PERMILLE", value_parser = parse_permille)]
		sampled: Option<u16>,
	},
	/// Convert a file into a task's input without sending anything: to paste into polkadot-js
	/// apps, or to check what `submit` would send. The demo models need no node; any other model's
	/// entry is read from the chain.
	Prepare {
		/// `digits`, `vad`, or a model id (0x + 64 hex digits).
		#[arg(long)]
		model: String,
		/// The input, as for `submit`; with --row, --label or --all, the digits data set's CSV
		/// (`digits.csv.gz`, gzipped or not).
		#[arg(long)]
		file: PathBuf,
		/// The digit of the data set at this row (from 0).
		#[arg(long, conflicts_with_all = ["label", "all"])]
		row: Option<usize>,
		/// The first digit of the data set with this label.
		#[arg(long, conflicts_with = "all")]
		label: Option<u8>,
		/// Every digit of the data set, one JSON line each: {"row":N,"label":L,"input":"0x..."}.
		#[arg(long)]
		all: bool,
		/// Where to write the input: a `.hex` file gets 0x-hex, a `.txt` file an 8x8 digit as
		/// numbers, anything else the raw bytes. Default: 0x-hex on standard output.
		#[arg(long)]
		out: Option<PathBuf>,
	},
	/// Show a task's status and result.
	Status {
		/// The task id.
		task: u64,
	},
}

const EXAMPLES: &str = "Examples:
  deai-task --dev alice submit --model digits --file digit.txt     (64 numbers 0-16, or an image)
  deai-task --dev alice submit --model vad --file speech.wav --sampled 100
  deai-task --suri-file ~/my.suri --rpc wss://node.example:443 submit --model 0x4998...6315 --file input.bin
  deai-task status 42
  deai-task prepare --model vad --file speech.wav --out speech-f32.bin   (no node needed: the bytes to upload in apps)
  deai-task prepare --model digits --file digits.csv.gz --label 3 --out digit-3.txt

Exit status: 0 a verified result; 2 the task failed (no agreement, no nodes in time); 3 the nodes
agreed that the input is invalid for the model (the error result); 1 anything else (refused by
the chain, no connection, a bad file).";

/// The exit status of a task that failed on chain.
const EXIT_TASK_FAILED: i32 = 2;
/// The exit status of a task whose verified result is the error result.
const EXIT_INVALID_INPUT: i32 = 3;

/// The exit status for a settled task: see [`EXAMPLES`].
fn exit_status(view: &TaskView<AccountId32, u128, u32>) -> i32 {
	match (&view.phase, &view.result) {
		(Phase::Failed(_), _) => EXIT_TASK_FAILED,
		(_, Some(result)) if result[..] == ERROR_RESULT[..] => EXIT_INVALID_INPUT,
		_ => 0,
	}
}

/// How many times a lost block subscription is taken up again while following a task.
const MAX_RESUBSCRIBE: u32 = 30;

/// `--sampled`: 1 to 1000 per thousand, as the chain requires.
fn parse_permille(text: &str) -> Result<u16, String> {
	match text.parse::<u16>() {
		Ok(p) if (1..=1000).contains(&p) => Ok(p),
		_ => Err("a sampling rate is a whole number from 1 to 1000 (per thousand)".into()),
	}
}

fn model_id(text: &str) -> Result<[u8; 32]> {
	if let Some(model) = demo::by_alias(text) {
		return Ok(model.id);
	}
	let bytes = hex::decode(text.trim_start_matches("0x"))
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
		_ => hex0x(result),
	}
}

fn nodes(n: u32) -> String {
	if n == 1 { "1 node".into() } else { format!("{n} nodes") }
}

/// Why a task failed: the runtime's own doc of the reason (from the metadata), else its name.
fn failure(reason: FailReason) -> String {
	let name = format!("{reason:?}");
	api::variant_doc("FailReason", &name).map_or(name.clone(), |doc| format!("{name}: {doc}"))
}

fn progress(view: &TaskView<AccountId32, u128, u32>) -> String {
	let r = view.redundancy;
	let commits = view.assignments.iter().filter(|a| a.committed).count();
	let reveals = view.assignments.iter().filter(|a| a.revealed).count();
	let checked = match view.verification {
		Verification::Sampled { checked, .. } => Some(checked),
		Verification::Full => None,
	};
	match (view.phase, checked) {
		(Phase::Queued, _) => "queued, waiting for free nodes".into(),
		(Phase::Commit, _) if commits == 0 => format!("assigned to {}, computing", nodes(r)),
		(Phase::Commit, Some(None)) => "the node committed; the next block decides whether two more nodes check it".into(),
		(Phase::Commit, Some(Some(true))) => format!("checked by two more nodes: committed {commits}/{r}"),
		(Phase::Commit, _) => format!("committed {commits}/{r}"),
		(Phase::Reveal, Some(Some(false))) => format!("not checked: the node reveals alone, revealed {reveals}/{commits}"),
		(Phase::Reveal, _) => format!("committed {commits}/{r}, revealed {reveals}/{commits}"),
		(Phase::Completed, _) => format!("completed: {reveals} result(s) revealed"),
		(Phase::Failed(reason), _) => format!("failed: {}", failure(reason)),
	}
}

/// How the task is (or was) verified.
fn mode(verification: &Verification, redundancy: u32) -> String {
	match *verification {
		Verification::Full => format!("full redundancy r = {redundancy}"),
		Verification::Sampled { permille, checked } => {
			let rate = format!("sampled at {permille} per thousand");
			match checked {
				Some(true) => format!("{rate}: checked (two more nodes recomputed it; 2 of 3 decided)"),
				Some(false) => format!("{rate}: not checked (the one node's result stands)"),
				None => format!("{rate}: not decided (it ended before its node committed)"),
			}
		},
	}
}


/// What a settled task's events say its creator paid.
#[derive(Debug, Default, PartialEq, Eq)]
struct Paid {
	/// Fees paid to nodes, and to how many.
	fees: u128,
	paid_nodes: u32,
	/// Fees that went back to the creator.
	refunded: u128,
	/// Nodes slashed.
	slashed: u32,
}

impl Paid {
	fn add(&mut self, event: &Event) {
		match event {
			Event::NodeRewarded { amount, .. } => {
				self.fees += amount;
				self.paid_nodes += 1;
			},
			Event::FeeRefunded { amount, .. } => self.refunded += amount,
			Event::NodeSlashed { .. } => self.slashed += 1,
			_ => {},
		}
	}
}

/// The events of `task` from block `to` back to block number `from`, along `to`'s ancestry.
async fn task_events(chain: &Chain, task: u64, from: u64, to: H256) -> Result<Vec<Event>> {
	let mut found = vec![];
	let mut at = to;
	loop {
		let (number, parent) = chain.parent(at).await?;
		let events = chain.events(at).await?;
		found.splice(0..0, events.into_iter().filter(|e| e.task() == Some(task)));
		if number <= from || number == 0 {
			return Ok(found);
		}
		at = parent;
	}
}

/// What `deai-task submit` uses of the runtime besides its call (and `SampleDecided` for a sampled
/// task): the events it reports, the runtime API views, the constant and the storage entry it reads.
/// The node's runtime must have them as this program was built for.
const NEEDS: [&str; 8] =
	["TaskCreated", "NodeRewarded", "FeeRefunded", "NodeSlashed", "task", "model", "DefaultRedundancy", "Account"];

async fn submit(
	chain: &Chain,
	model: &str,
	file: PathBuf,
	fee: &str,
	redundancy: Option<u32>,
	sampled: Option<u16>,
) -> Result<i32> {
	let id = model_id(model)?;
	chain.require(&NEEDS)?;
	let head = chain.finalized_head().await?;
	let Some(model) = chain.model(head, id).await? else {
		bail!("unknown model {}: no model with this id is registered on this chain", hex0x(id));
	};
	let name = String::from_utf8_lossy(&model.name).into_owned();
	let prepared = input::prepare(&model, &file)?;
	for note in &prepared.notes {
		println!("note: {note}");
	}
	let fee = parse_deai(fee)?;
	// A sampled task holds the price of a full check: its node and two checkers.
	let (call, held_nodes) = match sampled {
		Some(permille) => (
			api::Call::from(api::tx().create_sampled_task(id, prepared.bytes.clone(), fee, permille)),
			3,
		),
		None => {
			let r = match redundancy {
				Some(r) => r,
				None => chain.constant(api::constants().default_redundancy()).await?,
			};
			(api::Call::from(api::tx().create_task(id, prepared.bytes.clone(), fee, redundancy)), r)
		},
	};
	chain.require(&[call.name()])?;
	if sampled.is_some() {
		chain.require(&["SampleDecided"])?;
	}
	let (free, reserved) = chain.balance(chain.best_head().await?).await?;
	let held = fee.saturating_mul(held_nodes as u128);
	if free < held {
		bail!(
			"too little balance: {} free, but the task holds {} ({held_nodes} x {})",
			format_deai(free),
			format_deai(held),
			format_deai(fee)
		);
	}
	println!("model   {name} ({})", hex0x(id));
	println!("input   {} bytes from {}", prepared.bytes.len(), file.display());
	match sampled {
		Some(permille) => {
			println!("mode    sampled at {permille} per thousand: one node computes; two more check it with probability {:.1}%", permille as f64 / 10.0);
			println!(
				"fee     {} per node, {} held (the price of a check), {} of it back if not checked",
				format_deai(fee),
				format_deai(held),
				format_deai(held - fee)
			);
		},
		None => {
			println!("mode    full redundancy r = {held_nodes}");
			println!("fee     {} per node, {} held for {}", format_deai(fee), format_deai(held), nodes(held_nodes));
		},
	}
	let started = Instant::now();
	let task = match chain.submit(call).await? {
		TxOutcome::Success { events, .. } => events
			.iter()
			.find_map(|e| match e {
				Event::TaskCreated { task, .. } => Some(*task),
				_ => None,
			})
			.context("the task was created but its TaskCreated event is missing")?,
		TxOutcome::Failed { error, .. } => bail!("the chain refused the task: {}", advice::explain(&error)),
	};
	let included_at = chain.task(chain.finalized_head().await?, task).await.ok().flatten().map(|t| t.created_at);
	println!("task    {task} created");

	let mut last = String::new();
	let mut resubscribed = 0;
	loop {
		let heads = match chain.best_heads().await {
			Ok(heads) => heads,
			Err(e) if resubscribed < MAX_RESUBSCRIBE => {
				eprintln!("note: cannot follow blocks ({e:#}); trying again");
				resubscribed += 1;
				tokio::time::sleep(std::time::Duration::from_secs(2)).await;
				continue;
			},
			Err(e) => return Err(e),
		};
		let mut heads = std::pin::pin!(heads);
		while let Some(head) = heads.next().await {
			let head = match head {
				Ok(head) => head,
				Err(e) => {
					eprintln!("note: the connection to the node dropped ({e:#}); following again");
					break;
				},
			};
			let (hash, number) = (head.hash, head.number);
			let Some(view) = chain.task(hash, task).await? else { continue };
			let line = progress(&view);
			if line != last {
				println!("block {number:>6}  {line}");
				last = line;
			}
			if !view.phase.is_open() {
				report(chain, &view, &model, task, included_at, hash, held, free + reserved).await?;
				println!(
					"latency {} blocks, {:.1} s from inclusion to settlement",
					number.saturating_sub(included_at.unwrap_or(view.created_at) as u64),
					started.elapsed().as_secs_f64()
				);
				return Ok(exit_status(&view));
			}
		}
		resubscribed += 1;
		if resubscribed > MAX_RESUBSCRIBE {
			bail!("the node stopped sending blocks before the task settled");
		}
		tokio::time::sleep(std::time::Duration::from_secs(1)).await;
	}
}

/// Prints what a settled task gave and cost: its result, mode, payments and the creator's cost.
#[allow(clippy::too_many_arguments)]
async fn report(
	chain: &Chain,
	view: &TaskView<AccountId32, u128, u32>,
	model: &ModelView,
	task: u64,
	included_at: Option<u32>,
	hash: H256,
	held: u128,
	total_before: u128,
) -> Result<()> {
	if let Some(result) = &view.result {
		println!("result  {}", describe(model, result));
	}
	println!("mode    {}", mode(&view.verification, view.redundancy));
	let created = included_at.unwrap_or(view.created_at);
	match task_events(chain, task, created as u64, hash).await {
		Ok(events) => {
			let mut paid = Paid::default();
			events.iter().for_each(|e| paid.add(e));
			println!(
				"paid    {} in fees to {}, {} refunded (of {} held){}",
				format_deai(paid.fees),
				nodes(paid.paid_nodes),
				format_deai(paid.refunded),
				format_deai(held),
				match paid.slashed {
					0 => String::new(),
					n => format!("; {} slashed", nodes(n)),
				}
			);
		},
		Err(e) => println!("paid    (the task's events cannot be read: {e:#})"),
	}
	let (free_after, reserved_after) = chain.balance(hash).await?;
	let cost = total_before.saturating_sub(free_after + reserved_after);
	println!("cost    {} (fees to the agreeing nodes, plus the transaction fee)", format_deai(cost));
	Ok(())
}

async fn status(chain: &Chain, task: u64) -> Result<i32> {
	// The best block: a task settled a block ago shows as settled (finality follows in seconds).
	let head = chain.best_head().await?;
	let Some(view) = chain.task(head, task).await? else {
		bail!("no task {task} (unknown, or pruned after its retention period)");
	};
	println!("task    {task}: {}", progress(&view));
	println!("mode    {}", mode(&view.verification, view.redundancy));
	if let Some(result) = &view.result {
		match chain.model(head, view.model).await? {
			Some(model) => println!("result  {}", describe(&model, result)),
			None => println!("result  {} (its model was removed)", hex0x(result)),
		}
	}
	Ok(if view.phase.is_open() { 0 } else { exit_status(&view) })
}

#[tokio::main]
async fn main() {
	match run(Args::parse()).await {
		Ok(status) => std::process::exit(status),
		Err(e) => {
			eprintln!("error: {e:#}");
			std::process::exit(1);
		},
	}
}

/// `deai-task prepare`: the input of `model` from `file`, written to `out` (or stdout as hex).
async fn prepare(rpc: &[String], model: &str, file: PathBuf, pick: (Option<usize>, Option<u8>, bool), out: Option<PathBuf>) -> Result<i32> {
	let id = model_id(model)?;
	let view = match demo::MODELS.iter().find(|m| m.id == id) {
		Some(demo) => (demo.entry)(),
		None => {
			let chain = Chain::connect_any(rpc, subxt_signer::sr25519::dev::ferdie()).await?;
			let head = chain.finalized_head().await?;
			chain.model(head, id).await?.with_context(|| format!("unknown model {}: not registered on this chain", hex0x(id)))?
		},
	};
	let format = out.as_deref().map_or(input::Format::Hex, input::Format::of);
	let text = match pick {
		(None, None, false) => {
			let prepared = input::prepare(&view, &file)?;
			for note in &prepared.notes {
				eprintln!("note: {note}");
			}
			format.render(&view, &prepared.bytes)?
		},
		(row, label, all) => {
			if !input::takes_a_digit(&view) {
				bail!("--row, --label and --all pick digits of the data set: a model of 64 pixels only");
			}
			let rows = input::digits::read_csv(&file)?;
			if all && format != input::Format::Raw && out.is_some() {
				bail!("--all writes JSON lines: give --out a .jsonl file (not .hex or .txt)");
			}
			if all {
				rows.iter().enumerate().map(|(n, (image, label))| input::digits::json_line(n, image, *label)).collect::<String>().into_bytes()
			} else {
				let (_, image, _) = input::digits::pick(&rows, row, label)?;
				format.render(&view, &image)?
			}
		},
	};
	match out {
		Some(path) => std::fs::write(&path, text).with_context(|| format!("write {}", path.display()))?,
		None => std::io::Write::write_all(&mut std::io::stdout(), &text)?,
	}
	Ok(0)
}

/// Runs the command; its exit status (see [`EXAMPLES`]).
async fn run(args: Args) -> Result<i32> {
	if let Command::Prepare { model, file, row, label, all, out } = args.command {
		return prepare(&args.rpc, &model, file, (row, label, all), out).await;
	}
	let keypair = match (&args.command, signer(args.dev.as_deref(), args.suri_file.as_deref())) {
		(_, Ok(keypair)) => keypair,
		// Reading a status signs nothing: any key will do.
		(Command::Status { .. }, Err(_)) => subxt_signer::sr25519::dev::ferdie(),
		(_, Err(e)) => return Err(e),
	};
	let chain = Chain::connect_any(&args.rpc, keypair).await?;
	match args.command {
		Command::Submit { model, file, fee, redundancy, sampled } => {
			submit(&chain, &model, file, &fee, redundancy, sampled).await
		},
		Command::Status { task } => status(&chain, task).await,
		Command::Prepare { .. } => unreachable!("prepared above, without a connection"),
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use deai_primitives::AssignmentView;

	#[test]
	fn every_item_the_client_needs_is_checked_against_the_runtime() {
		for name in NEEDS.iter().chain(&["SampleDecided", "create_task", "create_sampled_task", "DefaultRedundancy"]) {
			assert!(api::is_checked(name), "{name} is compared with no runtime's metadata");
		}
	}

	fn parse(args: &[&str]) -> Result<Args, clap::Error> {
		Args::try_parse_from([&["deai-task", "submit", "--model", "digits", "--file", "d.txt"], args].concat())
	}

	#[test]
	fn sampled_takes_a_rate_and_excludes_redundancy() {
		let Command::Submit { sampled, redundancy, .. } = parse(&["--sampled", "100"]).unwrap().command else { panic!() };
		assert_eq!((sampled, redundancy), (Some(100), None));
		assert!(parse(&["--sampled", "100", "--redundancy", "3"]).is_err(), "one mode or the other");
		assert!(parse(&["--sampled", "0"]).is_err());
		assert!(parse(&["--sampled", "1001"]).is_err());
		let Command::Submit { sampled, redundancy, .. } = parse(&["--redundancy", "5"]).unwrap().command else { panic!() };
		assert_eq!((sampled, redundancy), (None, Some(5)));
	}

	#[test]
	fn the_modes_and_refusals_are_in_plain_words() {
		assert_eq!(mode(&Verification::Full, 3), "full redundancy r = 3");
		let sampled = |checked| mode(&Verification::Sampled { permille: 100, checked }, 1);
		assert!(sampled(Some(true)).starts_with("sampled at 100 per thousand: checked"));
		assert!(sampled(Some(false)).contains("not checked"));
		assert!(advice::explain("Inference::CheatingWouldPay").contains("cheating would pay"));
		assert_eq!(model_id("vad").unwrap(), demo::SILERO_VAD_ID);
	}

	#[test]
	fn a_sampled_task_shows_its_decision() {
		let node = |committed, revealed| AssignmentView { node: AccountId32([1; 32]), committed, revealed };
		let mut view = TaskView {
			creator: AccountId32([0; 32]),
			model: [0; 32],
			fee_per_node: 1,
			redundancy: 1,
			quorum: 1,
			phase: Phase::Commit,
			created_at: 1,
			deadline: 9,
			assignments: vec![node(true, false)],
			result: None,
			verification: Verification::Sampled { permille: 50, checked: None },
		};
		assert!(progress(&view).contains("decides whether two more nodes check it"));
		view.verification = Verification::Sampled { permille: 50, checked: Some(false) };
		view.phase = Phase::Reveal;
		assert!(progress(&view).starts_with("not checked"));
		view.phase = Phase::Failed(FailReason::NoCheckers);
		assert!(progress(&view).contains("failed: NoCheckers: A sampled task was chosen for a check, but no two other nodes"));
	}

	#[test]
	fn fees_and_refunds_add_up_from_the_events() {
		use subxt::utils::AccountId32;
		let mut paid = Paid::default();
		for e in [
			Event::NodeRewarded { task: 1, node: AccountId32([1; 32]), amount: 20 },
			Event::FeeRefunded { task: 1, creator: AccountId32([2; 32]), amount: 40 },
			Event::SampleDecided { task: 1, checked: false },
		] {
			paid.add(&e);
		}
		assert_eq!(paid, Paid { fees: 20, paid_nodes: 1, refunded: 40, slashed: 0 });
	}
}
