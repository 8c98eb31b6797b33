//! Weights of `pallet_inference`, measured by `deai-node benchmark pallet`.
//!
//! Regenerate with `scripts/benchmark-pallet.sh` (benchmark CLI 64.0.0).
//! DATE: 2026-11-25, STEPS: `20`, REPEAT: `10`
//! HOSTNAME: `vm`, CPU: `Intel(R) Xeon(R) Processor`
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
	fn update_node(m: u32, ) -> Weight;
	fn add_stake() -> Weight;
	fn pause() -> Weight;
	fn resume() -> Weight;
	fn leave(m: u32, ) -> Weight;
	fn create_task(i: u32, ) -> Weight;
	fn cancel_task() -> Weight;
	fn commit() -> Weight;
	fn reveal() -> Weight;
	fn reveal_and_settle(r: u32, ) -> Weight;
	fn on_initialize_base() -> Weight;
	fn process_deadlines(n: u32, ) -> Weight;
	fn assign_task(m: u32, ) -> Weight;
}

/// Measured weights, with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Inference::Models` (r:1 w:1)
	/// Proof: `Inference::Models` (`max_values`: None, `max_size`: Some(277), added: 2752, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(103), added: 2578, mode: `MaxEncodedLen`)
	fn register_model() -> Weight {
		// Proof size: measured `198`, estimated `3742`.
		// Minimum execution time: 57_882_000 picoseconds.
		Weight::from_parts(71_944_000, 3742)
			.saturating_add(T::DbWeight::get().reads(3))
			.saturating_add(T::DbWeight::get().writes(3))
	}
	/// Storage: `Inference::Models` (r:1 w:1)
	/// Proof: `Inference::Models` (`max_values`: None, `max_size`: Some(277), added: 2752, mode: `MaxEncodedLen`)
	/// Storage: `Inference::ModelNodes` (r:1 w:1)
	/// Proof: `Inference::ModelNodes` (`max_values`: None, `max_size`: Some(2098), added: 4573, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(103), added: 2578, mode: `MaxEncodedLen`)
	fn remove_model() -> Weight {
		// Proof size: measured `373`, estimated `5563`.
		// Minimum execution time: 62_169_000 picoseconds.
		Weight::from_parts(69_544_000, 5563)
			.saturating_add(T::DbWeight::get().reads(4))
			.saturating_add(T::DbWeight::get().writes(4))
	}
	/// Storage: `Inference::Nodes` (r:1 w:1)
	/// Proof: `Inference::Nodes` (`max_values`: None, `max_size`: Some(587), added: 3062, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Models` (r:16 w:0)
	/// Proof: `Inference::Models` (`max_values`: None, `max_size`: Some(277), added: 2752, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(103), added: 2578, mode: `MaxEncodedLen`)
	/// Storage: `Inference::ModelNodes` (r:16 w:16)
	/// Proof: `Inference::ModelNodes` (`max_values`: None, `max_size`: Some(2098), added: 4573, mode: `MaxEncodedLen`)
	/// Storage: `Inference::NodeCount` (r:1 w:1)
	/// Proof: `Inference::NodeCount` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// The range of component `m` is `[1, 16]`.
	fn join(m: u32, ) -> Weight {
		// Proof size: measured `2202`, estimated `4052`.
		// Minimum execution time: 77_430_000 picoseconds.
		Weight::from_parts(75_297_473, 4052)
			.saturating_add(Weight::from_parts(11_826_549, 0).saturating_mul(m.into()))
			.saturating_add(T::DbWeight::get().reads(4))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(m.into())))
			.saturating_add(T::DbWeight::get().writes(4))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(m.into())))
			.saturating_add(Weight::from_parts(0, 4573).saturating_mul(m.into()))
	}
	/// Storage: `Inference::Nodes` (r:1 w:1)
	/// Proof: `Inference::Nodes` (`max_values`: None, `max_size`: Some(587), added: 3062, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Models` (r:16 w:0)
	/// Proof: `Inference::Models` (`max_values`: None, `max_size`: Some(277), added: 2752, mode: `MaxEncodedLen`)
	/// Storage: `Inference::ModelNodes` (r:32 w:32)
	/// Proof: `Inference::ModelNodes` (`max_values`: None, `max_size`: Some(2098), added: 4573, mode: `MaxEncodedLen`)
	/// The range of component `m` is `[1, 16]`.
	fn update_node(m: u32, ) -> Weight {
		// Proof size: measured `4268`, estimated `4052`.
		// Minimum execution time: 36_995_000 picoseconds.
		Weight::from_parts(22_127_652, 4052)
			.saturating_add(Weight::from_parts(19_720_124, 0).saturating_mul(m.into()))
			.saturating_add(T::DbWeight::get().reads(1))
			.saturating_add(T::DbWeight::get().reads((3_u64).saturating_mul(m.into())))
			.saturating_add(T::DbWeight::get().writes(1))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(m.into())))
			.saturating_add(Weight::from_parts(0, 9146).saturating_mul(m.into()))
	}
	/// Storage: `Inference::Nodes` (r:1 w:1)
	/// Proof: `Inference::Nodes` (`max_values`: None, `max_size`: Some(587), added: 3062, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(103), added: 2578, mode: `MaxEncodedLen`)
	fn add_stake() -> Weight {
		// Proof size: measured `363`, estimated `4052`.
		// Minimum execution time: 62_168_000 picoseconds.
		Weight::from_parts(74_456_000, 4052)
			.saturating_add(T::DbWeight::get().reads(3))
			.saturating_add(T::DbWeight::get().writes(3))
	}
	/// Storage: `Inference::Nodes` (r:1 w:1)
	/// Proof: `Inference::Nodes` (`max_values`: None, `max_size`: Some(587), added: 3062, mode: `MaxEncodedLen`)
	fn pause() -> Weight {
		// Proof size: measured `207`, estimated `4052`.
		// Minimum execution time: 14_691_000 picoseconds.
		Weight::from_parts(17_837_000, 4052)
			.saturating_add(T::DbWeight::get().reads(1))
			.saturating_add(T::DbWeight::get().writes(1))
	}
	/// Storage: `Inference::Nodes` (r:1 w:1)
	/// Proof: `Inference::Nodes` (`max_values`: None, `max_size`: Some(587), added: 3062, mode: `MaxEncodedLen`)
	fn resume() -> Weight {
		// Proof size: measured `207`, estimated `4052`.
		// Minimum execution time: 17_516_000 picoseconds.
		Weight::from_parts(21_051_000, 4052)
			.saturating_add(T::DbWeight::get().reads(1))
			.saturating_add(T::DbWeight::get().writes(1))
	}
	/// Storage: `Inference::Nodes` (r:1 w:1)
	/// Proof: `Inference::Nodes` (`max_values`: None, `max_size`: Some(587), added: 3062, mode: `MaxEncodedLen`)
	/// Storage: `Inference::NodeTasks` (r:1 w:1)
	/// Proof: `Inference::NodeTasks` (`max_values`: None, `max_size`: Some(177), added: 2652, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(103), added: 2578, mode: `MaxEncodedLen`)
	/// Storage: `Inference::ModelNodes` (r:16 w:16)
	/// Proof: `Inference::ModelNodes` (`max_values`: None, `max_size`: Some(2098), added: 4573, mode: `MaxEncodedLen`)
	/// Storage: `Inference::NodeCount` (r:1 w:1)
	/// Proof: `Inference::NodeCount` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// The range of component `m` is `[0, 16]`.
	fn leave(m: u32, ) -> Weight {
		// Proof size: measured `2362`, estimated `4052`.
		// Minimum execution time: 22_673_000 picoseconds.
		Weight::from_parts(57_831_280, 4052)
			.saturating_add(Weight::from_parts(8_942_054, 0).saturating_mul(m.into()))
			.saturating_add(T::DbWeight::get().reads(4))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(m.into())))
			.saturating_add(T::DbWeight::get().writes(4))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(m.into())))
			.saturating_add(Weight::from_parts(0, 4573).saturating_mul(m.into()))
	}
	/// Storage: `Inference::Models` (r:1 w:1)
	/// Proof: `Inference::Models` (`max_values`: None, `max_size`: Some(277), added: 2752, mode: `MaxEncodedLen`)
	/// Storage: `Inference::NextTaskId` (r:1 w:1)
	/// Proof: `Inference::NextTaskId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Queue` (r:1 w:1)
	/// Proof: `Inference::Queue` (`max_values`: Some(1), `max_size`: Some(4098), added: 4593, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:2 w:2)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(103), added: 2578, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Deadlines` (r:3 w:3)
	/// Proof: `Inference::Deadlines` (`max_values`: None, `max_size`: Some(2062), added: 4537, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Tasks` (r:1 w:2)
	/// Proof: `Inference::Tasks` (`max_values`: None, `max_size`: Some(74373), added: 76848, mode: `MaxEncodedLen`)
	/// The range of component `i` is `[1, 65536]`.
	fn create_task(i: u32, ) -> Weight {
		// Proof size: measured `6724`, estimated `77838`.
		// Minimum execution time: 196_260_000 picoseconds.
		Weight::from_parts(217_759_072, 77838)
			.saturating_add(Weight::from_parts(1_838, 0).saturating_mul(i.into()))
			.saturating_add(T::DbWeight::get().reads(11))
			.saturating_add(T::DbWeight::get().writes(12))
	}
	/// Storage: `Inference::Tasks` (r:1 w:1)
	/// Proof: `Inference::Tasks` (`max_values`: None, `max_size`: Some(74373), added: 76848, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Queue` (r:1 w:1)
	/// Proof: `Inference::Queue` (`max_values`: Some(1), `max_size`: Some(4098), added: 4593, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(103), added: 2578, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Models` (r:1 w:1)
	/// Proof: `Inference::Models` (`max_values`: None, `max_size`: Some(277), added: 2752, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Deadlines` (r:2 w:2)
	/// Proof: `Inference::Deadlines` (`max_values`: None, `max_size`: Some(2062), added: 4537, mode: `MaxEncodedLen`)
	fn cancel_task() -> Weight {
		// Proof size: measured `6408`, estimated `77838`.
		// Minimum execution time: 117_047_000 picoseconds.
		Weight::from_parts(128_707_000, 77838)
			.saturating_add(T::DbWeight::get().reads(7))
			.saturating_add(T::DbWeight::get().writes(7))
	}
	/// Storage: `Inference::Tasks` (r:1 w:1)
	/// Proof: `Inference::Tasks` (`max_values`: None, `max_size`: Some(74373), added: 76848, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Deadlines` (r:2 w:2)
	/// Proof: `Inference::Deadlines` (`max_values`: None, `max_size`: Some(2062), added: 4537, mode: `MaxEncodedLen`)
	fn commit() -> Weight {
		// Proof size: measured `767`, estimated `77838`.
		// Minimum execution time: 30_244_000 picoseconds.
		Weight::from_parts(38_318_000, 77838)
			.saturating_add(T::DbWeight::get().reads(3))
			.saturating_add(T::DbWeight::get().writes(3))
	}
	/// Storage: `Inference::Tasks` (r:1 w:1)
	/// Proof: `Inference::Tasks` (`max_values`: None, `max_size`: Some(74373), added: 76848, mode: `MaxEncodedLen`)
	fn reveal() -> Weight {
		// Proof size: measured `5961`, estimated `77838`.
		// Minimum execution time: 31_444_000 picoseconds.
		Weight::from_parts(38_295_000, 77838)
			.saturating_add(T::DbWeight::get().reads(1))
			.saturating_add(T::DbWeight::get().writes(1))
	}
	/// Storage: `Inference::Tasks` (r:1 w:1)
	/// Proof: `Inference::Tasks` (`max_values`: None, `max_size`: Some(74373), added: 76848, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Models` (r:1 w:1)
	/// Proof: `Inference::Models` (`max_values`: None, `max_size`: Some(277), added: 2752, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Nodes` (r:7 w:7)
	/// Proof: `Inference::Nodes` (`max_values`: None, `max_size`: Some(587), added: 3062, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:8 w:8)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(103), added: 2578, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:8 w:8)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Inference::NodeTasks` (r:7 w:7)
	/// Proof: `Inference::NodeTasks` (`max_values`: None, `max_size`: Some(177), added: 2652, mode: `MaxEncodedLen`)
	/// Storage: `Inference::ModelNodes` (r:16 w:16)
	/// Proof: `Inference::ModelNodes` (`max_values`: None, `max_size`: Some(2098), added: 4573, mode: `MaxEncodedLen`)
	/// Storage: `Inference::NodeCount` (r:1 w:1)
	/// Proof: `Inference::NodeCount` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Deadlines` (r:2 w:2)
	/// Proof: `Inference::Deadlines` (`max_values`: None, `max_size`: Some(2062), added: 4537, mode: `MaxEncodedLen`)
	/// The range of component `r` is `[1, 7]`.
	fn reveal_and_settle(r: u32, ) -> Weight {
		// Proof size: measured `1913`, estimated `77838`.
		// Minimum execution time: 252_801_000 picoseconds.
		Weight::from_parts(118_182_141, 77838)
			.saturating_add(Weight::from_parts(159_378_717, 0).saturating_mul(r.into()))
			.saturating_add(T::DbWeight::get().reads(23))
			.saturating_add(T::DbWeight::get().reads((4_u64).saturating_mul(r.into())))
			.saturating_add(T::DbWeight::get().writes(23))
			.saturating_add(T::DbWeight::get().writes((4_u64).saturating_mul(r.into())))
			.saturating_add(Weight::from_parts(0, 3062).saturating_mul(r.into()))
	}
	/// Storage: `Inference::DeadlineCursor` (r:1 w:1)
	/// Proof: `Inference::DeadlineCursor` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Deadlines` (r:1 w:0)
	/// Proof: `Inference::Deadlines` (`max_values`: None, `max_size`: Some(2062), added: 4537, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Queue` (r:1 w:0)
	/// Proof: `Inference::Queue` (`max_values`: Some(1), `max_size`: Some(4098), added: 4593, mode: `MaxEncodedLen`)
	fn on_initialize_base() -> Weight {
		// Proof size: measured `66`, estimated `5583`.
		// Minimum execution time: 6_362_000 picoseconds.
		Weight::from_parts(7_735_000, 5583)
			.saturating_add(T::DbWeight::get().reads(3))
			.saturating_add(T::DbWeight::get().writes(1))
	}
	/// Storage: `Inference::DeadlineCursor` (r:1 w:1)
	/// Proof: `Inference::DeadlineCursor` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Deadlines` (r:2 w:2)
	/// Proof: `Inference::Deadlines` (`max_values`: None, `max_size`: Some(2062), added: 4537, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Tasks` (r:16 w:16)
	/// Proof: `Inference::Tasks` (`max_values`: None, `max_size`: Some(74373), added: 76848, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Models` (r:1 w:1)
	/// Proof: `Inference::Models` (`max_values`: None, `max_size`: Some(277), added: 2752, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Nodes` (r:7 w:7)
	/// Proof: `Inference::Nodes` (`max_values`: None, `max_size`: Some(587), added: 3062, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:17 w:17)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(103), added: 2578, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:24 w:24)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Inference::NodeTasks` (r:7 w:7)
	/// Proof: `Inference::NodeTasks` (`max_values`: None, `max_size`: Some(177), added: 2652, mode: `MaxEncodedLen`)
	/// The range of component `n` is `[0, 16]`.
	fn process_deadlines(n: u32, ) -> Weight {
		// Proof size: measured `3339`, estimated `22424`.
		// Minimum execution time: 7_843_000 picoseconds.
		Weight::from_parts(107_197_264, 22424)
			.saturating_add(Weight::from_parts(460_420_221, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(20))
			.saturating_add(T::DbWeight::get().reads((4_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(20))
			.saturating_add(T::DbWeight::get().writes((4_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 76848).saturating_mul(n.into()))
	}
	/// Storage: `Inference::Queue` (r:1 w:1)
	/// Proof: `Inference::Queue` (`max_values`: Some(1), `max_size`: Some(4098), added: 4593, mode: `MaxEncodedLen`)
	/// Storage: `System::ParentHash` (r:1 w:0)
	/// Proof: `System::ParentHash` (`max_values`: Some(1), `max_size`: Some(32), added: 527, mode: `MaxEncodedLen`)
	/// Storage: `Inference::ModelNodes` (r:1 w:0)
	/// Proof: `Inference::ModelNodes` (`max_values`: None, `max_size`: Some(2098), added: 4573, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Nodes` (r:64 w:0)
	/// Proof: `Inference::Nodes` (`max_values`: None, `max_size`: Some(587), added: 3062, mode: `MaxEncodedLen`)
	/// Storage: `Inference::NodeTasks` (r:64 w:7)
	/// Proof: `Inference::NodeTasks` (`max_values`: None, `max_size`: Some(177), added: 2652, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Tasks` (r:1 w:1)
	/// Proof: `Inference::Tasks` (`max_values`: None, `max_size`: Some(74373), added: 76848, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Deadlines` (r:2 w:2)
	/// Proof: `Inference::Deadlines` (`max_values`: None, `max_size`: Some(2062), added: 4537, mode: `MaxEncodedLen`)
	/// The range of component `m` is `[7, 64]`.
	fn assign_task(m: u32, ) -> Weight {
		// Proof size: measured `524`, estimated `77838`.
		// Minimum execution time: 113_160_000 picoseconds.
		Weight::from_parts(69_849_274, 77838)
			.saturating_add(Weight::from_parts(7_495_441, 0).saturating_mul(m.into()))
			.saturating_add(T::DbWeight::get().reads(6))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(m.into())))
			.saturating_add(T::DbWeight::get().writes(11))
			.saturating_add(Weight::from_parts(0, 3062).saturating_mul(m.into()))
	}
}

/// The same measurements with RocksDB's database weights, for tests and mocks.
impl WeightInfo for () {
	fn register_model() -> Weight {
		Weight::from_parts(71_944_000, 3742)
			.saturating_add(RocksDbWeight::get().reads(3))
			.saturating_add(RocksDbWeight::get().writes(3))
	}
	fn remove_model() -> Weight {
		Weight::from_parts(69_544_000, 5563)
			.saturating_add(RocksDbWeight::get().reads(4))
			.saturating_add(RocksDbWeight::get().writes(4))
	}
	fn join(m: u32, ) -> Weight {
		Weight::from_parts(75_297_473, 4052)
			.saturating_add(Weight::from_parts(11_826_549, 0).saturating_mul(m.into()))
			.saturating_add(RocksDbWeight::get().reads(4))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(m.into())))
			.saturating_add(RocksDbWeight::get().writes(4))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(m.into())))
			.saturating_add(Weight::from_parts(0, 4573).saturating_mul(m.into()))
	}
	fn update_node(m: u32, ) -> Weight {
		Weight::from_parts(22_127_652, 4052)
			.saturating_add(Weight::from_parts(19_720_124, 0).saturating_mul(m.into()))
			.saturating_add(RocksDbWeight::get().reads(1))
			.saturating_add(RocksDbWeight::get().reads((3_u64).saturating_mul(m.into())))
			.saturating_add(RocksDbWeight::get().writes(1))
			.saturating_add(RocksDbWeight::get().writes((2_u64).saturating_mul(m.into())))
			.saturating_add(Weight::from_parts(0, 9146).saturating_mul(m.into()))
	}
	fn add_stake() -> Weight {
		Weight::from_parts(74_456_000, 4052)
			.saturating_add(RocksDbWeight::get().reads(3))
			.saturating_add(RocksDbWeight::get().writes(3))
	}
	fn pause() -> Weight {
		Weight::from_parts(17_837_000, 4052)
			.saturating_add(RocksDbWeight::get().reads(1))
			.saturating_add(RocksDbWeight::get().writes(1))
	}
	fn resume() -> Weight {
		Weight::from_parts(21_051_000, 4052)
			.saturating_add(RocksDbWeight::get().reads(1))
			.saturating_add(RocksDbWeight::get().writes(1))
	}
	fn leave(m: u32, ) -> Weight {
		Weight::from_parts(57_831_280, 4052)
			.saturating_add(Weight::from_parts(8_942_054, 0).saturating_mul(m.into()))
			.saturating_add(RocksDbWeight::get().reads(4))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(m.into())))
			.saturating_add(RocksDbWeight::get().writes(4))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(m.into())))
			.saturating_add(Weight::from_parts(0, 4573).saturating_mul(m.into()))
	}
	fn create_task(i: u32, ) -> Weight {
		Weight::from_parts(217_759_072, 77838)
			.saturating_add(Weight::from_parts(1_838, 0).saturating_mul(i.into()))
			.saturating_add(RocksDbWeight::get().reads(11))
			.saturating_add(RocksDbWeight::get().writes(12))
	}
	fn cancel_task() -> Weight {
		Weight::from_parts(128_707_000, 77838)
			.saturating_add(RocksDbWeight::get().reads(7))
			.saturating_add(RocksDbWeight::get().writes(7))
	}
	fn commit() -> Weight {
		Weight::from_parts(38_318_000, 77838)
			.saturating_add(RocksDbWeight::get().reads(3))
			.saturating_add(RocksDbWeight::get().writes(3))
	}
	fn reveal() -> Weight {
		Weight::from_parts(38_295_000, 77838)
			.saturating_add(RocksDbWeight::get().reads(1))
			.saturating_add(RocksDbWeight::get().writes(1))
	}
	fn reveal_and_settle(r: u32, ) -> Weight {
		Weight::from_parts(118_182_141, 77838)
			.saturating_add(Weight::from_parts(159_378_717, 0).saturating_mul(r.into()))
			.saturating_add(RocksDbWeight::get().reads(23))
			.saturating_add(RocksDbWeight::get().reads((4_u64).saturating_mul(r.into())))
			.saturating_add(RocksDbWeight::get().writes(23))
			.saturating_add(RocksDbWeight::get().writes((4_u64).saturating_mul(r.into())))
			.saturating_add(Weight::from_parts(0, 3062).saturating_mul(r.into()))
	}
	fn on_initialize_base() -> Weight {
		Weight::from_parts(7_735_000, 5583)
			.saturating_add(RocksDbWeight::get().reads(3))
			.saturating_add(RocksDbWeight::get().writes(1))
	}
	fn process_deadlines(n: u32, ) -> Weight {
		Weight::from_parts(107_197_264, 22424)
			.saturating_add(Weight::from_parts(460_420_221, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(20))
			.saturating_add(RocksDbWeight::get().reads((4_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(20))
			.saturating_add(RocksDbWeight::get().writes((4_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 76848).saturating_mul(n.into()))
	}
	fn assign_task(m: u32, ) -> Weight {
		Weight::from_parts(69_849_274, 77838)
			.saturating_add(Weight::from_parts(7_495_441, 0).saturating_mul(m.into()))
			.saturating_add(RocksDbWeight::get().reads(6))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(m.into())))
			.saturating_add(RocksDbWeight::get().writes(11))
			.saturating_add(Weight::from_parts(0, 3062).saturating_mul(m.into()))
	}
}
