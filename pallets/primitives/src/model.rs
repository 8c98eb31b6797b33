//! How a model's tensors map to bytes on chain.
//!
//! A task's input is one tensor, little-endian, with the element type and shape of the model
//! entry. A worker turns the model's (first) output tensor into result bytes with the entry's
//! [`OutputEncoding`]; the runtime compares results with the entry's [`Comparison`].

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// The result an honest node commits when the model cannot run on the task's input (for example a
/// tensor the model rejects). Every honest node produces exactly these bytes, so errors
/// cross-validate like any other result.
pub const ERROR_RESULT: &[u8] = b"deai/error/v1";

/// Element type of an input tensor. Values are little-endian in the task's input bytes.
#[derive(
	Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
#[cfg_attr(
	feature = "scale-as-type",
	derive(scale_encode::EncodeAsType, scale_decode::DecodeAsType),
	encode_as_type(crate_path = "::scale_encode"),
	decode_as_type(crate_path = "::scale_decode")
)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum ElementType {
	/// Unsigned 8-bit integer.
	U8,
	/// Signed 8-bit integer.
	I8,
	/// Signed 16-bit integer.
	I16,
	/// Signed 32-bit integer.
	I32,
	/// Signed 64-bit integer.
	I64,
	/// IEEE 754 single precision.
	F32,
	/// IEEE 754 double precision.
	F64,
}

impl ElementType {
	/// Size of one element in bytes.
	pub const fn size(self) -> u32 {
		match self {
			ElementType::U8 | ElementType::I8 => 1,
			ElementType::I16 => 2,
			ElementType::I32 | ElementType::F32 => 4,
			ElementType::I64 | ElementType::F64 => 8,
		}
	}
}

/// How a worker turns the model's output tensor (flattened, row-major) into result bytes.
#[derive(
	Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
#[cfg_attr(
	feature = "scale-as-type",
	derive(scale_encode::EncodeAsType, scale_decode::DecodeAsType),
	encode_as_type(crate_path = "::scale_encode"),
	decode_as_type(crate_path = "::scale_decode")
)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum OutputEncoding {
	/// The index of the largest element as a `u32`, little-endian (4 bytes). Ties go to the
	/// lowest index. Stable across CPUs: classification labels.
	Argmax,
	/// The indices of the `k` largest elements, largest first, each a `u32` little-endian.
	/// Ties go to the lower index.
	TopK {
		/// How many indices.
		k: u32,
	},
	/// Every element `x` as `round(x * scale)` saturated to `i32`, little-endian. Pair it with
	/// [`Comparison::Tolerance`]: floats differ in their last bits across CPUs.
	FixedPoint {
		/// Multiplier applied before rounding.
		scale: u32,
	},
	/// Every element as one bit, set when `x >= threshold_ppm / 1_000_000`; bits are packed
	/// least-significant first, eight to a byte, the last byte zero-padded. Pair it with
	/// [`Comparison::Hamming`] to tolerate values that sit on the threshold.
	Threshold {
		/// The threshold in millionths.
		threshold_ppm: u32,
	},
}

/// When two results agree. Results that are not well-formed for the mode (wrong length, or the
/// [`ERROR_RESULT`]) agree only when their bytes are identical.
#[derive(
	Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
#[cfg_attr(
	feature = "scale-as-type",
	derive(scale_encode::EncodeAsType, scale_decode::DecodeAsType),
	encode_as_type(crate_path = "::scale_encode"),
	decode_as_type(crate_path = "::scale_decode")
)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Comparison {
	/// Byte equality.
	Exact,
	/// Same number of little-endian `i32` values, each pair differing by at most `max_abs`.
	/// Only for [`OutputEncoding::FixedPoint`], with `max_abs` at most one thousandth of a unit
	/// (`max_abs * 1000 <= scale`).
	Tolerance {
		/// Largest allowed absolute difference of two fixed-point values.
		max_abs: u32,
	},
	/// Same length and at most `max_bits` differing bits, and never more than one bit in
	/// [`HAMMING_MAX_SHARE`](crate::compare::HAMMING_MAX_SHARE) of the result. Only for
	/// [`OutputEncoding::Threshold`].
	Hamming {
		/// Largest allowed number of differing bits.
		max_bits: u32,
	},
}
