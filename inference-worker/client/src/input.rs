//! Turning people's files into task inputs, following the model's entry on chain.
//!
//! - audio models (`f32` input): a 16 kHz mono WAV file, as samples in [-1, 1), cut or
//!   zero-padded to the model's length;
//! - the 8x8 digits model (`u8 [1, 64]`): a text file with 64 numbers 0-16 (the data set's form),
//!   or an image (PNG, JPEG, PGM), turned grey, scaled to 8x8 and to 0-16, dark strokes on a
//!   light background inverted to light on dark like the training data;
//! - anything else: a file of exactly the input's bytes.
//!
//! The conversions are the one definition for the whole project: the worker's tests and
//! benchmark read WAV files with [`wav_samples`], `train-digits` reads the digits data set with
//! [`digits::read_csv`], and the scripts and client tests convert their WAV files and digits
//! through `deai-task prepare` ([`Format`], [`digits::pick`], [`digits::json_line`]).

use crate::hex0x;
use anyhow::{bail, Context, Result};
use deai_primitives::{ElementType, ModelView};
use std::path::Path;

/// The sample rate audio models take.
pub const SAMPLE_RATE: u32 = 16_000;

/// What became of the file.
#[derive(Debug)]
pub struct Prepared {
	/// The input bytes.
	pub bytes: Vec<u8>,
	/// Notes for the user (padding, cutting, inversion).
	pub notes: Vec<String>,
}

/// Builds the input of `model` from `path`.
pub fn prepare(model: &ModelView, path: &Path) -> Result<Prepared> {
	let len = model.input_len().context("the model's input shape overflows")? as usize;
	let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
	let elements = len / model.input_type.size() as usize;
	match (model.input_type, ext.as_str()) {
		(ElementType::F32, "wav") => from_wav(path, elements),
		(ElementType::U8, "txt" | "csv") if elements == 64 => from_numbers(path),
		(ElementType::U8, "png" | "jpg" | "jpeg" | "pgm" | "pnm") if elements == 64 => from_image(path),
		_ => {
			let bytes = std::fs::read(path).with_context(|| format!("read {}", path.display()))?;
			if bytes.len() != len {
				bail!(
					"{} has {} bytes, but this model takes {len} ({:?} x {:?}); give a {} file",
					path.display(),
					bytes.len(),
					model.input_type,
					model.input_shape,
					match model.input_type {
						ElementType::F32 => "16 kHz mono .wav",
						ElementType::U8 if elements == 64 => ".txt (64 numbers 0-16) or image",
						_ => "raw input",
					}
				);
			}
			Ok(Prepared { bytes, notes: vec![] })
		},
	}
}

/// The samples of a 16 kHz mono WAV file (16-bit PCM or 32-bit float) as `f32` in [-1, 1):
/// a 16-bit sample `s` is `s / 32768`.
pub fn wav_samples(path: &Path) -> Result<Vec<f32>> {
	let mut reader = hound::WavReader::open(path).with_context(|| format!("{} is not a readable WAV file", path.display()))?;
	let spec = reader.spec();
	if spec.sample_rate != SAMPLE_RATE || spec.channels != 1 {
		bail!(
			"{} is {} Hz with {} channel(s); the model takes 16 kHz mono (convert it: sox in.wav -r 16000 -c 1 out.wav)",
			path.display(),
			spec.sample_rate,
			spec.channels
		);
	}
	Ok(match (spec.sample_format, spec.bits_per_sample) {
		(hound::SampleFormat::Int, 16) => reader.samples::<i16>().map(|s| s.map(|s| s as f32 / 32768.0)).collect::<Result<_, _>>()?,
		(hound::SampleFormat::Float, 32) => reader.samples::<f32>().collect::<Result<_, _>>()?,
		(format, bits) => bail!("{}: {bits}-bit {format:?} samples; 16-bit PCM or 32-bit float WAV expected", path.display()),
	})
}

/// `samples` as a task input: little-endian `f32`, cut or zero-padded to `len` samples.
pub fn f32_input(samples: &[f32], len: usize) -> Vec<u8> {
	(0..len).flat_map(|i| samples.get(i).copied().unwrap_or(0.0).to_le_bytes()).collect()
}

fn from_wav(path: &Path, samples: usize) -> Result<Prepared> {
	let values = wav_samples(path)?;
	let mut notes = vec![];
	if values.len() > samples {
		notes.push(format!("used the first {samples} of {} samples", values.len()));
	} else if values.len() < samples {
		notes.push(format!("padded {} samples with silence to {samples}", values.len()));
	}
	Ok(Prepared { bytes: f32_input(&values, samples), notes })
}

/// Whether `model` takes one 8x8 digit: 64 `u8` pixels.
pub fn takes_a_digit(model: &ModelView) -> bool {
	model.input_type == ElementType::U8 && model.input_len() == Some(64)
}

/// How prepared input bytes are written out (`deai-task prepare`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
	/// `0x`-prefixed hex and a newline: what polkadot-js apps takes for a `Bytes` argument.
	Hex,
	/// An 8x8 digit as 8 lines of 8 numbers 0-16 (only for a model of 64 `u8` pixels): what
	/// `deai-task submit --file` reads back.
	Digit,
	/// The bytes as they are (to upload as a file in polkadot-js apps).
	Raw,
}

impl Format {
	/// The format a file called `path` gets: `.hex` hex, `.txt` a digit, anything else raw.
	pub fn of(path: &Path) -> Format {
		match path.extension().map(|e| e.to_string_lossy().to_lowercase()).as_deref() {
			Some("hex") => Format::Hex,
			Some("txt") => Format::Digit,
			_ => Format::Raw,
		}
	}

	/// `bytes` (an input of `model`) in this format.
	pub fn render(self, model: &ModelView, bytes: &[u8]) -> Result<Vec<u8>> {
		Ok(match self {
			Format::Hex => format!("{}\n", hex0x(bytes)).into_bytes(),
			Format::Raw => bytes.to_vec(),
			Format::Digit => {
				let image = <&digits::Image>::try_from(bytes)
					.ok()
					.filter(|_| takes_a_digit(model))
					.context("only an input of 64 pixels (the digits model's) can be written as a .txt digit")?;
				if image.iter().any(|p| *p > 16) {
					bail!("pixel values above 16 cannot be written as a .txt digit (it holds 0 to 16): write .hex or raw bytes");
				}
				digits::render_image(image).into_bytes()
			},
		})
	}
}

fn from_numbers(path: &Path) -> Result<Prepared> {
	let text = std::fs::read_to_string(path).with_context(|| format!("read {}", path.display()))?;
	let image = digits::parse_image(&text).map_err(|e| anyhow::anyhow!("{}: {e:#}", path.display()))?;
	Ok(Prepared { bytes: image.to_vec(), notes: vec![] })
}

/// 8x8 handwritten digits in the UCI data set's text form: pixel values 0-16, row by row.
pub mod digits {
	use anyhow::{bail, Context, Result};
	use std::{io::Read, path::Path};

	/// An 8x8 digit: 64 pixel values 0-16.
	pub type Image = [u8; 64];

	/// The numbers of a text, separated by commas or white space, as pixel values 0-16.
	fn pixels(text: &str) -> Result<Vec<u8>> {
		text.split(|c: char| c == ',' || c.is_whitespace())
			.filter(|t| !t.is_empty())
			.map(|t| t.parse::<f64>().ok().filter(|v| (0.0..=16.0).contains(v)).map(|v| v.round() as u8))
			.collect::<Option<_>>()
			.context("expected numbers from 0 to 16")
	}

	/// One digit: 64 numbers 0-16 (a `deai-task` input file).
	pub fn parse_image(text: &str) -> Result<Image> {
		let values = pixels(text)?;
		match <Image>::try_from(values.as_slice()) {
			Ok(image) => Ok(image),
			Err(_) => bail!("{} numbers; an 8x8 digit is 64 numbers from 0 to 16", values.len()),
		}
	}

	/// A digit as 8 lines of 8 numbers, right-aligned: what [`parse_image`] reads.
	pub fn render_image(image: &Image) -> String {
		image
			.chunks(8)
			.map(|row| row.iter().map(|p| format!("{p:2}")).collect::<Vec<_>>().join(" ") + "\n")
			.collect()
	}

	/// The digit of `rows` (the data set) at index `row`, or the first one labelled `label`.
	pub fn pick(rows: &[(Image, u8)], row: Option<usize>, label: Option<u8>) -> Result<(usize, Image, u8)> {
		let found = match (row, label) {
			(Some(n), _) => rows.get(n).map(|r| (n, r.0, r.1)).with_context(|| format!("no row {n}: the data set has {}", rows.len()))?,
			(None, Some(l)) => rows
				.iter()
				.enumerate()
				.find(|(_, r)| r.1 == l)
				.map(|(n, r)| (n, r.0, r.1))
				.with_context(|| format!("no digit labelled {l} in the data set"))?,
			(None, None) => bail!("pick a digit of the data set with a row or a label"),
		};
		Ok(found)
	}

	/// One digit of the data set as a JSON line: `{"row":N,"label":L,"input":"0x..."}`.
	pub fn json_line(row: usize, image: &Image, label: u8) -> String {
		format!("{{\"row\":{row},\"label\":{label},\"input\":\"{}\"}}\n", crate::hex0x(image))
	}

	/// The data set's CSV: one digit a line, its 64 pixels and then its label (0-9).
	pub fn parse_csv(text: &str) -> Result<Vec<(Image, u8)>> {
		text.lines()
			.enumerate()
			.filter(|(_, line)| !line.trim().is_empty())
			.map(|(n, line)| {
				let values = pixels(line).with_context(|| format!("line {}", n + 1))?;
				match values.split_last() {
					Some((&label, pixels)) if pixels.len() == 64 && label <= 9 => {
						Ok((pixels.try_into().expect("64 pixels"), label))
					},
					_ => bail!("line {}: {} values; 64 pixels and a label 0-9 expected", n + 1, values.len()),
				}
			})
			.collect()
	}

	/// Reads the data set's CSV from `path`, gzipped (`digits.csv.gz`) or not.
	pub fn read_csv(path: &Path) -> Result<Vec<(Image, u8)>> {
		let bytes = std::fs::read(path).with_context(|| format!("read {}", path.display()))?;
		let mut text = String::new();
		if bytes.starts_with(&[0x1f, 0x8b]) {
			flate2::read::GzDecoder::new(&bytes[..]).read_to_string(&mut text).with_context(|| format!("gunzip {}", path.display()))?;
		} else {
			text = String::from_utf8(bytes).with_context(|| format!("{} is not text", path.display()))?;
		}
		parse_csv(&text).map_err(|e| anyhow::anyhow!("{}: {e:#}", path.display()))
	}
}

fn from_image(path: &Path) -> Result<Prepared> {
	let image = image::open(path).with_context(|| format!("{} is not a readable image", path.display()))?;
	let small = image.to_luma8();
	let small = image::imageops::resize(&small, 8, 8, image::imageops::FilterType::Triangle);
	let mean = small.pixels().map(|p| p.0[0] as u32).sum::<u32>() / 64;
	let invert = mean > 127;
	let bytes = small
		.pixels()
		.map(|p| {
			let v = if invert { 255 - p.0[0] } else { p.0[0] } as u32;
			((v * 16 + 127) / 255) as u8
		})
		.collect();
	let mut notes = vec![format!("scaled {}x{} to 8x8, grey levels 0-16", image.width(), image.height())];
	if invert {
		notes.push("inverted dark-on-light to light-on-dark, like the training data".into());
	}
	Ok(Prepared { bytes, notes })
}

#[cfg(test)]
mod tests {
	use super::*;
	use deai_primitives::demo;

	#[test]
	fn a_text_digit_becomes_64_bytes_and_bad_text_is_refused() {
		let dir = tempfile::tempdir().unwrap();
		let ok = dir.path().join("d.txt");
		std::fs::write(&ok, (0..64).map(|i| (i % 17).to_string()).collect::<Vec<_>>().join(" ")).unwrap();
		let p = prepare(&demo::digits_mlp(), &ok).unwrap();
		assert_eq!(p.bytes.len(), 64);
		assert_eq!(p.bytes[16], 16);
		let bad = dir.path().join("bad.txt");
		std::fs::write(&bad, "1 2 3").unwrap();
		assert!(prepare(&demo::digits_mlp(), &bad).unwrap_err().to_string().contains("64 numbers"));
		std::fs::write(&bad, vec!["17"; 64].join(",")).unwrap();
		assert!(prepare(&demo::digits_mlp(), &bad).is_err());
	}

	#[test]
	fn a_dark_on_light_image_is_inverted_and_scaled() {
		let dir = tempfile::tempdir().unwrap();
		let path = dir.path().join("d.png");
		// White 16x16 with a black vertical bar in columns 6-9.
		let img = image::GrayImage::from_fn(16, 16, |x, _| image::Luma([if (6..10).contains(&x) { 0 } else { 255 }]));
		img.save(&path).unwrap();
		let p = prepare(&demo::digits_mlp(), &path).unwrap();
		assert_eq!(p.bytes.len(), 64);
		assert!(p.bytes[3] > 10 && p.bytes[4] > 10, "the bar is bright: {:?}", &p.bytes[..8]);
		assert_eq!(p.bytes[0], 0, "the background is dark");
		assert!(p.notes.iter().any(|n| n.contains("inverted")));
	}

	#[test]
	fn audio_must_be_16_khz_mono() {
		let dir = tempfile::tempdir().unwrap();
		let path = dir.path().join("a.wav");
		let spec = hound::WavSpec { channels: 2, sample_rate: 44_100, bits_per_sample: 16, sample_format: hound::SampleFormat::Int };
		let mut w = hound::WavWriter::create(&path, spec).unwrap();
		w.write_sample(0i16).unwrap();
		w.write_sample(0i16).unwrap();
		w.finalize().unwrap();
		assert!(prepare(&demo::silero_vad(), &path).unwrap_err().to_string().contains("16 kHz mono"));
	}

	#[test]
	fn short_audio_is_padded_and_samples_scale_by_32768() {
		let dir = tempfile::tempdir().unwrap();
		let path = dir.path().join("a.wav");
		let spec = hound::WavSpec { channels: 1, sample_rate: 16_000, bits_per_sample: 16, sample_format: hound::SampleFormat::Int };
		let mut w = hound::WavWriter::create(&path, spec).unwrap();
		for s in [16384i16, -32768, 0] {
			w.write_sample(s).unwrap();
		}
		w.finalize().unwrap();
		assert_eq!(wav_samples(&path).unwrap(), vec![0.5, -1.0, 0.0]);
		let p = prepare(&demo::silero_vad(), &path).unwrap();
		assert_eq!(p.bytes.len(), 64_000);
		assert_eq!(&p.bytes[..8], &[0.5f32.to_le_bytes(), (-1.0f32).to_le_bytes()].concat()[..]);
		assert!(p.notes[0].contains("padded 3 samples"));
	}

	#[test]
	fn prepared_inputs_are_written_as_hex_a_digit_or_raw_bytes() {
		assert_eq!(Format::of(Path::new("d.hex")), Format::Hex);
		assert_eq!(Format::of(Path::new("d.TXT")), Format::Digit);
		assert_eq!(Format::of(Path::new("speech-f32.bin")), Format::Raw);
		let image: digits::Image = std::array::from_fn(|i| (i % 17) as u8);
		let digits = demo::digits_mlp();
		assert_eq!(Format::Hex.render(&digits, &[0, 16, 255]).unwrap(), b"0x0010ff\n");
		assert_eq!(Format::Raw.render(&digits, &image).unwrap(), image.to_vec());
		// A digit written as text reads back as the same 64 pixels.
		let text = String::from_utf8(Format::Digit.render(&digits, &image).unwrap()).unwrap();
		assert_eq!(text.lines().count(), 8);
		assert_eq!(digits::parse_image(&text).unwrap(), image);
		assert!(Format::Digit.render(&demo::silero_vad(), &[0; 64]).is_err(), "audio is no digit");
		assert!(Format::Digit.render(&digits, &[0; 63]).is_err());
		assert!(Format::Digit.render(&digits, &[17; 64]).is_err(), "no .txt reads a pixel above 16 back");
	}

	#[test]
	fn a_digit_of_the_data_set_is_picked_by_row_or_label() {
		let rows: Vec<(digits::Image, u8)> = (0..5u8).map(|i| ([i; 64], [7, 3, 9, 3, 1][i as usize])).collect();
		assert_eq!(digits::pick(&rows, Some(2), None).unwrap(), (2, [2; 64], 9));
		assert_eq!(digits::pick(&rows, None, Some(3)).unwrap(), (1, [1; 64], 3), "the first labelled 3");
		assert!(digits::pick(&rows, Some(5), None).unwrap_err().to_string().contains("has 5"));
		assert!(digits::pick(&rows, None, Some(4)).is_err());
		assert!(digits::pick(&rows, None, None).is_err());
		let line = digits::json_line(1, &rows[1].0, 3);
		assert!(line.starts_with("{\"row\":1,\"label\":3,\"input\":\"0x0101"), "{line}");
		assert!(line.ends_with("\"}\n"));
	}

	#[test]
	fn the_digits_csv_has_64_pixels_and_a_label_per_line() {
		let row = |label: u8| format!("{},{label}\n", vec!["16"; 64].join(","));
		let parsed = digits::parse_csv(&(row(3) + &row(9))).unwrap();
		assert_eq!(parsed.len(), 2);
		assert_eq!((parsed[0].0[63], parsed[0].1, parsed[1].1), (16, 3, 9));
		assert!(digits::parse_csv(&row(10)).is_err(), "labels are 0-9");
		assert!(digits::parse_csv("1,2,3\n").unwrap_err().to_string().contains("line 1"));
		// Gzipped or not.
		let dir = tempfile::tempdir().unwrap();
		let gz = dir.path().join("d.csv.gz");
		let mut enc = flate2::write::GzEncoder::new(std::fs::File::create(&gz).unwrap(), flate2::Compression::default());
		std::io::Write::write_all(&mut enc, row(7).as_bytes()).unwrap();
		enc.finish().unwrap();
		assert_eq!(digits::read_csv(&gz).unwrap()[0].1, 7);
	}
}
