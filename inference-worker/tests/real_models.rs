//! The demo models on real libtorch: known inputs give known outputs, bad inputs the error result.
//!
//! Needs `scripts/setup-models.sh` (models in $DEAI_MODELS_DIR, digits data in $DEAI_DATA_DIR).

use inference_worker::hex0x;
use deai_primitives::{blake2_256, demo, OutputEncoding, ERROR_RESULT};
use inference_worker::{
	demo::{DIGITS_MLP_ID, SILERO_VAD_ID},
	engine::{Engine, Inference, Outcome},
	input::{self, digits},
};
use std::{collections::HashMap, path::PathBuf};

fn cache(var: &str, sub: &str) -> PathBuf {
	std::env::var_os(var)
		.map(PathBuf::from)
		.unwrap_or_else(|| PathBuf::from(std::env::var("HOME").unwrap()).join(".cache/deai").join(sub))
}

fn fixture(name: &str) -> PathBuf {
	PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn engine() -> (Engine, [u8; 32], [u8; 32]) {
	let dir = cache("DEAI_MODELS_DIR", "models");
	let digits = dir.join("digits-mlp.pt");
	let vad = dir.join("silero_vad.jit");
	let (digits, vad) = (std::fs::read(&digits).unwrap(), std::fs::read(&vad).unwrap());
	let (d, v) = (blake2_256(&digits), blake2_256(&vad));
	(Engine::new(HashMap::from([(d, digits), (v, vad)])), d, v)
}

/// The answer of a run that must give one.
fn answer(run: Inference) -> Vec<u8> {
	match run.outcome {
		Outcome::Answer(result) => result,
		other => panic!("expected an answer, got {other:?}"),
	}
}

/// Why a run that must refuse its input did.
fn invalid(run: Inference) -> String {
	match run.outcome {
		Outcome::InvalidInput(why) => why,
		other => panic!("expected an invalid input, got {other:?}"),
	}
}

/// The digits data set: (pixels 0-16, label) rows.
fn digits_data() -> Vec<([u8; 64], u32)> {
	let rows = digits::read_csv(&cache("DEAI_DATA_DIR", "data").join("digits.csv.gz")).unwrap();
	rows.into_iter().map(|(px, label)| (px, label as u32)).collect()
}

/// A 16 kHz mono WAV as the VAD model's input: little-endian f32 samples in [-1, 1).
fn wav_f32(name: &str) -> Vec<u8> {
	let samples = input::wav_samples(&fixture(name)).unwrap();
	input::f32_input(&samples, samples.len())
}

fn label(result: &[u8]) -> u32 {
	u32::from_le_bytes(result.try_into().expect("argmax is 4 bytes"))
}

#[test]
fn held_out_digits_give_their_labels() {
	let (engine, digits, _) = engine();
	let report: serde_json::Value = serde_json::from_str(
		&std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models/digits-mlp.json")).unwrap(),
	)
	.unwrap();
	let held_out: Vec<_> = digits_data().into_iter().enumerate().filter(|(i, _)| i % 5 == 4).map(|(_, d)| d).collect();
	assert_eq!(held_out.len(), 359);
	let correct = held_out
		.iter()
		.filter(|(px, want)| label(&answer(engine.infer(&digits, &demo::digits_mlp(), px, 1024))) == *want)
		.count();
	let accuracy = correct as f64 / held_out.len() as f64;
	assert!(accuracy > 0.95, "accuracy {accuracy}");
	assert_eq!(correct as u64, report["test_correct"].as_u64().unwrap(), "the committed report's count");
	// The first held-out image of the data set is a 4 (its row 4); it must be read as one.
	let (px, want) = &held_out[0];
	assert_eq!(*want, 4);
	assert_eq!(label(&answer(engine.infer(&digits, &demo::digits_mlp(), px, 1024))), 4);
}

#[test]
fn speech_is_detected_and_silence_is_not() {
	let (engine, _, vad) = engine();
	let speech = answer(engine.infer(&vad, &demo::silero_vad(), &wav_f32("speech.wav"), 1024));
	let silence = answer(engine.infer(&vad, &demo::silero_vad(), &wav_f32("silence.wav"), 1024));
	// 16,000 samples in 512-sample chunks: 32 decisions, 4 bytes of bits.
	assert_eq!(speech.len(), 4);
	let speaking: u32 = speech.iter().map(|b| b.count_ones()).sum();
	let silent: u32 = silence.iter().map(|b| b.count_ones()).sum();
	assert!(speaking >= 16, "speech detected in only {speaking} of 32 chunks: {speech:?}");
	assert_eq!(silent, 0, "speech detected in silence: {silence:?}");
	// Running again gives the same bytes (the model resets its state per call).
	assert_eq!(answer(engine.infer(&vad, &demo::silero_vad(), &wav_f32("speech.wav"), 1024)), speech);
}

#[test]
fn inputs_the_model_cannot_take_give_the_error_result() {
	let (engine, digits, vad) = engine();
	// Wrong length for the entry: refused before running.
	let short = engine.infer(&digits, &demo::digits_mlp(), &[0u8; 63], 1024);
	assert_eq!(short.outcome.committable().unwrap(), ERROR_RESULT);
	invalid(short);
	// A shape the model itself rejects: silero raises "Input audio chunk is too short". Its own
	// code decides, the same on every node: an invalid input, not a local fault.
	let mut tiny = demo::silero_vad();
	tiny.input_shape = vec![1, 100];
	let why = invalid(engine.infer(&vad, &tiny, &vec![0u8; 400], 1024));
	assert!(why.contains("too short"), "{why}");
	// Three dimensions: silero rejects them too.
	let mut cube = demo::silero_vad();
	cube.input_shape = vec![1, 1, 16_000];
	invalid(engine.infer(&vad, &cube, &wav_f32("speech.wav"), 1024));
	// Non-finite samples: refused before running.
	let mut nan = wav_f32("speech.wav");
	nan[..4].copy_from_slice(&f32::INFINITY.to_le_bytes());
	assert!(invalid(engine.infer(&vad, &demo::silero_vad(), &nan, 1024)).contains("infinity"));
	// A result longer than the chain stores is invalid.
	let mut wide = demo::silero_vad();
	wide.output = OutputEncoding::FixedPoint { scale: 1000 };
	assert!(invalid(engine.infer(&vad, &wide, &wav_f32("speech.wav"), 64)).contains("exceeds"));
}

#[test]
fn the_model_files_hash_to_the_genesis_ids() {
	let (_, digits, vad) = engine();
	assert_eq!(vad, SILERO_VAD_ID);
	assert_eq!(digits, DIGITS_MLP_ID);
	let report: serde_json::Value = serde_json::from_str(
		&std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models/digits-mlp.json")).unwrap(),
	)
	.unwrap();
	assert_eq!(hex0x(digits), report["model_id"].as_str().unwrap());
}
