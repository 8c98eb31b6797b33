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
//! whose file may have changed since), and a module that a panic may have left half-updated is
//! replaced by a fresh one from those bytes before it runs again.

use crate::encoding;
use anyhow::{anyhow, Context, Result};
use deai_primitives::{ElementType, ModelId, ModelView, ERROR_RESULT};
use std::{
	collections::HashMap,
	panic::{catch_unwind, AssertUnwindSafe},
	sync::{Arc, Mutex, PoisonError},
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

type Module = Arc<Mutex<CModule>>;

/// The models this worker serves: their bytes, and the modules loaded from them.
pub struct Engine {
	bytes: HashMap<ModelId, Arc<[u8]>>,
	// One lock per model: TorchScript modules may keep state between calls (silero does).
	loaded: Mutex<HashMap<ModelId, Module>>,
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
	/// An engine serving the given models: each id with the bytes that hash to it.
	pub fn new(models: HashMap<ModelId, Vec<u8>>) -> Self {
		Self {
			bytes: models.into_iter().map(|(id, bytes)| (id, Arc::from(bytes))).collect(),
			loaded: Mutex::new(HashMap::new()),
		}
	}

	fn fresh(&self, id: &ModelId) -> Result<CModule> {
		let bytes = self.bytes.get(id).ok_or_else(|| anyhow!("no model 0x{} here", hex::encode(id)))?;
		let mut module =
			CModule::load_data(&mut &bytes[..]).with_context(|| format!("load model 0x{}", hex::encode(id)))?;
		module.set_eval();
		Ok(module)
	}

	/// Loads a model now (at start-up), so a broken file is reported before the node joins.
	pub fn load(&self, id: &ModelId) -> Result<()> {
		self.module(id).map(|_| ())
	}

	/// The loaded module of `id`, loading it on first use.
	fn module(&self, id: &ModelId) -> Result<Module> {
		if let Some(m) = self.loaded.lock().unwrap_or_else(PoisonError::into_inner).get(id) {
			return Ok(m.clone());
		}
		let module = Arc::new(Mutex::new(self.fresh(id)?));
		Ok(self.loaded.lock().unwrap_or_else(PoisonError::into_inner).entry(*id).or_insert(module).clone())
	}

	/// Replaces the module `stale` of `id` (which a panic may have left half-updated) by a fresh
	/// one from the model's bytes, unless another thread already did.
	fn replace(&self, id: &ModelId, stale: &Module) -> Result<Module> {
		let fresh = Arc::new(Mutex::new(self.fresh(id)?));
		let mut loaded = self.loaded.lock().unwrap_or_else(PoisonError::into_inner);
		let entry = loaded.entry(*id).or_insert_with(|| fresh.clone());
		if Arc::ptr_eq(entry, stale) {
			*entry = fresh;
		}
		Ok(entry.clone())
	}

	/// Runs `f` on the module of `id` under its lock. A module whose lock a panic poisoned is
	/// replaced before use; a panic in `f` is a local fault, and the module it ran on is
	/// replaced for the next run.
	pub fn with_module<R>(&self, id: &ModelId, f: impl FnOnce(&CModule) -> R) -> Result<R> {
		let mut module = self.module(id)?;
		if module.is_poisoned() {
			tracing::warn!(model = %hex::encode(id), "a panic poisoned the model: reloading it");
			module = self.replace(id, &module)?;
		}
		let ran = catch_unwind(AssertUnwindSafe(|| match module.lock() {
			Ok(guard) => Ok(f(&guard)),
			// Another run panicked while this one waited: the module's state is unknown, so this
			// run does not use it (the module is replaced below).
			Err(_) => Err(anyhow!("another run of the model panicked meanwhile")),
		}));
		let fault = match ran {
			Ok(Ok(r)) => return Ok(r),
			Ok(Err(e)) => e,
			Err(panic) => anyhow!("the model panicked: {}", panic_message(&*panic)),
		};
		if let Err(e) = self.replace(id, &module) {
			tracing::warn!(model = %hex::encode(id), "cannot reload the model: {e:#}");
		}
		Err(fault)
	}

	/// Runs model `id` (described by `view`) on `input`. Blocking: call it from a blocking thread.
	/// Results longer than `max_result_len` are invalid (the chain could not store them, and
	/// every honest node sees the same).
	pub fn infer(&self, id: &ModelId, view: &ModelView, input: &[u8], max_result_len: usize) -> Inference {
		if let Err(why) = check_input(view, input) {
			return Inference { outcome: Outcome::InvalidInput(why), elapsed: Duration::ZERO };
		}
		let started = Instant::now();
		let ran = self.with_module(id, |module| run(module, view, input));
		let elapsed = started.elapsed();
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
		// A panic while the module is locked (inside the forward pass) poisons its lock.
		let panicked = engine.with_module(&id, |_| -> () { panic!("boom inside forward") });
		assert!(panicked.unwrap_err().to_string().contains("boom inside forward"));
		// Old code: every later run hit the poisoned lock and became the error result.
		let after = answer(engine.infer(&id, &demo::digits_mlp(), &[3u8; 64], 1024));
		assert_eq!(before, after, "the reloaded model answers as before");
		// A poisoned module met by a later run (the panic's own replacement having failed or
		// raced) is replaced as well.
		let module = engine.module(&id).unwrap();
		let _ = std::thread::spawn({
			let module = module.clone();
			move || {
				let _guard = module.lock().unwrap();
				panic!("poison it");
			}
		})
		.join();
		assert!(module.is_poisoned());
		assert_eq!(answer(engine.infer(&id, &demo::digits_mlp(), &[3u8; 64], 1024)), before);
		assert!(!engine.module(&id).unwrap().is_poisoned());
	}

	#[test]
	fn invalid_inputs_are_decided_before_running_and_local_faults_are_not_answers() {
		let (id, bytes) = digits();
		let engine = Engine::new(HashMap::from([(id, bytes)]));
		let invalid = engine.infer(&id, &demo::digits_mlp(), &[0u8; 63], 1024);
		assert!(matches!(invalid.outcome, Outcome::InvalidInput(_)));
		assert_eq!(invalid.outcome.committable(), Some(ERROR_RESULT.to_vec()));
		assert_eq!(invalid.elapsed, Duration::ZERO, "refused before running");
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
