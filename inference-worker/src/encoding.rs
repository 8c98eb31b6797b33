//! Canonical output encodings: how a model's output values become result bytes.
//!
//! Every honest worker must produce the same bytes for the same values, so these are plain,
//! fully specified functions of the (flattened, row-major) output values, independent of
//! libtorch. Values arrive as `f64`; every `f32` and every integer up to 2^53 converts exactly.

use deai_primitives::OutputEncoding;

/// Encodes `values` as the model entry says; `None` if the encoding cannot apply (an empty
/// output, a non-finite value where a number is needed, or fewer than `k` values for top-k).
pub fn encode(encoding: &OutputEncoding, values: &[f64]) -> Option<Vec<u8>> {
	match *encoding {
		OutputEncoding::Argmax => top_k(values, 1),
		OutputEncoding::TopK { k } => top_k(values, k as usize),
		OutputEncoding::FixedPoint { scale } => values
			.iter()
			.map(|v| fixed_point(*v, scale))
			.collect::<Option<Vec<i32>>>()
			.map(|v| v.iter().flat_map(|x| x.to_le_bytes()).collect()),
		OutputEncoding::Threshold { threshold_ppm } => threshold_bits(values, threshold_ppm),
	}
}

/// Indices of the `k` largest values, largest first, ties to the lower index, as `u32` LE.
fn top_k(values: &[f64], k: usize) -> Option<Vec<u8>> {
	if k == 0 || values.len() < k || values.iter().any(|v| v.is_nan()) {
		return None;
	}
	let mut order: Vec<usize> = (0..values.len()).collect();
	// Stable sort by value descending keeps lower indices first among equal values.
	order.sort_by(|a, b| values[*b].partial_cmp(&values[*a]).expect("no NaN"));
	Some(order[..k].iter().flat_map(|i| (*i as u32).to_le_bytes()).collect())
}

/// `round(x * scale)` (half away from zero) saturated to `i32`; `None` for NaN.
fn fixed_point(x: f64, scale: u32) -> Option<i32> {
	if x.is_nan() {
		return None;
	}
	let scaled = (x * scale as f64).round();
	Some(scaled.clamp(i32::MIN as f64, i32::MAX as f64) as i32)
}

/// One bit per value, set when `x >= threshold_ppm / 1e6`, least-significant bit first.
fn threshold_bits(values: &[f64], threshold_ppm: u32) -> Option<Vec<u8>> {
	if values.is_empty() || values.iter().any(|v| v.is_nan()) {
		return None;
	}
	let threshold = threshold_ppm as f64 / 1_000_000.0;
	let mut bytes = vec![0u8; values.len().div_ceil(8)];
	for (i, v) in values.iter().enumerate() {
		if *v >= threshold {
			bytes[i / 8] |= 1 << (i % 8);
		}
	}
	Some(bytes)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn argmax_is_the_largest_index_with_ties_to_the_lowest() {
		assert_eq!(encode(&OutputEncoding::Argmax, &[0.1, 3.0, -2.0, 3.0]), Some(vec![1, 0, 0, 0]));
		assert_eq!(encode(&OutputEncoding::Argmax, &[-1.0]), Some(vec![0, 0, 0, 0]));
		assert_eq!(encode(&OutputEncoding::Argmax, &[]), None);
		assert_eq!(encode(&OutputEncoding::Argmax, &[1.0, f64::NAN]), None);
		let big: Vec<f64> = (0..300).map(|i| (i % 7) as f64 + if i == 258 { 10.0 } else { 0.0 }).collect();
		assert_eq!(encode(&OutputEncoding::Argmax, &big), Some(258u32.to_le_bytes().to_vec()));
	}

	#[test]
	fn top_k_lists_indices_largest_first() {
		let out = encode(&OutputEncoding::TopK { k: 3 }, &[0.5, 0.9, 0.1, 0.9, 0.7]).unwrap();
		let indices: Vec<u32> = out.chunks(4).map(|c| u32::from_le_bytes(c.try_into().unwrap())).collect();
		assert_eq!(indices, vec![1, 3, 4]);
		assert_eq!(encode(&OutputEncoding::TopK { k: 6 }, &[0.5, 0.9]), None);
	}

	#[test]
	fn fixed_point_rounds_half_away_from_zero_and_saturates() {
		let enc = |v: &[f64]| encode(&OutputEncoding::FixedPoint { scale: 1000 }, v).unwrap();
		let decode = |b: Vec<u8>| -> Vec<i32> {
			b.chunks(4).map(|c| i32::from_le_bytes(c.try_into().unwrap())).collect()
		};
		assert_eq!(decode(enc(&[0.0015, -0.0015, 0.25, 1e12, -1e12])), vec![2, -2, 250, i32::MAX, i32::MIN]);
		assert_eq!(encode(&OutputEncoding::FixedPoint { scale: 10 }, &[f64::NAN]), None);
		assert_eq!(decode(enc(&[f64::INFINITY])), vec![i32::MAX]);
	}

	#[test]
	fn threshold_packs_bits_least_significant_first() {
		let enc = OutputEncoding::Threshold { threshold_ppm: 500_000 };
		let values = [0.9, 0.1, 0.5, 0.49, 0.0, 0.0, 0.0, 0.0, 1.0];
		// Bits 0 and 2 of the first byte; bit 0 of the second.
		assert_eq!(encode(&enc, &values), Some(vec![0b0000_0101, 0b0000_0001]));
		assert_eq!(encode(&enc, &[]), None);
	}

	#[test]
	fn f32_outputs_convert_exactly() {
		// The worker widens f32 to f64 before encoding: exact, so all workers agree.
		let x = 0.123_456_79_f32;
		assert_eq!(x as f64 as f32, x);
		let a = encode(&OutputEncoding::FixedPoint { scale: 1_000_000 }, &[x as f64]).unwrap();
		assert_eq!(i32::from_le_bytes(a.try_into().unwrap()), 123_457);
	}
}
