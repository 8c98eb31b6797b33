//! The demo models' entries: one definition for the dev genesis (runtime) and the worker's tests.
//!
//! - `silero-vad 6.2.3`: the TorchScript voice activity detector from the silero-vad wheel. Input:
//!   one second of 16 kHz mono audio as `f32` samples; output: one speech / no-speech bit per
//!   32 ms chunk (probability >= 0.5), compared with a Hamming tolerance of one bit, because raw
//!   probabilities differ in their last bits between CPUs.
//! - `digits-mlp`: a small classifier of 8x8 handwritten digits (pixel values 0-16, `u8`),
//!   trained by `inference-worker`'s `train-digits` on scikit-learn's copy of the UCI data; the
//!   label is its argmax, compared exactly.

use crate::{Comparison, ElementType, ModelView, OutputEncoding};

/// The entry of `silero-vad 6.2.3`.
pub fn silero_vad() -> ModelView {
	ModelView {
		name: b"silero-vad 6.2.3 (voice activity, 1 s of 16 kHz audio)".to_vec(),
		input_type: ElementType::F32,
		input_shape: [1, 16_000].to_vec(),
		method: b"audio_forward".to_vec(),
		extra_args: [16_000].to_vec(),
		output: OutputEncoding::Threshold { threshold_ppm: 500_000 },
		comparison: Comparison::Hamming { max_bits: 1 },
	}
}

/// The entry of `digits-mlp`.
pub fn digits_mlp() -> ModelView {
	ModelView {
		name: b"digits-mlp (8x8 handwritten digits, pixels 0-16)".to_vec(),
		input_type: ElementType::U8,
		input_shape: [1, 64].to_vec(),
		method: Default::default(),
		extra_args: Default::default(),
		output: OutputEncoding::Argmax,
		comparison: Comparison::Exact,
	}
}
