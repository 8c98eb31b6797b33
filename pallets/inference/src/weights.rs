
//! Weights of `pallet_inference`, measured by `deai-node benchmark pallet`.
//!
//! Regenerate with `scripts/benchmark-pallet.sh` (benchmark CLI 64.0.0).
//! DATE: 2026-11-29, STEPS: `20`, REPEAT: `10`
//! HOSTNAME: `vm`, CPU: `AMD EPYC`
//! WASM-EXECUTION: `Compiled`, CHAIN: `None`, DB CACHE: 1024
//!
//! Command:
//! /root/.cache/deai/target-bench/release/deai-node
//! benchmark
//! pallet
//! --runtime
//! /root/.cache/deai/target-bench/release/wbuild/deai-runtime/deai_runtime.compact.compressed.wasm
//! --genesis-builder=runtime
//! --pallet
//! pallet_inference
//! --extrinsic
//! *
//! --steps
//! 20
//! --repeat
//! 10
//! --template
//! /work/main/scripts/weights-template.hbs
//! --output
//! /work/main/pallets/inference/src/weights.rs

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weight functions of `pallet_inference`: one per call and per unit of hook work.
pub trait WeightInfo {
	fn register_model() -> Weight;
	fn remove_model() -> Weight;
	fn join(m: u32, ) -> Weight;
	fn update_node(o: u32, n: u32, ) -> Weight;
	fn add_stake(m: u32, ) -> Weight;
	fn pause(m: u32, ) -> Weight;
	fn resume(m: u32, ) -> Weight;
	fn leave(m: u32, ) -> Weight;
	fn forget_reputation() -> Weight;
	fn create_task(i: u32, ) -> Weight;
	fn create_task_evicting(i: u32, ) -> Weight;
	fn cancel_task() -> Weight;
	fn commit() -> Weight;
	fn reveal() -> Weight;
	fn reveal_and_settle(r: u32, ) -> Weight;
	fn update_pools(n: u32, ) -> Weight;
	fn on_initialize_base() -> Weight;
	fn queue_scan(q: u32, ) -> Weight;
	fn assign_task(r: u32, n: u32, ) -> Weight;
	fn queue_timeout() -> Weight;
	fn commit_deadline(r: u32, ) -> Weight;
	fn reveal_deadline(r: u32, ) -> Weight;
	fn prune() -> Weight;
	fn deadline_stale() -> Weight;
	fn decide_sample() -> Weight;
}

/// Measured weights, with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Inference::Models` (r:1 w:1)
	/// Proof: `Inference::Models` (`max_values`: None, `max_size`: Some(281), added: 2756, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(103), added: 2578, mode: `MaxEncodedLen`)
	fn register_model() -> Weight {
		// Proof size: measured `198`, estimated `3746`.
		// Minimum execution time: 60_149_000 picoseconds.
		Weight::from_parts(62_983_000, 3746)
			.saturating_add(T::DbWeight::get().reads(3))
			.saturating_add(T::DbWeight::get().writes(3))
	}
	/// Storage: `Inference::Models` (r:1 w:1)
	/// Proof: `Inference::Models` (`max_values`: None, `max_size`: Some(281), added: 2756, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Pools` (r:1 w:0)
	/// Proof: `Inference::Pools` (`max_values`: None, `max_size`: Some(5178), added: 7653, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(103), added: 2578, mode: `MaxEncodedLen`)
	fn remove_model() -> Weight {
		// Proof size: measured `377`, estimated `8643`.
		// Minimum execution time: 54_851_000 picoseconds.
		Weight::from_parts(58_257_000, 8643)
			.saturating_add(T::DbWeight::get().reads(4))
			.saturating_add(T::DbWeight::get().writes(3))
	}
	/// Storage: `Inference::Nodes` (r:2 w:2)
	/// Proof: `Inference::Nodes` (`max_values`: None, `max_size`: Some(379), added: 2854, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Models` (r:8 w:0)
	/// Proof: `Inference::Models` (`max_values`: None, `max_size`: Some(281), added: 2756, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(103), added: 2578, mode: `MaxEncodedLen`)
	/// Storage: `Inference::RetainedReputations` (r:1 w:0)
	/// Proof: `Inference::RetainedReputations` (`max_values`: None, `max_size`: Some(60), added: 2535, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Pools` (r:8 w:8)
	/// Proof: `Inference::Pools` (`max_values`: None, `max_size`: Some(5178), added: 7653, mode: `MaxEncodedLen`)
	/// Storage: `Inference::PoolBuckets` (r:8 w:8)
	/// Proof: `Inference::PoolBuckets` (`max_values`: None, `max_size`: Some(6974), added: 9449, mode: `MaxEncodedLen`)
	/// Storage: `Inference::NodeCount` (r:1 w:1)
	/// Proof: `Inference::NodeCount` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// The range of component `m` is `[1, 8]`.
	fn join(m: u32, ) -> Weight {
		// Proof size: measured `12370`, estimated `6698`.
		// Minimum execution time: 96_963_000 picoseconds.
		Weight::from_parts(73_976_569, 6698)
			.saturating_add(Weight::from_parts(30_781_244, 0).saturating_mul(m.into()))
			.saturating_add(T::DbWeight::get().reads(6))
			.saturating_add(T::DbWeight::get().reads((3_u64).saturating_mul(m.into())))
			.saturating_add(T::DbWeight::get().writes(5))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(m.into())))
			.saturating_add(Weight::from_parts(0, 9449).saturating_mul(m.into()))
	}
	/// Storage: `Inference::Nodes` (r:2 w:2)
	/// Proof: `Inference::Nodes` (`max_values`: None, `max_size`: Some(379), added: 2854, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Models` (r:8 w:0)
	/// Proof: `Inference::Models` (`max_values`: None, `max_size`: Some(281), added: 2756, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Pools` (r:16 w:16)
	/// Proof: `Inference::Pools` (`max_values`: None, `max_size`: Some(5178), added: 7653, mode: `MaxEncodedLen`)
	/// Storage: `Inference::PoolBuckets` (r:16 w:16)
	/// Proof: `Inference::PoolBuckets` (`max_values`: None, `max_size`: Some(6974), added: 9449, mode: `MaxEncodedLen`)
	/// The range of component `o` is `[1, 8]`.
	/// The range of component `n` is `[1, 8]`.
	fn update_node(o: u32, n: u32, ) -> Weight {
		// Proof size: measured `12461`, estimated `6698`.
		// Minimum execution time: 153_868_000 picoseconds.
		Weight::from_parts(20_053_391, 6698)
			.saturating_add(Weight::from_parts(13_890_682, 0).saturating_mul(o.into()))
			.saturating_add(Weight::from_parts(31_888_804, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(2))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(o.into())))
			.saturating_add(T::DbWeight::get().reads((3_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(2))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(o.into())))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 9449).saturating_mul(n.into()))
			.saturating_add(Weight::from_parts(0, 9449).saturating_mul(o.into()))
	}
	/// Storage: `Inference::Nodes` (r:1 w:1)
	/// Proof: `Inference::Nodes` (`max_values`: None, `max_size`: Some(379), added: 2854, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(103), added: 2578, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Pools` (r:8 w:8)
	/// Proof: `Inference::Pools` (`max_values`: None, `max_size`: Some(5178), added: 7653, mode: `MaxEncodedLen`)
	/// Storage: `Inference::PoolBuckets` (r:8 w:8)
	/// Proof: `Inference::PoolBuckets` (`max_values`: None, `max_size`: Some(6974), added: 9449, mode: `MaxEncodedLen`)
	/// The range of component `m` is `[1, 8]`.
	fn add_stake(m: u32, ) -> Weight {
		// Proof size: measured `398`, estimated `3844`.
		// Minimum execution time: 76_333_000 picoseconds.
		Weight::from_parts(67_901_775, 3844)
			.saturating_add(Weight::from_parts(14_632_367, 0).saturating_mul(m.into()))
			.saturating_add(T::DbWeight::get().reads(3))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(m.into())))
			.saturating_add(T::DbWeight::get().writes(3))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(m.into())))
			.saturating_add(Weight::from_parts(0, 9449).saturating_mul(m.into()))
	}
	/// Storage: `Inference::Nodes` (r:1 w:1)
	/// Proof: `Inference::Nodes` (`max_values`: None, `max_size`: Some(379), added: 2854, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Pools` (r:8 w:8)
	/// Proof: `Inference::Pools` (`max_values`: None, `max_size`: Some(5178), added: 7653, mode: `MaxEncodedLen`)
	/// Storage: `Inference::PoolBuckets` (r:8 w:8)
	/// Proof: `Inference::PoolBuckets` (`max_values`: None, `max_size`: Some(6974), added: 9449, mode: `MaxEncodedLen`)
	/// The range of component `m` is `[1, 8]`.
	fn pause(m: u32, ) -> Weight {
		// Proof size: measured `242`, estimated `3844`.
		// Minimum execution time: 27_280_000 picoseconds.
		Weight::from_parts(16_314_181, 3844)
			.saturating_add(Weight::from_parts(14_467_073, 0).saturating_mul(m.into()))
			.saturating_add(T::DbWeight::get().reads(1))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(m.into())))
			.saturating_add(T::DbWeight::get().writes(1))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(m.into())))
			.saturating_add(Weight::from_parts(0, 9449).saturating_mul(m.into()))
	}
	/// Storage: `Inference::Nodes` (r:1 w:1)
	/// Proof: `Inference::Nodes` (`max_values`: None, `max_size`: Some(379), added: 2854, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Pools` (r:8 w:8)
	/// Proof: `Inference::Pools` (`max_values`: None, `max_size`: Some(5178), added: 7653, mode: `MaxEncodedLen`)
	/// Storage: `Inference::PoolBuckets` (r:8 w:8)
	/// Proof: `Inference::PoolBuckets` (`max_values`: None, `max_size`: Some(6974), added: 9449, mode: `MaxEncodedLen`)
	/// The range of component `m` is `[1, 8]`.
	fn resume(m: u32, ) -> Weight {
		// Proof size: measured `242`, estimated `3844`.
		// Minimum execution time: 30_225_000 picoseconds.
		Weight::from_parts(17_914_140, 3844)
			.saturating_add(Weight::from_parts(14_092_664, 0).saturating_mul(m.into()))
			.saturating_add(T::DbWeight::get().reads(1))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(m.into())))
			.saturating_add(T::DbWeight::get().writes(1))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(m.into())))
			.saturating_add(Weight::from_parts(0, 9449).saturating_mul(m.into()))
	}
	/// Storage: `Inference::Nodes` (r:1 w:1)
	/// Proof: `Inference::Nodes` (`max_values`: None, `max_size`: Some(379), added: 2854, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Pools` (r:8 w:8)
	/// Proof: `Inference::Pools` (`max_values`: None, `max_size`: Some(5178), added: 7653, mode: `MaxEncodedLen`)
	/// Storage: `Inference::PoolBuckets` (r:8 w:8)
	/// Proof: `Inference::PoolBuckets` (`max_values`: None, `max_size`: Some(6974), added: 9449, mode: `MaxEncodedLen`)
	/// Storage: `Inference::NodeTasks` (r:1 w:1)
	/// Proof: `Inference::NodeTasks` (`max_values`: None, `max_size`: Some(562), added: 3037, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(103), added: 2578, mode: `MaxEncodedLen`)
	/// Storage: `Inference::NodeCount` (r:1 w:1)
	/// Proof: `Inference::NodeCount` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Inference::RetainedReputations` (r:0 w:1)
	/// Proof: `Inference::RetainedReputations` (`max_values`: None, `max_size`: Some(60), added: 2535, mode: `MaxEncodedLen`)
	/// The range of component `m` is `[0, 8]`.
	fn leave(m: u32, ) -> Weight {
		// Proof size: measured `420`, estimated `4027`.
		// Minimum execution time: 62_343_000 picoseconds.
		Weight::from_parts(66_927_523, 4027)
			.saturating_add(Weight::from_parts(13_661_259, 0).saturating_mul(m.into()))
			.saturating_add(T::DbWeight::get().reads(5))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(m.into())))
			.saturating_add(T::DbWeight::get().writes(6))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(m.into())))
			.saturating_add(Weight::from_parts(0, 9449).saturating_mul(m.into()))
	}
	/// Storage: `Inference::RetainedReputations` (r:1 w:1)
	/// Proof: `Inference::RetainedReputations` (`max_values`: None, `max_size`: Some(60), added: 2535, mode: `MaxEncodedLen`)
	fn forget_reputation() -> Weight {
		// Proof size: measured `128`, estimated `3525`.
		// Minimum execution time: 13_200_000 picoseconds.
		Weight::from_parts(14_482_000, 3525)
			.saturating_add(T::DbWeight::get().reads(1))
			.saturating_add(T::DbWeight::get().writes(1))
	}
	/// Storage: `Inference::Models` (r:1 w:1)
	/// Proof: `Inference::Models` (`max_values`: None, `max_size`: Some(281), added: 2756, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Pools` (r:1 w:0)
	/// Proof: `Inference::Pools` (`max_values`: None, `max_size`: Some(5178), added: 7653, mode: `MaxEncodedLen`)
	/// Storage: `Inference::NextTaskId` (r:1 w:1)
	/// Proof: `Inference::NextTaskId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Queue` (r:1 w:1)
	/// Proof: `Inference::Queue` (`max_values`: Some(1), `max_size`: Some(65538), added: 66033, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(103), added: 2578, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Inputs` (r:0 w:1)
	/// Proof: `Inference::Inputs` (`max_values`: None, `max_size`: Some(65556), added: 68031, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Tasks` (r:0 w:1)
	/// Proof: `Inference::Tasks` (`max_values`: None, `max_size`: Some(8807), added: 11282, mode: `MaxEncodedLen`)
	/// The range of component `i` is `[1, 65536]`.
	fn create_task(i: u32, ) -> Weight {
		// Proof size: measured `67636`, estimated `67023`.
		// Minimum execution time: 232_023_000 picoseconds.
		Weight::from_parts(264_770_316, 67023)
			.saturating_add(Weight::from_parts(1_014, 0).saturating_mul(i.into()))
			.saturating_add(T::DbWeight::get().reads(6))
			.saturating_add(T::DbWeight::get().writes(7))
	}
	/// Storage: `Inference::Models` (r:2 w:2)
	/// Proof: `Inference::Models` (`max_values`: None, `max_size`: Some(281), added: 2756, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Pools` (r:1 w:0)
	/// Proof: `Inference::Pools` (`max_values`: None, `max_size`: Some(5178), added: 7653, mode: `MaxEncodedLen`)
	/// Storage: `Inference::NextTaskId` (r:1 w:1)
	/// Proof: `Inference::NextTaskId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Queue` (r:1 w:1)
	/// Proof: `Inference::Queue` (`max_values`: Some(1), `max_size`: Some(65538), added: 66033, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:3 w:3)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:2 w:2)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(103), added: 2578, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Tasks` (r:1 w:2)
	/// Proof: `Inference::Tasks` (`max_values`: None, `max_size`: Some(8807), added: 11282, mode: `MaxEncodedLen`)
	/// Storage: `Inference::DeadlineLogs` (r:1 w:0)
	/// Proof: `Inference::DeadlineLogs` (`max_values`: None, `max_size`: Some(17), added: 2492, mode: `MaxEncodedLen`)
	/// Storage: `Inference::DeadlinePages` (r:1 w:1)
	/// Proof: `Inference::DeadlinePages` (`max_values`: None, `max_size`: Some(791), added: 3266, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Inputs` (r:0 w:1)
	/// Proof: `Inference::Inputs` (`max_values`: None, `max_size`: Some(65556), added: 68031, mode: `MaxEncodedLen`)
	/// The range of component `i` is `[1, 65536]`.
	fn create_task_evicting(i: u32, ) -> Weight {
		// Proof size: measured `70760`, estimated `67023`.
		// Minimum execution time: 388_756_000 picoseconds.
		Weight::from_parts(422_518_033, 67023)
			.saturating_add(Weight::from_parts(651, 0).saturating_mul(i.into()))
			.saturating_add(T::DbWeight::get().reads(13))
			.saturating_add(T::DbWeight::get().writes(13))
	}
	/// Storage: `Inference::Tasks` (r:1 w:1)
	/// Proof: `Inference::Tasks` (`max_values`: None, `max_size`: Some(8807), added: 11282, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Queue` (r:1 w:1)
	/// Proof: `Inference::Queue` (`max_values`: Some(1), `max_size`: Some(65538), added: 66033, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Models` (r:1 w:1)
	/// Proof: `Inference::Models` (`max_values`: None, `max_size`: Some(281), added: 2756, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(103), added: 2578, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Inference::DeadlineLogs` (r:1 w:0)
	/// Proof: `Inference::DeadlineLogs` (`max_values`: None, `max_size`: Some(17), added: 2492, mode: `MaxEncodedLen`)
	/// Storage: `Inference::DeadlinePages` (r:1 w:1)
	/// Proof: `Inference::DeadlinePages` (`max_values`: None, `max_size`: Some(791), added: 3266, mode: `MaxEncodedLen`)
	fn cancel_task() -> Weight {
		// Proof size: measured `1167`, estimated `67023`.
		// Minimum execution time: 118_385_000 picoseconds.
		Weight::from_parts(124_755_000, 67023)
			.saturating_add(T::DbWeight::get().reads(8))
			.saturating_add(T::DbWeight::get().writes(7))
	}
	/// Storage: `Inference::Tasks` (r:1 w:1)
	/// Proof: `Inference::Tasks` (`max_values`: None, `max_size`: Some(8807), added: 11282, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Nodes` (r:1 w:1)
	/// Proof: `Inference::Nodes` (`max_values`: None, `max_size`: Some(379), added: 2854, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Pools` (r:1 w:1)
	/// Proof: `Inference::Pools` (`max_values`: None, `max_size`: Some(5178), added: 7653, mode: `MaxEncodedLen`)
	/// Storage: `Inference::PoolBuckets` (r:1 w:1)
	/// Proof: `Inference::PoolBuckets` (`max_values`: None, `max_size`: Some(6974), added: 9449, mode: `MaxEncodedLen`)
	/// Storage: `Inference::DeadlineLogs` (r:1 w:0)
	/// Proof: `Inference::DeadlineLogs` (`max_values`: None, `max_size`: Some(17), added: 2492, mode: `MaxEncodedLen`)
	/// Storage: `Inference::DeadlinePages` (r:1 w:1)
	/// Proof: `Inference::DeadlinePages` (`max_values`: None, `max_size`: Some(791), added: 3266, mode: `MaxEncodedLen`)
	fn commit() -> Weight {
		// Proof size: measured `1707`, estimated `12272`.
		// Minimum execution time: 51_546_000 picoseconds.
		Weight::from_parts(55_793_000, 12272)
			.saturating_add(T::DbWeight::get().reads(6))
			.saturating_add(T::DbWeight::get().writes(5))
	}
	/// Storage: `Inference::Tasks` (r:1 w:1)
	/// Proof: `Inference::Tasks` (`max_values`: None, `max_size`: Some(8807), added: 11282, mode: `MaxEncodedLen`)
	fn reveal() -> Weight {
		// Proof size: measured `5982`, estimated `12272`.
		// Minimum execution time: 35_412_000 picoseconds.
		Weight::from_parts(39_318_000, 12272)
			.saturating_add(T::DbWeight::get().reads(1))
			.saturating_add(T::DbWeight::get().writes(1))
	}
	/// Storage: `Inference::Tasks` (r:1 w:1)
	/// Proof: `Inference::Tasks` (`max_values`: None, `max_size`: Some(8807), added: 11282, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Models` (r:1 w:1)
	/// Proof: `Inference::Models` (`max_values`: None, `max_size`: Some(281), added: 2756, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(103), added: 2578, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:8 w:8)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Nodes` (r:7 w:7)
	/// Proof: `Inference::Nodes` (`max_values`: None, `max_size`: Some(379), added: 2854, mode: `MaxEncodedLen`)
	/// Storage: `Inference::NodeTasks` (r:7 w:7)
	/// Proof: `Inference::NodeTasks` (`max_values`: None, `max_size`: Some(562), added: 3037, mode: `MaxEncodedLen`)
	/// Storage: `Inference::DeadlineLogs` (r:1 w:0)
	/// Proof: `Inference::DeadlineLogs` (`max_values`: None, `max_size`: Some(17), added: 2492, mode: `MaxEncodedLen`)
	/// Storage: `Inference::DeadlinePages` (r:1 w:1)
	/// Proof: `Inference::DeadlinePages` (`max_values`: None, `max_size`: Some(791), added: 3266, mode: `MaxEncodedLen`)
	/// The range of component `r` is `[1, 7]`.
	fn reveal_and_settle(r: u32, ) -> Weight {
		// Proof size: measured `0`, estimated `12272`.
		// Minimum execution time: 125_736_000 picoseconds.
		Weight::from_parts(61_844_843, 12272)
			.saturating_add(Weight::from_parts(70_671_707, 0).saturating_mul(r.into()))
			.saturating_add(T::DbWeight::get().reads(6))
			.saturating_add(T::DbWeight::get().reads((3_u64).saturating_mul(r.into())))
			.saturating_add(T::DbWeight::get().writes(5))
			.saturating_add(T::DbWeight::get().writes((3_u64).saturating_mul(r.into())))
			.saturating_add(Weight::from_parts(0, 3037).saturating_mul(r.into()))
	}
	/// Storage: `Inference::Pools` (r:8 w:8)
	/// Proof: `Inference::Pools` (`max_values`: None, `max_size`: Some(5178), added: 7653, mode: `MaxEncodedLen`)
	/// Storage: `Inference::PoolBuckets` (r:8 w:8)
	/// Proof: `Inference::PoolBuckets` (`max_values`: None, `max_size`: Some(6974), added: 9449, mode: `MaxEncodedLen`)
	/// The range of component `n` is `[1, 8]`.
	fn update_pools(n: u32, ) -> Weight {
		// Proof size: measured `160`, estimated `990`.
		// Minimum execution time: 15_062_000 picoseconds.
		Weight::from_parts(2_649_945, 990)
			.saturating_add(Weight::from_parts(13_047_708, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 9449).saturating_mul(n.into()))
	}
	/// Storage: `Inference::DeadlineLogs` (r:4 w:0)
	/// Proof: `Inference::DeadlineLogs` (`max_values`: None, `max_size`: Some(17), added: 2492, mode: `MaxEncodedLen`)
	/// Storage: `Inference::DeadlinePages` (r:4 w:4)
	/// Proof: `Inference::DeadlinePages` (`max_values`: None, `max_size`: Some(791), added: 3266, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Queue` (r:1 w:0)
	/// Proof: `Inference::Queue` (`max_values`: Some(1), `max_size`: Some(65538), added: 66033, mode: `MaxEncodedLen`)
	fn on_initialize_base() -> Weight {
		// Proof size: measured `43`, estimated `67023`.
		// Minimum execution time: 38_708_000 picoseconds.
		Weight::from_parts(40_660_000, 67023)
			.saturating_add(T::DbWeight::get().reads(9))
			.saturating_add(T::DbWeight::get().writes(4))
	}
	/// Storage: `Inference::Queue` (r:1 w:0)
	/// Proof: `Inference::Queue` (`max_values`: Some(1), `max_size`: Some(65538), added: 66033, mode: `MaxEncodedLen`)
	/// Storage: `System::ParentHash` (r:1 w:0)
	/// Proof: `System::ParentHash` (`max_values`: Some(1), `max_size`: Some(32), added: 527, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Pools` (r:1 w:0)
	/// Proof: `Inference::Pools` (`max_values`: None, `max_size`: Some(5178), added: 7653, mode: `MaxEncodedLen`)
	/// The range of component `q` is `[0, 1024]`.
	fn queue_scan(q: u32, ) -> Weight {
		// Proof size: measured `70`, estimated `67023`.
		// Minimum execution time: 2_864_000 picoseconds.
		Weight::from_parts(7_956_401, 67023)
			.saturating_add(Weight::from_parts(30_401, 0).saturating_mul(q.into()))
			.saturating_add(T::DbWeight::get().reads(3))
	}
	/// Storage: `Inference::Queue` (r:1 w:1)
	/// Proof: `Inference::Queue` (`max_values`: Some(1), `max_size`: Some(65538), added: 66033, mode: `MaxEncodedLen`)
	/// Storage: `System::ParentHash` (r:1 w:0)
	/// Proof: `System::ParentHash` (`max_values`: Some(1), `max_size`: Some(32), added: 527, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Pools` (r:1 w:1)
	/// Proof: `Inference::Pools` (`max_values`: None, `max_size`: Some(5178), added: 7653, mode: `MaxEncodedLen`)
	/// Storage: `Inference::PoolBuckets` (r:7 w:7)
	/// Proof: `Inference::PoolBuckets` (`max_values`: None, `max_size`: Some(6974), added: 9449, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Tasks` (r:1 w:1)
	/// Proof: `Inference::Tasks` (`max_values`: None, `max_size`: Some(8807), added: 11282, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Nodes` (r:7 w:7)
	/// Proof: `Inference::Nodes` (`max_values`: None, `max_size`: Some(379), added: 2854, mode: `MaxEncodedLen`)
	/// Storage: `Inference::NodeTasks` (r:7 w:7)
	/// Proof: `Inference::NodeTasks` (`max_values`: None, `max_size`: Some(562), added: 3037, mode: `MaxEncodedLen`)
	/// Storage: `Inference::DeadlineLogs` (r:1 w:0)
	/// Proof: `Inference::DeadlineLogs` (`max_values`: None, `max_size`: Some(17), added: 2492, mode: `MaxEncodedLen`)
	/// Storage: `Inference::DeadlinePages` (r:1 w:1)
	/// Proof: `Inference::DeadlinePages` (`max_values`: None, `max_size`: Some(791), added: 3266, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Models` (r:1 w:1)
	/// Proof: `Inference::Models` (`max_values`: None, `max_size`: Some(281), added: 2756, mode: `MaxEncodedLen`)
	/// The range of component `r` is `[1, 7]`.
	/// The range of component `n` is `[7, 10000]`.
	fn assign_task(r: u32, n: u32, ) -> Weight {
		// Proof size: measured `0`, estimated `67023`.
		// Minimum execution time: 176_532_000 picoseconds.
		Weight::from_parts(182_180_000, 67023)
			.saturating_add(Weight::from_parts(35_617_771, 0).saturating_mul(r.into()))
			.saturating_add(Weight::from_parts(4_572, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(4))
			.saturating_add(T::DbWeight::get().reads((3_u64).saturating_mul(r.into())))
			.saturating_add(T::DbWeight::get().writes(2))
			.saturating_add(T::DbWeight::get().writes((3_u64).saturating_mul(r.into())))
			.saturating_add(Weight::from_parts(0, 1).saturating_mul(n.into()))
			.saturating_add(Weight::from_parts(0, 5971).saturating_mul(r.into()))
	}
	/// Storage: `Inference::Tasks` (r:1 w:1)
	/// Proof: `Inference::Tasks` (`max_values`: None, `max_size`: Some(8807), added: 11282, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Models` (r:1 w:1)
	/// Proof: `Inference::Models` (`max_values`: None, `max_size`: Some(281), added: 2756, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(103), added: 2578, mode: `MaxEncodedLen`)
	/// Storage: `Inference::DeadlineLogs` (r:1 w:0)
	/// Proof: `Inference::DeadlineLogs` (`max_values`: None, `max_size`: Some(17), added: 2492, mode: `MaxEncodedLen`)
	/// Storage: `Inference::DeadlinePages` (r:1 w:1)
	/// Proof: `Inference::DeadlinePages` (`max_values`: None, `max_size`: Some(791), added: 3266, mode: `MaxEncodedLen`)
	fn queue_timeout() -> Weight {
		// Proof size: measured `1015`, estimated `12272`.
		// Minimum execution time: 75_582_000 picoseconds.
		Weight::from_parts(79_638_000, 12272)
			.saturating_add(T::DbWeight::get().reads(6))
			.saturating_add(T::DbWeight::get().writes(5))
	}
	/// Storage: `Inference::DeadlineLogs` (r:2 w:0)
	/// Proof: `Inference::DeadlineLogs` (`max_values`: None, `max_size`: Some(17), added: 2492, mode: `MaxEncodedLen`)
	/// Storage: `Inference::DeadlinePages` (r:2 w:2)
	/// Proof: `Inference::DeadlinePages` (`max_values`: None, `max_size`: Some(791), added: 3266, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Tasks` (r:1 w:1)
	/// Proof: `Inference::Tasks` (`max_values`: None, `max_size`: Some(8807), added: 11282, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Nodes` (r:7 w:7)
	/// Proof: `Inference::Nodes` (`max_values`: None, `max_size`: Some(379), added: 2854, mode: `MaxEncodedLen`)
	/// Storage: `Inference::NodeTasks` (r:7 w:7)
	/// Proof: `Inference::NodeTasks` (`max_values`: None, `max_size`: Some(562), added: 3037, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Pools` (r:1 w:1)
	/// Proof: `Inference::Pools` (`max_values`: None, `max_size`: Some(5178), added: 7653, mode: `MaxEncodedLen`)
	/// Storage: `Inference::PoolBuckets` (r:1 w:1)
	/// Proof: `Inference::PoolBuckets` (`max_values`: None, `max_size`: Some(6974), added: 9449, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(103), added: 2578, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Models` (r:1 w:1)
	/// Proof: `Inference::Models` (`max_values`: None, `max_size`: Some(281), added: 2756, mode: `MaxEncodedLen`)
	/// The range of component `r` is `[1, 7]`.
	fn commit_deadline(r: u32, ) -> Weight {
		// Proof size: measured `1082`, estimated `12272`.
		// Minimum execution time: 116_072_000 picoseconds.
		Weight::from_parts(100_458_052, 12272)
			.saturating_add(Weight::from_parts(21_890_492, 0).saturating_mul(r.into()))
			.saturating_add(T::DbWeight::get().reads(10))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(r.into())))
			.saturating_add(T::DbWeight::get().writes(8))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(r.into())))
			.saturating_add(Weight::from_parts(0, 3037).saturating_mul(r.into()))
	}
	/// Storage: `Inference::DeadlineLogs` (r:2 w:0)
	/// Proof: `Inference::DeadlineLogs` (`max_values`: None, `max_size`: Some(17), added: 2492, mode: `MaxEncodedLen`)
	/// Storage: `Inference::DeadlinePages` (r:2 w:2)
	/// Proof: `Inference::DeadlinePages` (`max_values`: None, `max_size`: Some(791), added: 3266, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Tasks` (r:1 w:1)
	/// Proof: `Inference::Tasks` (`max_values`: None, `max_size`: Some(8807), added: 11282, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Models` (r:1 w:1)
	/// Proof: `Inference::Models` (`max_values`: None, `max_size`: Some(281), added: 2756, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:2 w:2)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(103), added: 2578, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:9 w:9)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Nodes` (r:7 w:7)
	/// Proof: `Inference::Nodes` (`max_values`: None, `max_size`: Some(379), added: 2854, mode: `MaxEncodedLen`)
	/// Storage: `Inference::NodeTasks` (r:7 w:7)
	/// Proof: `Inference::NodeTasks` (`max_values`: None, `max_size`: Some(562), added: 3037, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Pools` (r:1 w:1)
	/// Proof: `Inference::Pools` (`max_values`: None, `max_size`: Some(5178), added: 7653, mode: `MaxEncodedLen`)
	/// Storage: `Inference::PoolBuckets` (r:1 w:1)
	/// Proof: `Inference::PoolBuckets` (`max_values`: None, `max_size`: Some(6974), added: 9449, mode: `MaxEncodedLen`)
	/// The range of component `r` is `[1, 7]`.
	fn reveal_deadline(r: u32, ) -> Weight {
		// Proof size: measured `285`, estimated `12272`.
		// Minimum execution time: 164_544_000 picoseconds.
		Weight::from_parts(81_822_527, 12272)
			.saturating_add(Weight::from_parts(74_202_715, 0).saturating_mul(r.into()))
			.saturating_add(T::DbWeight::get().reads(12))
			.saturating_add(T::DbWeight::get().reads((3_u64).saturating_mul(r.into())))
			.saturating_add(T::DbWeight::get().writes(10))
			.saturating_add(T::DbWeight::get().writes((3_u64).saturating_mul(r.into())))
			.saturating_add(Weight::from_parts(0, 3037).saturating_mul(r.into()))
	}
	/// Storage: `Inference::DeadlineLogs` (r:1 w:0)
	/// Proof: `Inference::DeadlineLogs` (`max_values`: None, `max_size`: Some(17), added: 2492, mode: `MaxEncodedLen`)
	/// Storage: `Inference::DeadlinePages` (r:1 w:1)
	/// Proof: `Inference::DeadlinePages` (`max_values`: None, `max_size`: Some(791), added: 3266, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Tasks` (r:1 w:1)
	/// Proof: `Inference::Tasks` (`max_values`: None, `max_size`: Some(8807), added: 11282, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Inputs` (r:0 w:1)
	/// Proof: `Inference::Inputs` (`max_values`: None, `max_size`: Some(65556), added: 68031, mode: `MaxEncodedLen`)
	fn prune() -> Weight {
		// Proof size: measured `413`, estimated `12272`.
		// Minimum execution time: 27_471_000 picoseconds.
		Weight::from_parts(29_964_000, 12272)
			.saturating_add(T::DbWeight::get().reads(3))
			.saturating_add(T::DbWeight::get().writes(3))
	}
	/// Storage: `Inference::DeadlineLogs` (r:1 w:0)
	/// Proof: `Inference::DeadlineLogs` (`max_values`: None, `max_size`: Some(17), added: 2492, mode: `MaxEncodedLen`)
	/// Storage: `Inference::DeadlinePages` (r:1 w:1)
	/// Proof: `Inference::DeadlinePages` (`max_values`: None, `max_size`: Some(791), added: 3266, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Tasks` (r:1 w:0)
	/// Proof: `Inference::Tasks` (`max_values`: None, `max_size`: Some(8807), added: 11282, mode: `MaxEncodedLen`)
	fn deadline_stale() -> Weight {
		// Proof size: measured `515`, estimated `12272`.
		// Minimum execution time: 18_808_000 picoseconds.
		Weight::from_parts(20_069_000, 12272)
			.saturating_add(T::DbWeight::get().reads(3))
			.saturating_add(T::DbWeight::get().writes(1))
	}
	/// Storage: `Inference::DeadlineLogs` (r:2 w:0)
	/// Proof: `Inference::DeadlineLogs` (`max_values`: None, `max_size`: Some(17), added: 2492, mode: `MaxEncodedLen`)
	/// Storage: `Inference::DeadlinePages` (r:2 w:2)
	/// Proof: `Inference::DeadlinePages` (`max_values`: None, `max_size`: Some(791), added: 3266, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Tasks` (r:1 w:1)
	/// Proof: `Inference::Tasks` (`max_values`: None, `max_size`: Some(8807), added: 11282, mode: `MaxEncodedLen`)
	/// Storage: `System::ParentHash` (r:1 w:0)
	/// Proof: `System::ParentHash` (`max_values`: Some(1), `max_size`: Some(32), added: 527, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Pools` (r:1 w:1)
	/// Proof: `Inference::Pools` (`max_values`: None, `max_size`: Some(5178), added: 7653, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Nodes` (r:3 w:2)
	/// Proof: `Inference::Nodes` (`max_values`: None, `max_size`: Some(379), added: 2854, mode: `MaxEncodedLen`)
	/// Storage: `Inference::PoolBuckets` (r:3 w:2)
	/// Proof: `Inference::PoolBuckets` (`max_values`: None, `max_size`: Some(6974), added: 9449, mode: `MaxEncodedLen`)
	/// Storage: `Inference::NodeTasks` (r:2 w:2)
	/// Proof: `Inference::NodeTasks` (`max_values`: None, `max_size`: Some(562), added: 3037, mode: `MaxEncodedLen`)
	fn decide_sample() -> Weight {
		// Proof size: measured `29312`, estimated `29337`.
		// Minimum execution time: 262_830_000 picoseconds.
		Weight::from_parts(290_050_000, 29337)
			.saturating_add(T::DbWeight::get().reads(15))
			.saturating_add(T::DbWeight::get().writes(10))
	}
}

/// The same measurements with RocksDB's database weights, for tests and mocks.
impl WeightInfo for () {
	fn register_model() -> Weight {
		Weight::from_parts(62_983_000, 3746)
			.saturating_add(RocksDbWeight::get().reads(3))
			.saturating_add(RocksDbWeight::get().writes(3))
	}
	fn remove_model() -> Weight {
		Weight::from_parts(58_257_000, 8643)
			.saturating_add(RocksDbWeight::get().reads(4))
			.saturating_add(RocksDbWeight::get().writes(3))
	}
	fn join(m: u32, ) -> Weight {
		Weight::from_parts(73_976_569, 6698)
			.saturating_add(Weight::from_parts(30_781_244, 0).saturating_mul(m.into()))
			.saturating_add(RocksDbWeight::get().reads(6))
			.saturating_add(RocksDbWeight::get().reads((3_u64).saturating_mul(m.into())))
			.saturating_add(RocksDbWeight::get().writes(5))
			.saturating_add(RocksDbWeight::get().writes((2_u64).saturating_mul(m.into())))
			.saturating_add(Weight::from_parts(0, 9449).saturating_mul(m.into()))
	}
	fn update_node(o: u32, n: u32, ) -> Weight {
		Weight::from_parts(20_053_391, 6698)
			.saturating_add(Weight::from_parts(13_890_682, 0).saturating_mul(o.into()))
			.saturating_add(Weight::from_parts(31_888_804, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(2))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(o.into())))
			.saturating_add(RocksDbWeight::get().reads((3_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(2))
			.saturating_add(RocksDbWeight::get().writes((2_u64).saturating_mul(o.into())))
			.saturating_add(RocksDbWeight::get().writes((2_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 9449).saturating_mul(n.into()))
			.saturating_add(Weight::from_parts(0, 9449).saturating_mul(o.into()))
	}
	fn add_stake(m: u32, ) -> Weight {
		Weight::from_parts(67_901_775, 3844)
			.saturating_add(Weight::from_parts(14_632_367, 0).saturating_mul(m.into()))
			.saturating_add(RocksDbWeight::get().reads(3))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(m.into())))
			.saturating_add(RocksDbWeight::get().writes(3))
			.saturating_add(RocksDbWeight::get().writes((2_u64).saturating_mul(m.into())))
			.saturating_add(Weight::from_parts(0, 9449).saturating_mul(m.into()))
	}
	fn pause(m: u32, ) -> Weight {
		Weight::from_parts(16_314_181, 3844)
			.saturating_add(Weight::from_parts(14_467_073, 0).saturating_mul(m.into()))
			.saturating_add(RocksDbWeight::get().reads(1))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(m.into())))
			.saturating_add(RocksDbWeight::get().writes(1))
			.saturating_add(RocksDbWeight::get().writes((2_u64).saturating_mul(m.into())))
			.saturating_add(Weight::from_parts(0, 9449).saturating_mul(m.into()))
	}
	fn resume(m: u32, ) -> Weight {
		Weight::from_parts(17_914_140, 3844)
			.saturating_add(Weight::from_parts(14_092_664, 0).saturating_mul(m.into()))
			.saturating_add(RocksDbWeight::get().reads(1))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(m.into())))
			.saturating_add(RocksDbWeight::get().writes(1))
			.saturating_add(RocksDbWeight::get().writes((2_u64).saturating_mul(m.into())))
			.saturating_add(Weight::from_parts(0, 9449).saturating_mul(m.into()))
	}
	fn leave(m: u32, ) -> Weight {
		Weight::from_parts(66_927_523, 4027)
			.saturating_add(Weight::from_parts(13_661_259, 0).saturating_mul(m.into()))
			.saturating_add(RocksDbWeight::get().reads(5))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(m.into())))
			.saturating_add(RocksDbWeight::get().writes(6))
			.saturating_add(RocksDbWeight::get().writes((2_u64).saturating_mul(m.into())))
			.saturating_add(Weight::from_parts(0, 9449).saturating_mul(m.into()))
	}
	fn forget_reputation() -> Weight {
		Weight::from_parts(14_482_000, 3525)
			.saturating_add(RocksDbWeight::get().reads(1))
			.saturating_add(RocksDbWeight::get().writes(1))
	}
	fn create_task(i: u32, ) -> Weight {
		Weight::from_parts(264_770_316, 67023)
			.saturating_add(Weight::from_parts(1_014, 0).saturating_mul(i.into()))
			.saturating_add(RocksDbWeight::get().reads(6))
			.saturating_add(RocksDbWeight::get().writes(7))
	}
	fn create_task_evicting(i: u32, ) -> Weight {
		Weight::from_parts(422_518_033, 67023)
			.saturating_add(Weight::from_parts(651, 0).saturating_mul(i.into()))
			.saturating_add(RocksDbWeight::get().reads(13))
			.saturating_add(RocksDbWeight::get().writes(13))
	}
	fn cancel_task() -> Weight {
		Weight::from_parts(124_755_000, 67023)
			.saturating_add(RocksDbWeight::get().reads(8))
			.saturating_add(RocksDbWeight::get().writes(7))
	}
	fn commit() -> Weight {
		Weight::from_parts(55_793_000, 12272)
			.saturating_add(RocksDbWeight::get().reads(6))
			.saturating_add(RocksDbWeight::get().writes(5))
	}
	fn reveal() -> Weight {
		Weight::from_parts(39_318_000, 12272)
			.saturating_add(RocksDbWeight::get().reads(1))
			.saturating_add(RocksDbWeight::get().writes(1))
	}
	fn reveal_and_settle(r: u32, ) -> Weight {
		Weight::from_parts(61_844_843, 12272)
			.saturating_add(Weight::from_parts(70_671_707, 0).saturating_mul(r.into()))
			.saturating_add(RocksDbWeight::get().reads(6))
			.saturating_add(RocksDbWeight::get().reads((3_u64).saturating_mul(r.into())))
			.saturating_add(RocksDbWeight::get().writes(5))
			.saturating_add(RocksDbWeight::get().writes((3_u64).saturating_mul(r.into())))
			.saturating_add(Weight::from_parts(0, 3037).saturating_mul(r.into()))
	}
	fn update_pools(n: u32, ) -> Weight {
		Weight::from_parts(2_649_945, 990)
			.saturating_add(Weight::from_parts(13_047_708, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes((2_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 9449).saturating_mul(n.into()))
	}
	fn on_initialize_base() -> Weight {
		Weight::from_parts(40_660_000, 67023)
			.saturating_add(RocksDbWeight::get().reads(9))
			.saturating_add(RocksDbWeight::get().writes(4))
	}
	fn queue_scan(q: u32, ) -> Weight {
		Weight::from_parts(7_956_401, 67023)
			.saturating_add(Weight::from_parts(30_401, 0).saturating_mul(q.into()))
			.saturating_add(RocksDbWeight::get().reads(3))
	}
	fn assign_task(r: u32, n: u32, ) -> Weight {
		Weight::from_parts(182_180_000, 67023)
			.saturating_add(Weight::from_parts(35_617_771, 0).saturating_mul(r.into()))
			.saturating_add(Weight::from_parts(4_572, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(4))
			.saturating_add(RocksDbWeight::get().reads((3_u64).saturating_mul(r.into())))
			.saturating_add(RocksDbWeight::get().writes(2))
			.saturating_add(RocksDbWeight::get().writes((3_u64).saturating_mul(r.into())))
			.saturating_add(Weight::from_parts(0, 1).saturating_mul(n.into()))
			.saturating_add(Weight::from_parts(0, 5971).saturating_mul(r.into()))
	}
	fn queue_timeout() -> Weight {
		Weight::from_parts(79_638_000, 12272)
			.saturating_add(RocksDbWeight::get().reads(6))
			.saturating_add(RocksDbWeight::get().writes(5))
	}
	fn commit_deadline(r: u32, ) -> Weight {
		Weight::from_parts(100_458_052, 12272)
			.saturating_add(Weight::from_parts(21_890_492, 0).saturating_mul(r.into()))
			.saturating_add(RocksDbWeight::get().reads(10))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(r.into())))
			.saturating_add(RocksDbWeight::get().writes(8))
			.saturating_add(RocksDbWeight::get().writes((2_u64).saturating_mul(r.into())))
			.saturating_add(Weight::from_parts(0, 3037).saturating_mul(r.into()))
	}
	fn reveal_deadline(r: u32, ) -> Weight {
		Weight::from_parts(81_822_527, 12272)
			.saturating_add(Weight::from_parts(74_202_715, 0).saturating_mul(r.into()))
			.saturating_add(RocksDbWeight::get().reads(12))
			.saturating_add(RocksDbWeight::get().reads((3_u64).saturating_mul(r.into())))
			.saturating_add(RocksDbWeight::get().writes(10))
			.saturating_add(RocksDbWeight::get().writes((3_u64).saturating_mul(r.into())))
			.saturating_add(Weight::from_parts(0, 3037).saturating_mul(r.into()))
	}
	fn prune() -> Weight {
		Weight::from_parts(29_964_000, 12272)
			.saturating_add(RocksDbWeight::get().reads(3))
			.saturating_add(RocksDbWeight::get().writes(3))
	}
	fn deadline_stale() -> Weight {
		Weight::from_parts(20_069_000, 12272)
			.saturating_add(RocksDbWeight::get().reads(3))
			.saturating_add(RocksDbWeight::get().writes(1))
	}
	fn decide_sample() -> Weight {
		Weight::from_parts(290_050_000, 29337)
			.saturating_add(RocksDbWeight::get().reads(15))
			.saturating_add(RocksDbWeight::get().writes(10))
	}
}
