//! Running TorchScript models with libtorch (`tch`).
//!
//! A task's input bytes become a tensor of the model entry's element type and shape; the entry's
//! method is called with the tensor and its extra integer arguments; the first output tensor is
//! flattened to `f64` values and encoded canonically. Whatever the model cannot take yields the
//! canonical error result, which honest nodes agree on, instead of a crash.

use crate::encoding;
use anyhow::{anyhow, bail, Context, Result};
use deai_primitives::{ElementType, ModelId, ModelView, ERROR_RESULT};
use std::{
	collections::HashMap,
	path::PathBuf,
	sync::{Arc, Mutex},
	time::{Duration, Instant},
};
use tch::{CModule, IValue, Kind, Tensor};

/// The outcome of one inference.
#[derive(Debug)]
pub struct Inference {
	/// The result bytes to commit: the encoded output, or [`ERROR_RESULT`].
	pub result: Vec<u8>,
	/// Why the error result was produced, if it was.
	pub error: Option<String>,
	/// Time spent in the model (zero when the input was refused before running it).
	pub elapsed: Duration,
}

/// The models this worker serves, loaded once and kept in memory.
pub struct Engine {
	files: HashMap<ModelId, PathBuf>,
	// One lock per model: TorchScript modules may keep state between calls (silero does).
	loaded: Mutex<HashMap<ModelId, Arc<Mutex<CModule>>>>,
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

impl Engine {
	/// An engine serving the given model files.
	pub fn new(files: HashMap<ModelId, PathBuf>) -> Self {
		Self { files, loaded: Mutex::new(HashMap::new()) }
	}

	/// Loads a model now (at start-up), so a broken file is reported before the node joins.
	pub fn load(&self, id: &ModelId) -> Result<Arc<Mutex<CModule>>> {
		if let Some(m) = self.loaded.lock().expect("engine lock").get(id) {
			return Ok(m.clone());
		}
		let path = self.files.get(id).ok_or_else(|| anyhow!("no file for model 0x{}", hex::encode(id)))?;
		let mut module = CModule::load(path).with_context(|| format!("load {}", path.display()))?;
		module.set_eval();
		let module = Arc::new(Mutex::new(module));
		self.loaded.lock().expect("engine lock").insert(*id, module.clone());
		Ok(module)
	}

	/// Runs model `id` (described by `view`) on `input`. Blocking: call it from a blocking thread.
	/// Results longer than `max_result_len` become the error result (the chain could not store
	/// them, and every honest node sees the same).
	pub fn infer(&self, id: &ModelId, view: &ModelView, input: &[u8], max_result_len: usize) -> Result<Inference> {
		let module = self.load(id)?;
		let started = Instant::now();
		let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
			let module = module.lock().expect("model lock");
			run(&module, view, input)
		}))
		.unwrap_or_else(|_| Err(anyhow!("the model panicked")));
		let elapsed = started.elapsed();
		Ok(match outcome.and_then(|values| {
			encoding::encode(&view.output, &values).ok_or_else(|| anyhow!("output cannot be encoded as {:?}", view.output))
		}) {
			Ok(result) if result.len() <= max_result_len => Inference { result, error: None, elapsed },
			Ok(result) => Inference {
				result: ERROR_RESULT.to_vec(),
				error: Some(format!("result of {} bytes exceeds the chain's {max_result_len}", result.len())),
				elapsed,
			},
			Err(e) => Inference { result: ERROR_RESULT.to_vec(), error: Some(format!("{e:#}")), elapsed },
		})
	}
}

/// Builds the input tensor, calls the model, and returns its first output tensor's values.
fn run(module: &CModule, view: &ModelView, input: &[u8]) -> Result<Vec<f64>> {
	let expected = view.input_len().ok_or_else(|| anyhow!("input shape overflows"))? as usize;
	if input.len() != expected {
		bail!("input has {} bytes, the model takes {expected}", input.len());
	}
	let shape: Vec<i64> = view.input_shape.iter().map(|d| *d as i64).collect();
	let tensor = Tensor::f_from_data_size(input, &shape, kind_of(view.input_type))?;
	let mut args = vec![IValue::Tensor(tensor)];
	args.extend(view.extra_args.iter().map(|a| IValue::Int(*a)));
	let method = if view.method.is_empty() { "forward".to_string() } else { String::from_utf8(view.method.clone())? };
	let output = tch::no_grad(|| module.method_is(&method, &args))?;
	let tensor = first_tensor(output).ok_or_else(|| anyhow!("the model returned no tensor"))?;
	let flat = tensor.f_to_kind(Kind::Double)?.f_flatten(0, -1)?.f_contiguous()?;
	Ok(Vec::<f64>::try_from(&flat)?)
}

fn first_tensor(value: IValue) -> Option<Tensor> {
	match value {
		IValue::Tensor(t) => Some(t),
		IValue::Tuple(items) | IValue::GenericList(items) => items.into_iter().find_map(first_tensor),
		IValue::TensorList(mut ts) if !ts.is_empty() => Some(ts.remove(0)),
		_ => None,
	}
}
