//! `bench-inference`: what the worker adds to a bare libtorch forward pass.
//!
//! For each demo model (the VAD model on one second of 16 kHz speech, `tests/fixtures/speech.wav`,
//! and the digits classifier on `tests/fixtures/digit-4.txt`), one run times, on the same model
//! bytes and the same input:
//!
//! * the worker's whole path for a task, as the worker runs it: [`plan`] with the engine, that
//!   is the started mark, the input checks, bytes to tensor, the forward pass, the output
//!   to values and their canonical encoding, a fresh salt, and the record persisted (fsynced) to
//!   a store, ready to commit;
//! * a bare forward pass: the module's method called on a tensor built once, nothing else.
//!
//! The two alternate (one of each per repetition, in alternating order) after a warm-up, and the
//! report gives the median and 95th percentile of each in microseconds, the ratio of the
//! medians, and the worker path's median split into its inference (`engine.infer`) and the
//! rest (mostly the store's fsyncs), with what one fsync costs in the store's folder.
//!
//! ```text
//! bench-inference [--models DIR] [--reps N] [--warmup N] [--threads N] [--state-dir DIR] [--out FILE]
//! ```

use inference_worker::hex0x;
use anyhow::{bail, Context, Result};
use clap::Parser;
use deai_primitives::{AssignedTask, ModelId, ModelView, Phase};
use inference_worker::{
	demo,
	engine::{Engine, Outcome},
	input, models,
	plan::{plan, Action},
	store::Store,
};
use serde_json::json;
use std::{
	collections::HashMap,
	path::{Path, PathBuf},
	time::{Duration, Instant},
};
use tch::{CModule, IValue, Kind, Tensor};

/// Times the worker's inference path against a bare libtorch forward pass.
#[derive(Parser)]
#[command(version, about)]
struct Args {
	/// Folder of the demo model files (silero_vad.jit, digits-mlp.pt), found by their ids.
	#[arg(long, env = "DEAI_MODELS_DIR", default_value_os_t = default_models())]
	models: PathBuf,
	/// Timed repetitions of each path, per model.
	#[arg(long, default_value_t = 300)]
	reps: usize,
	/// Untimed repetitions of each path first.
	#[arg(long, default_value_t = 30)]
	warmup: usize,
	/// libtorch threads (the worker's `--threads`).
	#[arg(long, default_value_t = 1)]
	threads: i32,
	/// Where the worker path's store is created (a fresh folder inside it, removed afterwards);
	/// default: the system's temporary folder. Put it on the disk the worker's state lives on.
	#[arg(long)]
	state_dir: Option<PathBuf>,
	/// Also write the JSON report to this file.
	#[arg(long)]
	out: Option<PathBuf>,
}

fn default_models() -> PathBuf {
	std::env::var_os("HOME").map(PathBuf::from).unwrap_or_default().join(".cache/deai/models")
}

/// A model and the input it is timed on.
struct Case {
	name: &'static str,
	id: ModelId,
	view: ModelView,
	input: Vec<u8>,
	about: String,
}

fn fixture(name: &str) -> PathBuf {
	Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn cases() -> Result<Vec<Case>> {
	let vad = demo::by_alias("vad").expect("the VAD demo model");
	let speech = input::prepare(&(vad.entry)(), &fixture("speech.wav"))?;
	let digits = demo::by_alias("digits").expect("the digits demo model");
	let digit = input::prepare(&(digits.entry)(), &fixture("digit-4.txt"))?;
	Ok(vec![
		Case {
			name: "vad",
			id: vad.id,
			view: (vad.entry)(),
			input: speech.bytes,
			about: "tests/fixtures/speech.wav: 1 s of 16 kHz speech".into(),
		},
		Case {
			name: "digits",
			id: digits.id,
			view: (digits.entry)(),
			input: digit.bytes,
			about: "tests/fixtures/digit-4.txt: an 8x8 four".into(),
		},
	])
}

/// Median and 95th percentile (nearest rank) in microseconds.
fn summary(samples: &[Duration]) -> serde_json::Value {
	let us = sorted_us(samples);
	json!({ "median": median(&us), "p95": percentile(&us, 0.95) })
}

fn median(sorted: &[f64]) -> f64 {
	percentile(sorted, 0.5)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
	let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
	sorted[rank - 1]
}

fn sorted_us(samples: &[Duration]) -> Vec<f64> {
	let mut us: Vec<f64> = samples.iter().map(|d| d.as_secs_f64() * 1e6).collect();
	us.sort_by(|a, b| a.partial_cmp(b).expect("no NaN"));
	us
}

/// The bare forward pass: the model's method on a tensor built once.
struct Bare {
	module: CModule,
	method: String,
	args: Vec<IValue>,
}

impl Bare {
	fn new(bytes: &[u8], view: &ModelView, input: &[u8]) -> Result<Self> {
		let mut module = CModule::load_data(&mut &bytes[..]).context("load the model")?;
		module.set_eval();
		let kind = match view.input_type {
			deai_primitives::ElementType::F32 => Kind::Float,
			deai_primitives::ElementType::U8 => Kind::Uint8,
			other => bail!("no bare path for {other:?} inputs"),
		};
		let shape: Vec<i64> = view.input_shape.iter().map(|d| *d as i64).collect();
		let mut args = vec![IValue::Tensor(Tensor::f_from_data_size(input, &shape, kind)?)];
		args.extend(view.extra_args.iter().map(|a| IValue::Int(*a)));
		let method = match std::str::from_utf8(&view.method)? {
			"" => "forward".to_string(),
			name => name.to_string(),
		};
		Ok(Self { module, method, args })
	}

	fn forward(&self) -> Result<Duration> {
		let started = Instant::now();
		let out = tch::no_grad(|| self.module.method_is(&self.method, &self.args))?;
		let elapsed = started.elapsed();
		drop(out);
		Ok(elapsed)
	}
}

/// One task through the worker's path; returns (whole path, of which inference).
fn worker_path(engine: &Engine, store: &Store, case: &Case, id: u64) -> Result<(Duration, Duration)> {
	let task = AssignedTask {
		id,
		model: case.id,
		input: case.input.clone(),
		phase: Phase::Commit,
		deadline: u32::MAX,
		committed: false,
		revealed: false,
	};
	let mut inferred = Duration::ZERO;
	let started = Instant::now();
	let action = plan(store, &[7; 32], &task, 1, |mark| {
		let run = engine.infer_marked(&case.id, &case.view, &task.input, 4096, std::time::Duration::MAX, mark);
		inferred = run.elapsed;
		run.outcome
	})?;
	let elapsed = started.elapsed();
	if !matches!(action, Action::Commit { .. }) {
		bail!("{}: the worker path ended in {action:?}, not a commit", case.name);
	}
	store.remove(id)?;
	Ok((elapsed, inferred))
}

/// What one durable write costs in `dir`: a small file created, written and fsynced (the
/// worker's record costs two fsyncs: the file's and the directory's after the rename).
fn fsync_probe(dir: &Path, n: usize) -> Result<Vec<Duration>> {
	use std::io::Write;
	let path = dir.join("fsync-probe");
	let mut times = vec![];
	for _ in 0..n.max(1) {
		let started = Instant::now();
		let mut file = std::fs::File::create(&path)?;
		file.write_all(&[b'x'; 256])?;
		file.sync_all()?;
		times.push(started.elapsed());
		std::fs::remove_file(&path)?;
	}
	Ok(times)
}

fn main() -> Result<()> {
	inference_worker::ensure_passive_openmp();
	let args = Args::parse();
	if args.reps == 0 {
		bail!("--reps must be at least 1");
	}
	tch::set_num_threads(args.threads.max(1));
	tch::set_num_interop_threads(1);
	let files = models::scan(&args.models)?;
	let cases = cases()?;
	let bytes: HashMap<ModelId, Vec<u8>> = files
		.into_iter()
		.filter(|f| cases.iter().any(|c| c.id == f.id))
		.map(|f| (f.id, f.bytes))
		.collect();
	for case in &cases {
		if !bytes.contains_key(&case.id) {
			bail!("{}: no file with id {} in {}", case.name, hex0x(case.id), args.models.display());
		}
	}
	let engine = Engine::new(bytes.clone());
	let parent = args.state_dir.clone().unwrap_or_else(std::env::temp_dir);
	let dir = tempfile::Builder::new().prefix("deai-bench-store-").tempdir_in(&parent)?;
	let store = Store::open(dir.path())?;

	let fsync = fsync_probe(dir.path(), args.reps.min(50))?;
	let mut report = serde_json::Map::new();
	let mut task_id = 0u64;
	for case in &cases {
		let bare = Bare::new(&bytes[&case.id], &case.view, &case.input)?;
		// The worker path must answer, and what it answers must be what the bare pass computes.
		match engine.infer(&case.id, &case.view, &case.input, 4096).outcome {
			Outcome::Answer(_) => {},
			other => bail!("{}: the worker path did not answer: {other:?}", case.name),
		}
		let (mut worker, mut inference, mut forward) = (vec![], vec![], vec![]);
		for rep in 0..args.warmup + args.reps {
			task_id += 1;
			let (w, b) = if rep % 2 == 0 {
				let w = worker_path(&engine, &store, case, task_id)?;
				(w, bare.forward()?)
			} else {
				let b = bare.forward()?;
				(worker_path(&engine, &store, case, task_id)?, b)
			};
			if rep >= args.warmup {
				worker.push(w.0);
				inference.push(w.1);
				forward.push(b);
			}
		}
		let rest: Vec<Duration> = worker.iter().zip(&inference).map(|(w, i)| w.saturating_sub(*i)).collect();
		let ratio = median(&sorted_us(&worker)) / median(&sorted_us(&forward));
		report.insert(
			case.name.into(),
			json!({
				"model_id": hex0x(case.id),
				"input": case.about,
				"input_bytes": case.input.len(),
				"worker_us": summary(&worker),
				"bare_us": summary(&forward),
				"ratio_median": ratio,
				"worker_median_split_us": {
					"inference": median(&sorted_us(&inference)),
					"store_and_rest": median(&sorted_us(&rest)),
				},
			}),
		);
	}
	let report = json!({
		"reps": args.reps,
		"warmup": args.warmup,
		"threads": args.threads.max(1),
		"store": dir.path().display().to_string(),
		"store_fsync_us": summary(&fsync),
		"goal": "ratio_median <= 1.05 for vad; for digits fixed costs dominate",
		"models": report,
	});
	let text = serde_json::to_string_pretty(&report)? + "\n";
	print!("{text}");
	if let Some(out) = &args.out {
		std::fs::write(out, &text).with_context(|| format!("write {}", out.display()))?;
	}
	Ok(())
}
