//! Agreement between two revealed results under a model's [`Comparison`].

use crate::model::{Comparison, OutputEncoding, ERROR_RESULT};

impl Comparison {
	/// Whether results `a` and `b` agree under this comparison.
	///
	/// Symmetric and reflexive; not transitive for `Tolerance` and `Hamming`, which is why the
	/// runtime clusters around a single candidate instead of chaining pairs.
	pub fn agrees(&self, a: &[u8], b: &[u8]) -> bool {
		if a == b {
			return true
		}
		if a.len() != b.len() || a == ERROR_RESULT || b == ERROR_RESULT {
			return false
		}
		match *self {
			Comparison::Exact => false,
			Comparison::Tolerance { max_abs } => {
				if !a.len().is_multiple_of(4) {
					return false
				}
				a.chunks_exact(4).zip(b.chunks_exact(4)).all(|(x, y)| {
					let x = i32::from_le_bytes([x[0], x[1], x[2], x[3]]) as i64;
					let y = i32::from_le_bytes([y[0], y[1], y[2], y[3]]) as i64;
					(x - y).unsigned_abs() <= max_abs as u64
				})
			},
			Comparison::Hamming { max_bits } => {
				let differing: u64 =
					a.iter().zip(b.iter()).map(|(x, y)| (x ^ y).count_ones() as u64).sum();
				let bits = a.len() as u64 * 8;
				// Never looser than one bit in `HAMMING_MAX_SHARE` of the result, whatever the
				// entry says: a short result cannot make unrelated answers agree.
				differing <= max_bits as u64 && differing * HAMMING_MAX_SHARE <= bits
			},
		}
	}

	/// Whether this comparison fits results encoded with `output` and is strict enough that
	/// unrelated results do not agree: `Exact` fits everything; `Tolerance` only fixed-point
	/// values, within [`TOLERANCE_MAX_SHARE`] of one unit (`max_abs * 1000 <= scale`);
	/// `Hamming` only thresholded bits, with `max_bits` no more than one bit in
	/// [`HAMMING_MAX_SHARE`] of the longest result (`max_result_len` bytes).
	pub fn fits(&self, output: &OutputEncoding, max_result_len: u32) -> bool {
		match (*self, *output) {
			(Comparison::Exact, _) => true,
			(Comparison::Tolerance { max_abs }, OutputEncoding::FixedPoint { scale }) =>
				(max_abs as u64).saturating_mul(TOLERANCE_MAX_SHARE) <= scale as u64,
			(Comparison::Hamming { max_bits }, OutputEncoding::Threshold { .. }) =>
				(max_bits as u64).saturating_mul(HAMMING_MAX_SHARE) <= max_result_len as u64 * 8,
			_ => false,
		}
	}
}

/// A `Tolerance` may allow at most one part in this many of one unit of the model's output
/// (`max_abs * TOLERANCE_MAX_SHARE <= scale`).
pub const TOLERANCE_MAX_SHARE: u64 = 1000;

/// Two results agree under `Hamming` only when at most one bit in this many differs, whatever
/// `max_bits` allows.
pub const HAMMING_MAX_SHARE: u64 = 8;

#[cfg(test)]
mod tests {
	use super::*;

	fn fixed(values: &[i32]) -> alloc::vec::Vec<u8> {
		values.iter().flat_map(|v| v.to_le_bytes()).collect()
	}

	#[test]
	fn exact_needs_identical_bytes() {
		assert!(Comparison::Exact.agrees(&[1, 2, 3], &[1, 2, 3]));
		assert!(!Comparison::Exact.agrees(&[1, 2, 3], &[1, 2, 4]));
		assert!(!Comparison::Exact.agrees(&[1, 2], &[1, 2, 0]));
	}

	#[test]
	fn tolerance_at_and_past_threshold() {
		let t = Comparison::Tolerance { max_abs: 5 };
		assert!(t.agrees(&fixed(&[100, -3]), &fixed(&[105, -8])));
		assert!(!t.agrees(&fixed(&[100, -3]), &fixed(&[106, -3])));
		assert!(!t.agrees(&fixed(&[100, -3]), &fixed(&[100, 3])));
		// Extremes do not overflow.
		assert!(!t.agrees(&fixed(&[i32::MIN]), &fixed(&[i32::MAX])));
		// Lengths must match and be whole i32 values.
		assert!(!t.agrees(&fixed(&[1]), &fixed(&[1, 1])));
		assert!(!t.agrees(&[1, 2, 3], &[1, 2, 4]));
	}

	#[test]
	fn hamming_at_and_past_threshold() {
		let h = Comparison::Hamming { max_bits: 2 };
		assert!(h.agrees(&[0b0000_0000, 0], &[0b0000_0011, 0]));
		assert!(h.agrees(&[0b0000_0000, 0], &[0b0000_0001, 0b1000_0000]));
		assert!(!h.agrees(&[0b0000_0000, 0], &[0b0000_0111, 0]));
		assert!(!h.agrees(&[0], &[0, 0]));
	}

	#[test]
	fn hamming_is_never_looser_than_one_bit_in_eight() {
		// The entry allows 8 bits, but a one-byte result may differ in one bit only.
		let loose = Comparison::Hamming { max_bits: 8 };
		assert!(loose.agrees(&[0b0000_0000], &[0b0000_0001]));
		assert!(!loose.agrees(&[0b0000_0000], &[0b0000_0011]));
		assert!(!loose.agrees(&[0x00], &[0xff]));
		// With 32 bits, four may differ.
		assert!(loose.agrees(&[0, 0, 0, 0], &[0x0f, 0, 0, 0]));
		assert!(!loose.agrees(&[0, 0, 0, 0], &[0x1f, 0, 0, 0]));
	}

	#[test]
	fn comparisons_must_fit_their_output() {
		let fixed = OutputEncoding::FixedPoint { scale: 10_000 };
		let bits = OutputEncoding::Threshold { threshold_ppm: 500_000 };
		assert!(Comparison::Exact.fits(&OutputEncoding::Argmax, 4));
		assert!(Comparison::Tolerance { max_abs: 10 }.fits(&fixed, 4));
		assert!(!Comparison::Tolerance { max_abs: 11 }.fits(&fixed, 4));
		assert!(!Comparison::Tolerance { max_abs: u32::MAX }.fits(&fixed, 1024));
		assert!(!Comparison::Tolerance { max_abs: 1 }.fits(&OutputEncoding::Argmax, 4));
		assert!(!Comparison::Tolerance { max_abs: 0 }.fits(&bits, 4));
		assert!(Comparison::Hamming { max_bits: 4 }.fits(&bits, 4));
		assert!(!Comparison::Hamming { max_bits: 5 }.fits(&bits, 4));
		assert!(!Comparison::Hamming { max_bits: u32::MAX }.fits(&bits, 1024));
		assert!(!Comparison::Hamming { max_bits: 1 }.fits(&fixed, 1024));
		assert!(!Comparison::Hamming { max_bits: 1 }.fits(&OutputEncoding::TopK { k: 3 }, 1024));
	}

	#[test]
	fn error_result_agrees_only_with_itself() {
		let loose = Comparison::Hamming { max_bits: u32::MAX };
		let same_len = alloc::vec![0u8; ERROR_RESULT.len()];
		assert!(loose.agrees(ERROR_RESULT, ERROR_RESULT));
		assert!(!loose.agrees(ERROR_RESULT, &same_len));
		assert!(!loose.agrees(&same_len, ERROR_RESULT));
	}

	#[test]
	fn agreement_is_symmetric() {
		let modes =
			[Comparison::Exact, Comparison::Tolerance { max_abs: 1 }, Comparison::Hamming { max_bits: 1 }];
		let samples = [fixed(&[0]), fixed(&[1]), fixed(&[2]), fixed(&[0, 0]), ERROR_RESULT.to_vec()];
		for m in modes {
			for a in &samples {
				for b in &samples {
					assert_eq!(m.agrees(a, b), m.agrees(b, a), "{m:?} {a:?} {b:?}");
				}
			}
		}
	}
}
