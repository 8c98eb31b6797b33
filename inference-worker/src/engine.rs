//! Running TorchScript models with libtorch (`tch`).
//!
//! A task's input bytes become a tensor of the model entry's element type and shape; the entry's
//! method is called with the tensor and its extra integer arguments; the first output tensor is
//! flattened to `f64` values and encoded canonically.
//!
//! Every run ends in one of three [`Outcome`]s, and the difference decides what is at stake:
//!
//! * [`Outcome::Answer`]: the encoded output, committed;
//! * [`Outcome::InvalidInput`]: the input is invalid for this model, decided the same way by every
//!   honest node: committed as the canonical error result ([`ERROR_RESULT`]). Decided from the
//!   input and the model entry before anything runs where possible (length, non-finite floats,
//!   the method name); after the run, an output that cannot be encoded or exceeds the chain's
//!   `MaxResultLen`, and an error the model's own code raises for this input;
//! * [`Outcome::LocalFault`]: something went wrong on this machine (out of memory, a panic, a
//!   module that cannot be loaded, a libtorch installation that lacks an operator). It says
//!   nothing about the input, so it is never committed: the worker retries or lets the task time
//!   out (reputation, not stake).
//!
//! Models are loaded from the very bytes that were hashed to their id (never again from a path
//! whose file may have changed since). Each model has a pool of loaded modules, as many as the
//! engine's `instances` (the worker's capacity, bounded by the cores): that many tasks of one
//! model run at once, each on a module of its own (TorchScript modules may keep state between
//! calls, silero does). A module a panic may have left half-updated is dropped, and a fresh one
//! is loaded from the bytes when needed. A run waits for a free module at most as long as its
//! caller allows (a task's commit window), and the time it reports is the model's alone.

use crate::hex0x;
use crate::encoding;
use anyhow::{anyhow, Context, Result};
use deai_primitives::{ElementType, ModelId, ModelView, ERROR_RESULT};
use std::{
	collections::HashMap,
	panic::{catch_unwind, AssertUnwindSafe},
	sync::{Arc, Condvar, Mutex, PoisonError},
	time::{Duration, Instant},
};
use tch::{CModule, IValue, Kind, Tensor};

/// What one run of a model means for the task.
#[derive(Debug)]
pub enum Outcome {
	/// The encoded output: commit it.
	Answer(Vec<u8>),
	/// The input is invalid for this model, as every honest node decides: commit the canonical
	/// error result.
	InvalidInput(String),
	/// A fault of this machine, not of the input: commit nothing.
	LocalFault(anyhow::Error),
}

impl Outcome {
	/// The result bytes to commit: the answer, the error result for an invalid input, nothing
	/// for a local fault.
	pub fn committable(&self) -> Option<Vec<u8>> {
		match self {
			Outcome::Answer(result) => Some(result.clone()),
			Outcome::InvalidInput(_) => Some(ERROR_RESULT.to_vec()),
			Outcome::LocalFault(_) => None,
		}
	}
}

/// The outcome of one inference and the time it took.
#[derive(Debug)]
pub struct Inference {
	/// What the run means for the task.
	pub outcome: Outcome,
	/// Time spent in the model (zero when the input was refused before running it).
	pub elapsed: Duration,
}

/// The loaded modules of one model: the idle ones, and how many exist (idle or running).
#[derive(Default)]
struct Pool {
	idle: Vec<CModule>,
	live: usize,
}

/// The models this worker serves: their bytes, and a pool of modules loaded from them each.
pub struct Engine {
	bytes: HashMap<ModelId, Arc<[u8]>>,
	/// Per model, its pool and the signal that a module was given back.
	pools: HashMap<ModelId, (Mutex<Pool>, Condvar)>,
	instances: usize,
}

/// Gives back a pool's slot whose module is gone (never loaded, or dropped after a panic), and
/// wakes a run waiting for one.
fn free_slot(pool: &Mutex<Pool>, given_back: &Condvar) {
	lock(pool).live -= 1;
	given_back.notify_one();
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
	m.lock().unwrap_or_else(PoisonError::into_inner)
}

fn kind_of(t: ElementType) -> Kind {
	match t {
		ElementType::U8 => Kind::Uint8,
		ElementType::I8 => Kind::Int8,
		ElementType::I16 => Kind::Int16,
		ElementType::I32 => Kind::Int,
		ElementType::I64 => Kind::Int64,
		ElementType::F32 => Kind::Float,
		ElementType::F64 => Kind::Double,
	}
}

/// Whether a libtorch error is a fault of this machine rather than the model refusing the
/// input: exhausted resources, or a libtorch build that cannot run an operator. Any other error
/// is raised by the model's code for this input, which every honest node reproduces.
pub fn is_local_error(message: &str) -> bool {
	const LOCAL: [&str; 14] = [
		"out of memory",
		"not enough memory",
		"can't allocate",
		"cannot allocate",
		"failed to allocate",
		"bad_alloc",
		"alloc_cpu",
		"resource temporarily unavailable",
		"no space left",
		"too many open files",
		"could not run '",
		"cuda",
		"was compiled without",
		"illegal instruction",
	];
	let message = message.to_lowercase();
	LOCAL.iter().any(|p| message.contains(p))
}

/// What every honest node decides from the input and the model entry alone, before running
/// anything: `Err(why)` when the input is invalid for the model.
pub fn check_input(view: &ModelView, input: &[u8]) -> std::result::Result<(), String> {
	let expected = view.input_len().ok_or("the model's input shape overflows")? as usize;
	if input.len() != expected {
		return Err(format!("input has {} bytes, the model takes {expected}", input.len()));
	}
	let finite = match view.input_type {
		ElementType::F32 => input.chunks_exact(4).all(|c| f32::from_le_bytes(c.try_into().expect("4 bytes")).is_finite()),
		ElementType::F64 => input.chunks_exact(8).all(|c| f64::from_le_bytes(c.try_into().expect("8 bytes")).is_finite()),
		_ => true,
	};
	if !finite {
		return Err("the input holds a NaN or an infinity".into());
	}
	if std::str::from_utf8(&view.method).is_err() {
		return Err("the model entry's method name is not UTF-8".into());
	}
	Ok(())
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
	panic
		.downcast_ref::<&str>()
		.map(|s| s.to_string())
		.or_else(|| panic.downcast_ref::<String>().cloned())
		.unwrap_or_else(|| "a panic without a message".into())
}

impl Engine {
	/// An engine serving the given models, each id with the bytes that hash to it, one module
	/// per model (see [`Engine::with_instances`]).
	pub fn new(models: HashMap<ModelId, Vec<u8>>) -> Self {
		Self {
			pools: models.keys().map(|id| (*id, Default::default())).collect(),
			bytes: models.into_iter().map(|(id, bytes)| (id, Arc::from(bytes))).collect(),
			instances: 1,
		}
	}

	/// The same engine with up to `instances` modules of each model (at least one), loaded as
	/// runs need them: that many runs of one model at once.
	pub fn with_instances(mut self, instances: usize) -> Self {
		self.instances = instances.max(1);
		self
	}

	/// How many modules of one model may run at once.
	pub fn instances(&self) -> usize {
		self.instances
	}

	fn fresh(&self, id: &ModelId) -> Result<CModule> {
		let bytes = self.bytes.get(id).ok_or_else(|| anyhow!("no model {} here", hex0x(id)))?;
		let mut module =
			CModule::load_data(&mut &bytes[..]).with_context(|| format!("load model {}", hex0x(id)))?;
		module.set_eval();
		Ok(module)
	}

	/// Loads a model now (at start-up), so a broken file is reported before the node joins.
	pub fn load(&self, id: &ModelId) -> Result<()> {
		self.with_module(id, Duration::ZERO, |_| ())
	}

	/// How many modules of `id` are loaded (idle or running).
	pub fn loaded(&self, id: &ModelId) -> usize {
		self.pools.get(id).map_or(0, |(pool, _)| lock(pool).live)
	}

	/// Runs `f` on a module of `id` that no other run uses: an idle one, else a new one while
	/// fewer than [`Engine::instances`] exist, else the first one given back within `wait`
	/// (past it, a local fault: the machine is too busy). A panic in `f` is a local fault, and
	/// the module it ran on is dropped.
	pub fn with_module<R>(&self, id: &ModelId, wait: Duration, f: impl FnOnce(&CModule) -> R) -> Result<R> {
		let (pool, given_back) = self.pools.get(id).ok_or_else(|| anyhow!("no model {} here", hex0x(id)))?;
		let until = Instant::now().checked_add(wait);
		let idle = {
			let mut p = lock(pool);
			loop {
				if let Some(module) = p.idle.pop() {
					break Some(module);
				}
				if p.live < self.instances {
					p.live += 1;
					break None;
				}
				let left = until.map(|u| u.saturating_duration_since(Instant::now()));
				if left.is_some_and(|l| l.is_zero()) {
					return Err(anyhow!(
						"all {} modules of the model were busy for {:.1} s",
						self.instances,
						wait.as_secs_f64()
					));
				}
				p = match left {
					Some(left) => given_back.wait_timeout(p, left).unwrap_or_else(PoisonError::into_inner).0,
					None => given_back.wait(p).unwrap_or_else(PoisonError::into_inner),
				};
			}
		};
		let module = match idle {
			Some(module) => module,
			// A panic while loading (tch unwraps inside `set_eval`) must give the slot back too.
			None => match catch_unwind(AssertUnwindSafe(|| self.fresh(id))) {
				Ok(Ok(module)) => module,
				failed => {
					free_slot(pool, given_back);
					return Err(match failed {
						Ok(Err(e)) => e,
						Err(panic) => anyhow!("loading the model panicked: {}", panic_message(&*panic)),
						Ok(Ok(_)) => unreachable!("matched above"),
					});
				},
			},
		};
		let ran = catch_unwind(AssertUnwindSafe(|| f(&module)));
		match ran {
			Ok(r) => {
				lock(pool).idle.push(module);
				given_back.notify_one();
				Ok(r)
			},
			Err(panic) => {
				// Its state is unknown: dropped; the next run loads a fresh one from the bytes.
				drop(module);
				free_slot(pool, given_back);
				tracing::warn!(model = %hex::encode(id), "a panic in the model: its module is dropped and loaded afresh");
				Err(anyhow!("the model panicked: {}", panic_message(&*panic)))
			},
		}
	}

	/// Runs model `id` (described by `view`) on `input`, waiting for a free module as long as it
	/// takes. Blocking: call it from a blocking thread. Results longer than `max_result_len` are
	/// invalid (the chain could not store them, and every honest node sees the same).
	pub fn infer(&self, id: &ModelId, view: &ModelView, input: &[u8], max_result_len: usize) -> Inference {
		self.infer_within(id, view, input, max_result_len, Duration::MAX)
	}

	/// [`Engine::infer`], waiting at most `wait` for a free module of the model (past it, a local
	/// fault). The time reported is the model's run alone, never the wait.
	pub fn infer_within(&self, id: &ModelId, view: &ModelView, input: &[u8], max_result_len: usize, wait: Duration) -> Inference {
		self.infer_marked(id, view, input, max_result_len, wait, &mut || Ok(()))
	}

	/// [`Engine::infer_within`], calling `before_run` once a module is held, right before the model
	/// runs (the worker marks the task started there); an error from it is a local fault, and the
	/// model does not run.
	pub fn infer_marked(
		&self,
		id: &ModelId,
		view: &ModelView,
		input: &[u8],
		max_result_len: usize,
		wait: Duration,
		before_run: &mut dyn FnMut() -> Result<()>,
	) -> Inference {
		if let Err(why) = check_input(view, input) {
			return Inference { outcome: Outcome::InvalidInput(why), elapsed: Duration::ZERO };
		}
		let mut elapsed = Duration::ZERO;
		let ran = self.with_module(id, wait, |module| {
			before_run().map_err(Run::Local)?;
			let started = Instant::now();
			let values = run(module, view, input);
			elapsed = started.elapsed();
			values
		});
		let outcome = match ran {
			Err(fault) => Outcome::LocalFault(fault),
			Ok(Err(Run::Local(fault))) => Outcome::LocalFault(fault),
			Ok(Err(Run::Invalid(why))) => Outcome::InvalidInput(why),
			Ok(Ok(values)) => match encoding::encode(&view.output, &values) {
				None => Outcome::InvalidInput(format!("the output cannot be encoded as {:?}", view.output)),
				Some(result) if result.len() > max_result_len => Outcome::InvalidInput(format!(
					"a result of {} bytes exceeds the chain's {max_result_len}",
					result.len()
				)),
				Some(result) => Outcome::Answer(result),
			},
		};
		Inference { outcome, elapsed }
	}
}

/// Where models run: libtorch's CPU (the worker links a CPU-only libtorch, whose results the
/// nodes of a task compare).
pub const DEVICE: &str = "cpu";

/// Why a run gave no values.
enum Run {
	/// The model refused the input (deterministic).
	Invalid(String),
	/// This machine failed.
	Local(anyhow::Error),
}

fn torch(e: tch::TchError) -> Run {
	let message = e.to_string();
	if is_local_error(&message) {
		Run::Local(anyhow!(message))
	} else {
		Run::Invalid(format!("the model refused the input: {message}"))
	}
}

fn local(e: tch::TchError) -> Run {
	Run::Local(anyhow!(e))
}

/// Builds the input tensor (of an input [`check_input`] accepted), calls the model, and returns
/// its first output tensor's values.
fn run(module: &CModule, view: &ModelView, input: &[u8]) -> std::result::Result<Vec<f64>, Run> {
	let shape: Vec<i64> = view.input_shape.iter().map(|d| *d as i64).collect();
	let tensor = Tensor::f_from_data_size(input, &shape, kind_of(view.input_type)).map_err(local)?;
	let mut args = vec![IValue::Tensor(tensor)];
	args.extend(view.extra_args.iter().map(|a| IValue::Int(*a)));
	let method = match std::str::from_utf8(&view.method) {
		Ok("") => "forward",
		Ok(name) => name,
		Err(_) => return Err(Run::Invalid("the method name is not UTF-8".into())),
	};
	let output = tch::no_grad(|| module.method_is(method, &args)).map_err(torch)?;
	let tensor = first_tensor(output).ok_or_else(|| Run::Invalid("the model returned no tensor".into()))?;
	let flat = tensor.f_to_kind(Kind::Double).and_then(|t| t.f_flatten(0, -1)).and_then(|t| t.f_contiguous()).map_err(torch)?;
	Vec::<f64>::try_from(&flat).map_err(local)
}

fn first_tensor(value: IValue) -> Option<Tensor> {
	match value {
		IValue::Tensor(t) => Some(t),
		IValue::Tuple(items) | IValue::GenericList(items) => items.into_iter().find_map(first_tensor),
		IValue::TensorList(mut ts) if !ts.is_empty() => Some(ts.remove(0)),
		_ => None,
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use deai_primitives::{blake2_256, demo};

	/// The digits model committed with the worker (`models/digits-mlp.pt`).
	fn digits() -> (ModelId, Vec<u8>) {
		let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/models/digits-mlp.pt")).unwrap();
		(blake2_256(&bytes), bytes)
	}

	fn answer(run: Inference) -> Vec<u8> {
		match run.outcome {
			Outcome::Answer(result) => result,
			other => panic!("expected an answer, got {other:?}"),
		}
	}

	#[test]
	fn a_panic_in_the_model_is_a_local_fault_and_the_model_recovers() {
		let (id, bytes) = digits();
		let engine = Engine::new(HashMap::from([(id, bytes)]));
		let before = answer(engine.infer(&id, &demo::digits_mlp(), &[3u8; 64], 1024));
		// A panic inside the forward pass: a local fault; the module it ran on is dropped.
		let panicked = engine.with_module(&id, Duration::MAX, |_| -> () { panic!("boom inside forward") });
		assert!(panicked.unwrap_err().to_string().contains("boom inside forward"));
		assert_eq!(engine.loaded(&id), 0);
		// Old code: every later run hit the poisoned lock and became the error result.
		let after = answer(engine.infer(&id, &demo::digits_mlp(), &[3u8; 64], 1024));
		assert_eq!(before, after, "the reloaded model answers as before");
		assert_eq!(engine.loaded(&id), 1);
	}

	#[test]
	fn runs_of_one_model_proceed_side_by_side_up_to_the_instances() {
		use std::sync::mpsc;
		let (id, bytes) = digits();
		let engine = Arc::new(Engine::new(HashMap::from([(id, bytes)])).with_instances(2));
		// Two runs, each waiting inside the model for the other to be inside too: with one module
		// per model (old code, a lock around it) the second waits for the first, which gives up.
		let (a_in, a_seen) = mpsc::channel();
		let (b_in, b_seen) = mpsc::channel();
		let run = |engine: Arc<Engine>, me: mpsc::Sender<()>, other: mpsc::Receiver<()>| {
			std::thread::spawn(move || {
				engine
					.with_module(&id, Duration::MAX, |_| {
						me.send(()).unwrap();
						other.recv_timeout(Duration::from_secs(5)).is_ok()
					})
					.unwrap()
			})
		};
		let a = run(engine.clone(), a_in, b_seen);
		let b = run(engine.clone(), b_in, a_seen);
		assert!(a.join().unwrap() && b.join().unwrap(), "both runs were inside the model at once");
		assert_eq!(engine.loaded(&id), 2);
		// A third run at once waits for a module, at most as long as it is allowed to.
		let (inside, entered) = mpsc::channel();
		let holders: Vec<_> = (0..2)
			.map(|_| {
				let (engine, inside) = (engine.clone(), inside.clone());
				std::thread::spawn(move || {
					engine.with_module(&id, Duration::MAX, |_| {
						inside.send(()).unwrap();
						std::thread::sleep(Duration::from_millis(400));
					})
				})
			})
			.collect();
		entered.recv().unwrap();
		entered.recv().unwrap();
		// The run is marked started only once it holds a module: never while it waits.
		let mut marks = 0;
		let busy = engine.infer_marked(&id, &demo::digits_mlp(), &[3u8; 64], 1024, Duration::from_millis(50), &mut || {
			marks += 1;
			Ok(())
		});
		assert!(matches!(&busy.outcome, Outcome::LocalFault(e) if e.to_string().contains("busy")), "{:?}", busy.outcome);
		assert_eq!(marks, 0, "a run that never got a module is not marked");
		let waited = engine.infer_marked(&id, &demo::digits_mlp(), &[3u8; 64], 1024, Duration::from_secs(30), &mut || {
			marks += 1;
			Ok(())
		});
		assert!(matches!(waited.outcome, Outcome::Answer(_)));
		assert_eq!(marks, 1);
		assert!(waited.elapsed < Duration::from_millis(300), "the time reported is the run's, not the wait's: {:?}", waited.elapsed);
		for h in holders {
			h.join().unwrap().unwrap();
		}
		assert_eq!(engine.loaded(&id), 2, "never more modules than instances");
	}

	#[test]
	fn invalid_inputs_are_decided_before_running_and_local_faults_are_not_answers() {
		let (id, bytes) = digits();
		let engine = Engine::new(HashMap::from([(id, bytes)]));
		let invalid = engine.infer(&id, &demo::digits_mlp(), &[0u8; 63], 1024);
		assert!(matches!(invalid.outcome, Outcome::InvalidInput(_)));
		assert_eq!(invalid.outcome.committable(), Some(ERROR_RESULT.to_vec()));
		assert_eq!(invalid.elapsed, Duration::ZERO, "refused before running");
		// A run whose start cannot be marked does not run.
		let unmarked = engine.infer_marked(&id, &demo::digits_mlp(), &[3u8; 64], 1024, Duration::MAX, &mut || {
			Err(anyhow!("no space left on device"))
		});
		assert!(matches!(&unmarked.outcome, Outcome::LocalFault(e) if e.to_string().contains("no space")));
		assert_eq!(unmarked.elapsed, Duration::ZERO, "the model did not run");
		// A model this engine does not hold is this machine's problem, not the input's.
		let missing = engine.infer(&[7; 32], &demo::digits_mlp(), &[0u8; 64], 1024);
		assert!(matches!(missing.outcome, Outcome::LocalFault(_)));
		assert_eq!(missing.outcome.committable(), None, "a local fault is never committed");
		// Non-finite floats are refused up front, the same on every node.
		let mut nan = vec![0u8; 64_000];
		nan[4..8].copy_from_slice(&f32::NAN.to_le_bytes());
		assert!(check_input(&demo::silero_vad(), &nan).unwrap_err().contains("NaN"));
		assert!(check_input(&demo::silero_vad(), &vec![0u8; 64_000]).is_ok());
	}

	#[test]
	fn resource_errors_are_local_and_model_errors_are_not() {
		assert!(is_local_error("[enforce fail at alloc_cpu.cpp:117] DefaultCPUAllocator: not enough memory: you tried to allocate 1 GB"));
		assert!(is_local_error("CUDA out of memory. Tried to allocate 2.00 MiB"));
		assert!(is_local_error("std::bad_alloc"));
		assert!(is_local_error("Could not run 'aten::foo' with arguments from the 'CPU' backend"));
		assert!(!is_local_error("The following operation failed in the TorchScript interpreter.\nbuiltins.ValueError: Input audio chunk is too short"));
		assert!(!is_local_error("mat1 and mat2 shapes cannot be multiplied (1x63 and 64x32)"));
	}

	#[test]
	fn models_load_from_bytes_not_paths() {
		let (id, bytes) = digits();
		let engine = Engine::new(HashMap::from([(id, bytes)]));
		engine.load(&id).unwrap();
		let broken = Engine::new(HashMap::from([(id, b"not a model".to_vec())]));
		assert!(broken.load(&id).is_err());
	}
}
