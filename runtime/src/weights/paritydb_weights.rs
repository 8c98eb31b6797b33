
//! THIS FILE WAS AUTO-GENERATED USING THE SUBSTRATE BENCHMARK CLI VERSION 64.0.0
//! DATE: 2026-11-29 (Y/M/D)
//! HOSTNAME: `vm`, CPU: `AMD EPYC`
//!
//! DATABASE: `ParityDb`, RUNTIME: `deai development`
//! BLOCK-NUM: `Number(26)`
//! SKIP-WRITE: `false`, SKIP-READ: `false`, WARMUPS: `1`
//! STATE-VERSION: `V1`, STATE-CACHE-SIZE: ``
//! WEIGHT-PATH: `runtime/src/weights/`
//! METRIC: `Average`, WEIGHT-MUL: `2.0`, WEIGHT-ADD: `0`

// Executed Command:
//   /root/.cache/deai/target-bench/release/deai-node
//   benchmark
//   storage
//   --dev
//   --base-path
//   /tmp/deai-throughput-SygKyA
//   --state-version
//   1
//   --database
//   paritydb
//   --weight-path
//   runtime/src/weights/
//   --batch-size
//   1000
//   --mul
//   2

/// Storage DB weights for the `deai development` runtime and `ParityDb`.
pub mod constants {
	use frame_support::weights::constants;
	use sp_core::parameter_types;
	use frame_support::weights::RuntimeDbWeight;

	parameter_types! {
		/// `ParityDB` can be enabled with a feature flag, but is still experimental. These weights
		/// are available for brave runtime engineers who may want to try this out as default.
		pub const ParityDbWeight: RuntimeDbWeight = RuntimeDbWeight {
			/// Time to read one storage item.
			/// Calculated by multiplying the *Average* of all values with `2.0` and adding `0`.
			///
			/// Stats nanoseconds:
			///   Min, Max: 661, 157_163
			///   Average:  2_860
			///   Median:   2_644
			///   Std-Dev:  3429.88
			///
			/// Percentiles nanoseconds:
			///   99th: 7_781
			///   95th: 3_435
			///   75th: 2_925
			read: 5_720 * constants::WEIGHT_REF_TIME_PER_NANOS,

			/// Time to write one storage item.
			/// Calculated by multiplying the *Average* of all values with `2.0` and adding `0`.
			///
			/// Stats nanoseconds:
			///   Min, Max: 5_601, 6_588
			///   Average:  6_120
			///   Median:   6_171
			///   Std-Dev:  404.55
			///
			/// Percentiles nanoseconds:
			///   99th: 6_588
			///   95th: 6_588
			///   75th: 6_588
			write: 12_240 * constants::WEIGHT_REF_TIME_PER_NANOS,
		};
	}
}
