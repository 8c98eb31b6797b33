//! Trains the demo digit classifier and exports it as TorchScript.
//!
//! Data: scikit-learn's copy of the UCI 8x8 handwritten digits (1,797 images, pixel values 0-16,
//! `sklearn/datasets/data/digits.csv.gz` inside the scikit-learn wheel; `scripts/setup-models.sh`
//! fetches it hash-pinned). Every fifth image is held out for testing; the rest train a small
//! MLP (64 -> 64 -> 10) with Adam, full batch, from a fixed seed.
//!
//! The exported module takes the chain's input as is, a `uint8` tensor `[1, 64]`, and returns the
//! ten logits; the model entry reads them with `Argmax`. Tracing makes the file byte-identical
//! from run to run for the same output file name (TorchScript names the archive's folder after
//! the file), so the blake2-256 of `digits-mlp.pt` (the model id) is stable.
//!
//! Usage: `train-digits <digits.csv.gz> <out.pt> <report.json>`

use inference_worker::hex0x;
use anyhow::{bail, Result};
use inference_worker::input::digits;
use tch::{nn, nn::Module, nn::OptimizerConfig, CModule, Device, Kind, Tensor};

const EPOCHS: i64 = 400;

fn load(path: &str) -> Result<(Vec<[u8; 64]>, Vec<i64>)> {
	Ok(digits::read_csv(std::path::Path::new(path))?.into_iter().map(|(image, label)| (image, label as i64)).unzip())
}

fn tensor(images: &[&[u8; 64]]) -> Tensor {
	let flat: Vec<u8> = images.iter().flat_map(|i| i.iter().copied()).collect();
	Tensor::from_slice(&flat).view([images.len() as i64, 64])
}

fn main() -> Result<()> {
	let args: Vec<String> = std::env::args().collect();
	let [_, data, out, report] = &args[..] else {
		bail!("usage: train-digits <digits.csv.gz> <out.pt> <report.json>");
	};
	tch::manual_seed(0);
	tch::set_num_threads(1);
	let (images, labels) = load(data)?;
	let (mut train, mut test) = (Vec::new(), Vec::new());
	for (i, (image, label)) in images.iter().zip(&labels).enumerate() {
		if i % 5 == 4 { test.push((image, *label)) } else { train.push((image, *label)) }
	}

	let mut vs = nn::VarStore::new(Device::Cpu);
	let root = vs.root();
	let net = nn::seq()
		.add_fn(|x| x.to_kind(Kind::Float) / 16.0)
		.add(nn::linear(&root / "hidden", 64, 64, Default::default()))
		.add_fn(|x| x.relu())
		.add(nn::linear(&root / "out", 64, 10, Default::default()));
	let mut opt = nn::Adam::default().build(&vs, 1e-2)?;
	let xs = tensor(&train.iter().map(|(i, _)| *i).collect::<Vec<_>>());
	let ys = Tensor::from_slice(&train.iter().map(|(_, l)| *l).collect::<Vec<_>>());
	for _ in 0..EPOCHS {
		let loss = net.forward(&xs).cross_entropy_for_logits(&ys);
		opt.backward_step(&loss);
	}

	let correct = |set: &[(&[u8; 64], i64)]| -> i64 {
		let x = tensor(&set.iter().map(|(i, _)| *i).collect::<Vec<_>>());
		let y = Tensor::from_slice(&set.iter().map(|(_, l)| *l).collect::<Vec<_>>());
		let predicted = tch::no_grad(|| net.forward(&x)).argmax(-1, false);
		predicted.eq_tensor(&y).to_kind(Kind::Int64).sum(Kind::Int64).int64_value(&[])
	};
	let (train_correct, test_correct) = (correct(&train), correct(&test));
	let train_acc = train_correct as f64 / train.len() as f64;
	let test_acc = test_correct as f64 / test.len() as f64;

	vs.freeze();
	let example = tensor(&[test[0].0]);
	let mut closure = |inputs: &[Tensor]| vec![net.forward(&inputs[0])];
	let module = CModule::create_by_tracing("DigitsMlp", "forward", &[example], &mut closure)?;
	module.save(out)?;
	let bytes = std::fs::read(out)?;
	let id = deai_primitives::blake2_256(&bytes);
	let json = serde_json::json!({
		"model": "digits-mlp",
		"data": "scikit-learn 1.9.1 sklearn/datasets/data/digits.csv.gz (UCI 8x8 digits, 1797 images)",
		"split": format!("every fifth image held out: {} train, {} test", train.len(), test.len()),
		"architecture": "uint8[1,64] / 16 -> linear 64x64 -> relu -> linear 64x10 (logits)",
		"training": format!("Adam lr 0.01, {EPOCHS} full-batch epochs, seed 0, 1 thread"),
		"train_accuracy": train_acc,
		"test_accuracy": test_acc,
		"test_correct": test_correct,
		"test_images": test.len(),
		"model_id": hex0x(id),
		"bytes": bytes.len(),
	});
	std::fs::write(report, serde_json::to_string_pretty(&json)? + "\n")?;
	println!("train accuracy {train_acc:.4}, test accuracy {test_acc:.4}, model id {}", hex0x(id));
	Ok(())
}
