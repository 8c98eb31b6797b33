
//! Weights of `pallet_inference`, measured by `deai-node benchmark pallet`.
//!
//! Regenerate with `scripts/benchmark-pallet.sh` (benchmark CLI 64.0.0).
//! DATE: 2026-12-07, STEPS: `10`, REPEAT: `5`
//! HOSTNAME: `vm`, CPU: `Intel(R) Xeon(R) Processor @ 2.80GHz`
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
//! 10
//! --repeat
//! 5
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
	fn create_sampled_task(i: u32, ) -> Weight;
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
	fn sample_retry() -> Weight;
	fn no_checkers() -> Weight;
}

/// Measured weights, with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Inference::Models` (r:1 w:1)
	/// Proof: `Inference::Models` (`max_values`: None, `max_size`: Some(281), added: 2756, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	fn register_model() -> Weight {
		// Proof size: measured `328`, estimated `3746`.
		// Minimum execution time: 79_443_000 picoseconds.
		Weight::from_parts(143_228_000, 3746)
			.saturating_add(T::DbWeight::get().reads(3))
			.saturating_add(T::DbWeight::get().writes(3))
	}
	/// Storage: `Inference::Models` (r:1 w:1)
	/// Proof: `Inference::Models` (`max_values`: None, `max_size`: Some(281), added: 2756, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Pools` (r:1 w:0)
	/// Proof: `Inference::Pools` (`max_values`: None, `max_size`: Some(9790), added: 12265, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	fn remove_model() -> Weight {
		// Proof size: measured `490`, estimated `13255`.
		// Minimum execution time: 71_991_000 picoseconds.
		Weight::from_parts(87_210_000, 13255)
			.saturating_add(T::DbWeight::get().reads(4))
			.saturating_add(T::DbWeight::get().writes(3))
	}
	/// Storage: `Inference::Nodes` (r:2 w:2)
	/// Proof: `Inference::Nodes` (`max_values`: None, `max_size`: Some(395), added: 2870, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Models` (r:8 w:0)
	/// Proof: `Inference::Models` (`max_values`: None, `max_size`: Some(281), added: 2756, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	/// Storage: `Inference::RetainedReputations` (r:1 w:0)
	/// Proof: `Inference::RetainedReputations` (`max_values`: None, `max_size`: Some(60), added: 2535, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Pools` (r:8 w:8)
	/// Proof: `Inference::Pools` (`max_values`: None, `max_size`: Some(9790), added: 12265, mode: `MaxEncodedLen`)
	/// Storage: `Inference::PoolBuckets` (r:8 w:8)
	/// Proof: `Inference::PoolBuckets` (`max_values`: None, `max_size`: Some(7486), added: 9961, mode: `MaxEncodedLen`)
	/// Storage: `Inference::NodeCount` (r:1 w:1)
	/// Proof: `Inference::NodeCount` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// The range of component `m` is `[1, 8]`.
	fn join(m: u32, ) -> Weight {
		// Proof size: measured `17640`, estimated `6730`.
		// Minimum execution time: 136_071_000 picoseconds.
		Weight::from_parts(102_197_163, 6730)
			.saturating_add(Weight::from_parts(42_737_785, 0).saturating_mul(m.into()))
			.saturating_add(T::DbWeight::get().reads(6))
			.saturating_add(T::DbWeight::get().reads((3_u64).saturating_mul(m.into())))
			.saturating_add(T::DbWeight::get().writes(5))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(m.into())))
			.saturating_add(Weight::from_parts(0, 12265).saturating_mul(m.into()))
	}
	/// Storage: `Inference::Nodes` (r:2 w:2)
	/// Proof: `Inference::Nodes` (`max_values`: None, `max_size`: Some(395), added: 2870, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Models` (r:8 w:0)
	/// Proof: `Inference::Models` (`max_values`: None, `max_size`: Some(281), added: 2756, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Pools` (r:16 w:16)
	/// Proof: `Inference::Pools` (`max_values`: None, `max_size`: Some(9790), added: 12265, mode: `MaxEncodedLen`)
	/// Storage: `Inference::PoolBuckets` (r:16 w:16)
	/// Proof: `Inference::PoolBuckets` (`max_values`: None, `max_size`: Some(7486), added: 9961, mode: `MaxEncodedLen`)
	/// The range of component `o` is `[1, 8]`.
	/// The range of component `n` is `[1, 8]`.
	fn update_node(o: u32, n: u32, ) -> Weight {
		// Proof size: measured `34754`, estimated `6730`.
		// Minimum execution time: 291_986_000 picoseconds.
		Weight::from_parts(28_848_913, 6730)
			.saturating_add(Weight::from_parts(29_426_814, 0).saturating_mul(o.into()))
			.saturating_add(Weight::from_parts(44_993_270, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(2))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(o.into())))
			.saturating_add(T::DbWeight::get().reads((3_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(2))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(o.into())))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 12265).saturating_mul(n.into()))
			.saturating_add(Weight::from_parts(0, 12265).saturating_mul(o.into()))
	}
	/// Storage: `Inference::Nodes` (r:1 w:1)
	/// Proof: `Inference::Nodes` (`max_values`: None, `max_size`: Some(395), added: 2870, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Pools` (r:8 w:8)
	/// Proof: `Inference::Pools` (`max_values`: None, `max_size`: Some(9790), added: 12265, mode: `MaxEncodedLen`)
	/// Storage: `Inference::PoolBuckets` (r:8 w:8)
	/// Proof: `Inference::PoolBuckets` (`max_values`: None, `max_size`: Some(7486), added: 9961, mode: `MaxEncodedLen`)
	/// The range of component `m` is `[1, 8]`.
	fn add_stake(m: u32, ) -> Weight {
		// Proof size: measured `17593`, estimated `3860`.
		// Minimum execution time: 113_634_000 picoseconds.
		Weight::from_parts(91_895_279, 3860)
			.saturating_add(Weight::from_parts(27_910_042, 0).saturating_mul(m.into()))
			.saturating_add(T::DbWeight::get().reads(3))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(m.into())))
			.saturating_add(T::DbWeight::get().writes(3))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(m.into())))
			.saturating_add(Weight::from_parts(0, 12265).saturating_mul(m.into()))
	}
	/// Storage: `Inference::Nodes` (r:1 w:1)
	/// Proof: `Inference::Nodes` (`max_values`: None, `max_size`: Some(395), added: 2870, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Pools` (r:8 w:8)
	/// Proof: `Inference::Pools` (`max_values`: None, `max_size`: Some(9790), added: 12265, mode: `MaxEncodedLen`)
	/// Storage: `Inference::PoolBuckets` (r:8 w:8)
	/// Proof: `Inference::PoolBuckets` (`max_values`: None, `max_size`: Some(7486), added: 9961, mode: `MaxEncodedLen`)
	/// The range of component `m` is `[1, 8]`.
	fn pause(m: u32, ) -> Weight {
		// Proof size: measured `17399`, estimated `3860`.
		// Minimum execution time: 51_436_000 picoseconds.
		Weight::from_parts(28_988_522, 3860)
			.saturating_add(Weight::from_parts(27_776_169, 0).saturating_mul(m.into()))
			.saturating_add(T::DbWeight::get().reads(1))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(m.into())))
			.saturating_add(T::DbWeight::get().writes(1))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(m.into())))
			.saturating_add(Weight::from_parts(0, 12265).saturating_mul(m.into()))
	}
	/// Storage: `Inference::Nodes` (r:1 w:1)
	/// Proof: `Inference::Nodes` (`max_values`: None, `max_size`: Some(395), added: 2870, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Pools` (r:8 w:8)
	/// Proof: `Inference::Pools` (`max_values`: None, `max_size`: Some(9790), added: 12265, mode: `MaxEncodedLen`)
	/// Storage: `Inference::PoolBuckets` (r:8 w:8)
	/// Proof: `Inference::PoolBuckets` (`max_values`: None, `max_size`: Some(7486), added: 9961, mode: `MaxEncodedLen`)
	/// The range of component `m` is `[1, 8]`.
	fn resume(m: u32, ) -> Weight {
		// Proof size: measured `17399`, estimated `3860`.
		// Minimum execution time: 55_506_000 picoseconds.
		Weight::from_parts(33_859_213, 3860)
			.saturating_add(Weight::from_parts(28_127_468, 0).saturating_mul(m.into()))
			.saturating_add(T::DbWeight::get().reads(1))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(m.into())))
			.saturating_add(T::DbWeight::get().writes(1))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(m.into())))
			.saturating_add(Weight::from_parts(0, 12265).saturating_mul(m.into()))
	}
	/// Storage: `Inference::Nodes` (r:1 w:1)
	/// Proof: `Inference::Nodes` (`max_values`: None, `max_size`: Some(395), added: 2870, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Pools` (r:8 w:8)
	/// Proof: `Inference::Pools` (`max_values`: None, `max_size`: Some(9790), added: 12265, mode: `MaxEncodedLen`)
	/// Storage: `Inference::PoolBuckets` (r:8 w:8)
	/// Proof: `Inference::PoolBuckets` (`max_values`: None, `max_size`: Some(7486), added: 9961, mode: `MaxEncodedLen`)
	/// Storage: `Inference::NodeTasks` (r:1 w:1)
	/// Proof: `Inference::NodeTasks` (`max_values`: None, `max_size`: Some(562), added: 3037, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	/// Storage: `Inference::NodeCount` (r:1 w:1)
	/// Proof: `Inference::NodeCount` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Inference::RetainedReputations` (r:0 w:1)
	/// Proof: `Inference::RetainedReputations` (`max_values`: None, `max_size`: Some(60), added: 2535, mode: `MaxEncodedLen`)
	/// The range of component `m` is `[0, 8]`.
	fn leave(m: u32, ) -> Weight {
		// Proof size: measured `17614`, estimated `4027`.
		// Minimum execution time: 83_277_000 picoseconds.
		Weight::from_parts(92_753_819, 4027)
			.saturating_add(Weight::from_parts(28_691_578, 0).saturating_mul(m.into()))
			.saturating_add(T::DbWeight::get().reads(5))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(m.into())))
			.saturating_add(T::DbWeight::get().writes(6))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(m.into())))
			.saturating_add(Weight::from_parts(0, 12265).saturating_mul(m.into()))
	}
	/// Storage: `Inference::RetainedReputations` (r:1 w:1)
	/// Proof: `Inference::RetainedReputations` (`max_values`: None, `max_size`: Some(60), added: 2535, mode: `MaxEncodedLen`)
	fn forget_reputation() -> Weight {
		// Proof size: measured `203`, estimated `3525`.
		// Minimum execution time: 20_912_000 picoseconds.
		Weight::from_parts(23_300_000, 3525)
			.saturating_add(T::DbWeight::get().reads(1))
			.saturating_add(T::DbWeight::get().writes(1))
	}
	/// Storage: `Inference::Models` (r:1 w:1)
	/// Proof: `Inference::Models` (`max_values`: None, `max_size`: Some(281), added: 2756, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Pools` (r:1 w:0)
	/// Proof: `Inference::Pools` (`max_values`: None, `max_size`: Some(9790), added: 12265, mode: `MaxEncodedLen`)
	/// Storage: `Inference::NextTaskId` (r:1 w:1)
	/// Proof: `Inference::NextTaskId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Queue` (r:1 w:1)
	/// Proof: `Inference::Queue` (`max_values`: Some(1), `max_size`: Some(81922), added: 82417, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Inputs` (r:0 w:1)
	/// Proof: `Inference::Inputs` (`max_values`: None, `max_size`: Some(65556), added: 68031, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Tasks` (r:0 w:1)
	/// Proof: `Inference::Tasks` (`max_values`: None, `max_size`: Some(8839), added: 11314, mode: `MaxEncodedLen`)
	/// The range of component `i` is `[1, 65536]`.
	fn create_task(i: u32, ) -> Weight {
		// Proof size: measured `84120`, estimated `83407`.
		// Minimum execution time: 364_529_000 picoseconds.
		Weight::from_parts(373_814_077, 83407)
			.saturating_add(Weight::from_parts(1_588, 0).saturating_mul(i.into()))
			.saturating_add(T::DbWeight::get().reads(6))
			.saturating_add(T::DbWeight::get().writes(7))
	}
	/// Storage: `Inference::Models` (r:2 w:2)
	/// Proof: `Inference::Models` (`max_values`: None, `max_size`: Some(281), added: 2756, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Pools` (r:1 w:0)
	/// Proof: `Inference::Pools` (`max_values`: None, `max_size`: Some(9790), added: 12265, mode: `MaxEncodedLen`)
	/// Storage: `Inference::NextTaskId` (r:1 w:1)
	/// Proof: `Inference::NextTaskId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Queue` (r:1 w:1)
	/// Proof: `Inference::Queue` (`max_values`: Some(1), `max_size`: Some(81922), added: 82417, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:3 w:3)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:2 w:2)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Tasks` (r:1 w:2)
	/// Proof: `Inference::Tasks` (`max_values`: None, `max_size`: Some(8839), added: 11314, mode: `MaxEncodedLen`)
	/// Storage: `Inference::DeadlineLogs` (r:1 w:0)
	/// Proof: `Inference::DeadlineLogs` (`max_values`: None, `max_size`: Some(17), added: 2492, mode: `MaxEncodedLen`)
	/// Storage: `Inference::DeadlinePages` (r:1 w:1)
	/// Proof: `Inference::DeadlinePages` (`max_values`: None, `max_size`: Some(791), added: 3266, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Inputs` (r:0 w:1)
	/// Proof: `Inference::Inputs` (`max_values`: None, `max_size`: Some(65556), added: 68031, mode: `MaxEncodedLen`)
	/// The range of component `i` is `[1, 65536]`.
	fn create_task_evicting(_i: u32, ) -> Weight {
		// Proof size: measured `87311`, estimated `83407`.
		// Minimum execution time: 552_849_000 picoseconds.
		Weight::from_parts(668_769_987, 83407)
			.saturating_add(T::DbWeight::get().reads(13))
			.saturating_add(T::DbWeight::get().writes(13))
	}
	/// Storage: `Inference::Tasks` (r:1 w:1)
	/// Proof: `Inference::Tasks` (`max_values`: None, `max_size`: Some(8839), added: 11314, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Queue` (r:1 w:1)
	/// Proof: `Inference::Queue` (`max_values`: Some(1), `max_size`: Some(81922), added: 82417, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Models` (r:1 w:1)
	/// Proof: `Inference::Models` (`max_values`: None, `max_size`: Some(281), added: 2756, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Inference::DeadlineLogs` (r:1 w:0)
	/// Proof: `Inference::DeadlineLogs` (`max_values`: None, `max_size`: Some(17), added: 2492, mode: `MaxEncodedLen`)
	/// Storage: `Inference::DeadlinePages` (r:1 w:1)
	/// Proof: `Inference::DeadlinePages` (`max_values`: None, `max_size`: Some(791), added: 3266, mode: `MaxEncodedLen`)
	fn cancel_task() -> Weight {
		// Proof size: measured `86035`, estimated `83407`.
		// Minimum execution time: 351_089_000 picoseconds.
		Weight::from_parts(361_858_000, 83407)
			.saturating_add(T::DbWeight::get().reads(8))
			.saturating_add(T::DbWeight::get().writes(7))
	}
	/// Storage: `Inference::Models` (r:1 w:1)
	/// Proof: `Inference::Models` (`max_values`: None, `max_size`: Some(281), added: 2756, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Pools` (r:1 w:0)
	/// Proof: `Inference::Pools` (`max_values`: None, `max_size`: Some(9790), added: 12265, mode: `MaxEncodedLen`)
	/// Storage: `Inference::NextTaskId` (r:1 w:1)
	/// Proof: `Inference::NextTaskId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Queue` (r:1 w:1)
	/// Proof: `Inference::Queue` (`max_values`: Some(1), `max_size`: Some(81922), added: 82417, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Inputs` (r:0 w:1)
	/// Proof: `Inference::Inputs` (`max_values`: None, `max_size`: Some(65556), added: 68031, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Tasks` (r:0 w:1)
	/// Proof: `Inference::Tasks` (`max_values`: None, `max_size`: Some(8839), added: 11314, mode: `MaxEncodedLen`)
	/// The range of component `i` is `[1, 65536]`.
	fn create_sampled_task(i: u32, ) -> Weight {
		// Proof size: measured `84120`, estimated `83407`.
		// Minimum execution time: 379_562_000 picoseconds.
		Weight::from_parts(411_732_722, 83407)
			.saturating_add(Weight::from_parts(1_140, 0).saturating_mul(i.into()))
			.saturating_add(T::DbWeight::get().reads(6))
			.saturating_add(T::DbWeight::get().writes(7))
	}
	/// Storage: `Inference::Tasks` (r:1 w:1)
	/// Proof: `Inference::Tasks` (`max_values`: None, `max_size`: Some(8839), added: 11314, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Nodes` (r:1 w:1)
	/// Proof: `Inference::Nodes` (`max_values`: None, `max_size`: Some(395), added: 2870, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Pools` (r:1 w:1)
	/// Proof: `Inference::Pools` (`max_values`: None, `max_size`: Some(9790), added: 12265, mode: `MaxEncodedLen`)
	/// Storage: `Inference::PoolBuckets` (r:1 w:1)
	/// Proof: `Inference::PoolBuckets` (`max_values`: None, `max_size`: Some(7486), added: 9961, mode: `MaxEncodedLen`)
	/// Storage: `Inference::DeadlineLogs` (r:1 w:0)
	/// Proof: `Inference::DeadlineLogs` (`max_values`: None, `max_size`: Some(17), added: 2492, mode: `MaxEncodedLen`)
	/// Storage: `Inference::DeadlinePages` (r:1 w:1)
	/// Proof: `Inference::DeadlinePages` (`max_values`: None, `max_size`: Some(791), added: 3266, mode: `MaxEncodedLen`)
	fn commit() -> Weight {
		// Proof size: measured `18571`, estimated `13255`.
		// Minimum execution time: 85_594_000 picoseconds.
		Weight::from_parts(92_678_000, 13255)
			.saturating_add(T::DbWeight::get().reads(6))
			.saturating_add(T::DbWeight::get().writes(5))
	}
	/// Storage: `Inference::Tasks` (r:1 w:1)
	/// Proof: `Inference::Tasks` (`max_values`: None, `max_size`: Some(8839), added: 11314, mode: `MaxEncodedLen`)
	fn reveal() -> Weight {
		// Proof size: measured `6089`, estimated `12304`.
		// Minimum execution time: 44_668_000 picoseconds.
		Weight::from_parts(84_516_000, 12304)
			.saturating_add(T::DbWeight::get().reads(1))
			.saturating_add(T::DbWeight::get().writes(1))
	}
	/// Storage: `Inference::Tasks` (r:1 w:1)
	/// Proof: `Inference::Tasks` (`max_values`: None, `max_size`: Some(8839), added: 11314, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Models` (r:1 w:1)
	/// Proof: `Inference::Models` (`max_values`: None, `max_size`: Some(281), added: 2756, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:4 w:4)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:9 w:9)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Nodes` (r:7 w:7)
	/// Proof: `Inference::Nodes` (`max_values`: None, `max_size`: Some(395), added: 2870, mode: `MaxEncodedLen`)
	/// Storage: `Inference::NodeTasks` (r:7 w:7)
	/// Proof: `Inference::NodeTasks` (`max_values`: None, `max_size`: Some(562), added: 3037, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Pools` (r:1 w:1)
	/// Proof: `Inference::Pools` (`max_values`: None, `max_size`: Some(9790), added: 12265, mode: `MaxEncodedLen`)
	/// Storage: `Inference::PoolBuckets` (r:1 w:1)
	/// Proof: `Inference::PoolBuckets` (`max_values`: None, `max_size`: Some(7486), added: 9961, mode: `MaxEncodedLen`)
	/// Storage: `Inference::DeadlineLogs` (r:1 w:0)
	/// Proof: `Inference::DeadlineLogs` (`max_values`: None, `max_size`: Some(17), added: 2492, mode: `MaxEncodedLen`)
	/// Storage: `Inference::DeadlinePages` (r:1 w:1)
	/// Proof: `Inference::DeadlinePages` (`max_values`: None, `max_size`: Some(791), added: 3266, mode: `MaxEncodedLen`)
	/// The range of component `r` is `[1, 7]`.
	fn reveal_and_settle(r: u32, ) -> Weight {
		// Proof size: measured `3039`, estimated `13255`.
		// Minimum execution time: 153_811_000 picoseconds.
		Weight::from_parts(82_817_994, 13255)
			.saturating_add(Weight::from_parts(114_859_000, 0).saturating_mul(r.into()))
			.saturating_add(T::DbWeight::get().reads(5))
			.saturating_add(T::DbWeight::get().reads((4_u64).saturating_mul(r.into())))
			.saturating_add(T::DbWeight::get().writes(4))
			.saturating_add(T::DbWeight::get().writes((4_u64).saturating_mul(r.into())))
			.saturating_add(Weight::from_parts(0, 3088).saturating_mul(r.into()))
	}
	/// Storage: `Inference::Pools` (r:8 w:8)
	/// Proof: `Inference::Pools` (`max_values`: None, `max_size`: Some(9790), added: 12265, mode: `MaxEncodedLen`)
	/// Storage: `Inference::PoolBuckets` (r:8 w:8)
	/// Proof: `Inference::PoolBuckets` (`max_values`: None, `max_size`: Some(7486), added: 9961, mode: `MaxEncodedLen`)
	/// The range of component `n` is `[1, 8]`.
	fn update_pools(n: u32, ) -> Weight {
		// Proof size: measured `17301`, estimated `990`.
		// Minimum execution time: 32_842_000 picoseconds.
		Weight::from_parts(16_798_461, 990)
			.saturating_add(Weight::from_parts(38_610_838, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 12265).saturating_mul(n.into()))
	}
	/// Storage: `Inference::DeadlineLogs` (r:4 w:0)
	/// Proof: `Inference::DeadlineLogs` (`max_values`: None, `max_size`: Some(17), added: 2492, mode: `MaxEncodedLen`)
	/// Storage: `Inference::DeadlinePages` (r:4 w:4)
	/// Proof: `Inference::DeadlinePages` (`max_values`: None, `max_size`: Some(791), added: 3266, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Queue` (r:1 w:0)
	/// Proof: `Inference::Queue` (`max_values`: Some(1), `max_size`: Some(81922), added: 82417, mode: `MaxEncodedLen`)
	fn on_initialize_base() -> Weight {
		// Proof size: measured `118`, estimated `83407`.
		// Minimum execution time: 48_510_000 picoseconds.
		Weight::from_parts(93_086_000, 83407)
			.saturating_add(T::DbWeight::get().reads(9))
			.saturating_add(T::DbWeight::get().writes(4))
	}
	/// Storage: `Inference::Queue` (r:1 w:0)
	/// Proof: `Inference::Queue` (`max_values`: Some(1), `max_size`: Some(81922), added: 82417, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Pools` (r:1 w:0)
	/// Proof: `Inference::Pools` (`max_values`: None, `max_size`: Some(9790), added: 12265, mode: `MaxEncodedLen`)
	/// The range of component `q` is `[0, 1024]`.
	fn queue_scan(q: u32, ) -> Weight {
		// Proof size: measured `145`, estimated `83407`.
		// Minimum execution time: 5_306_000 picoseconds.
		Weight::from_parts(7_974_129, 83407)
			.saturating_add(Weight::from_parts(65_592, 0).saturating_mul(q.into()))
			.saturating_add(T::DbWeight::get().reads(2))
	}
	/// Storage: `Inference::Queue` (r:1 w:1)
	/// Proof: `Inference::Queue` (`max_values`: Some(1), `max_size`: Some(81922), added: 82417, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Pools` (r:1 w:1)
	/// Proof: `Inference::Pools` (`max_values`: None, `max_size`: Some(9790), added: 12265, mode: `MaxEncodedLen`)
	/// Storage: `Inference::PoolBuckets` (r:7 w:7)
	/// Proof: `Inference::PoolBuckets` (`max_values`: None, `max_size`: Some(7486), added: 9961, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Tasks` (r:1 w:1)
	/// Proof: `Inference::Tasks` (`max_values`: None, `max_size`: Some(8839), added: 11314, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Nodes` (r:7 w:7)
	/// Proof: `Inference::Nodes` (`max_values`: None, `max_size`: Some(395), added: 2870, mode: `MaxEncodedLen`)
	/// Storage: `Inference::NodeTasks` (r:7 w:7)
	/// Proof: `Inference::NodeTasks` (`max_values`: None, `max_size`: Some(562), added: 3037, mode: `MaxEncodedLen`)
	/// Storage: `Inference::DeadlineLogs` (r:1 w:0)
	/// Proof: `Inference::DeadlineLogs` (`max_values`: None, `max_size`: Some(17), added: 2492, mode: `MaxEncodedLen`)
	/// Storage: `Inference::DeadlinePages` (r:1 w:1)
	/// Proof: `Inference::DeadlinePages` (`max_values`: None, `max_size`: Some(791), added: 3266, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Models` (r:1 w:1)
	/// Proof: `Inference::Models` (`max_values`: None, `max_size`: Some(281), added: 2756, mode: `MaxEncodedLen`)
	/// The range of component `r` is `[1, 7]`.
	/// The range of component `n` is `[7, 16384]`.
	fn assign_task(r: u32, n: u32, ) -> Weight {
		// Proof size: measured `0`, estimated `83407`.
		// Minimum execution time: 243_053_000 picoseconds.
		Weight::from_parts(245_765_000, 83407)
			.saturating_add(Weight::from_parts(82_859_085, 0).saturating_mul(r.into()))
			.saturating_add(Weight::from_parts(7_405, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(3))
			.saturating_add(T::DbWeight::get().reads((3_u64).saturating_mul(r.into())))
			.saturating_add(T::DbWeight::get().writes(2))
			.saturating_add(T::DbWeight::get().writes((3_u64).saturating_mul(r.into())))
			.saturating_add(Weight::from_parts(0, 6818).saturating_mul(r.into()))
	}
	/// Storage: `Inference::Tasks` (r:1 w:1)
	/// Proof: `Inference::Tasks` (`max_values`: None, `max_size`: Some(8839), added: 11314, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Models` (r:1 w:1)
	/// Proof: `Inference::Models` (`max_values`: None, `max_size`: Some(281), added: 2756, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Pools` (r:1 w:0)
	/// Proof: `Inference::Pools` (`max_values`: None, `max_size`: Some(9790), added: 12265, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	/// Storage: `Inference::DeadlineLogs` (r:1 w:0)
	/// Proof: `Inference::DeadlineLogs` (`max_values`: None, `max_size`: Some(17), added: 2492, mode: `MaxEncodedLen`)
	/// Storage: `Inference::DeadlinePages` (r:1 w:1)
	/// Proof: `Inference::DeadlinePages` (`max_values`: None, `max_size`: Some(791), added: 3266, mode: `MaxEncodedLen`)
	fn queue_timeout() -> Weight {
		// Proof size: measured `10947`, estimated `13255`.
		// Minimum execution time: 115_946_000 picoseconds.
		Weight::from_parts(127_560_000, 13255)
			.saturating_add(T::DbWeight::get().reads(7))
			.saturating_add(T::DbWeight::get().writes(5))
	}
	/// Storage: `Inference::DeadlineLogs` (r:2 w:0)
	/// Proof: `Inference::DeadlineLogs` (`max_values`: None, `max_size`: Some(17), added: 2492, mode: `MaxEncodedLen`)
	/// Storage: `Inference::DeadlinePages` (r:2 w:2)
	/// Proof: `Inference::DeadlinePages` (`max_values`: None, `max_size`: Some(791), added: 3266, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Tasks` (r:1 w:1)
	/// Proof: `Inference::Tasks` (`max_values`: None, `max_size`: Some(8839), added: 11314, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Nodes` (r:7 w:7)
	/// Proof: `Inference::Nodes` (`max_values`: None, `max_size`: Some(395), added: 2870, mode: `MaxEncodedLen`)
	/// Storage: `Inference::NodeTasks` (r:7 w:7)
	/// Proof: `Inference::NodeTasks` (`max_values`: None, `max_size`: Some(562), added: 3037, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Pools` (r:1 w:1)
	/// Proof: `Inference::Pools` (`max_values`: None, `max_size`: Some(9790), added: 12265, mode: `MaxEncodedLen`)
	/// Storage: `Inference::PoolBuckets` (r:1 w:1)
	/// Proof: `Inference::PoolBuckets` (`max_values`: None, `max_size`: Some(7486), added: 9961, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Models` (r:1 w:1)
	/// Proof: `Inference::Models` (`max_values`: None, `max_size`: Some(281), added: 2756, mode: `MaxEncodedLen`)
	/// The range of component `r` is `[1, 7]`.
	fn commit_deadline(r: u32, ) -> Weight {
		// Proof size: measured `18343`, estimated `13255`.
		// Minimum execution time: 168_532_000 picoseconds.
		Weight::from_parts(162_151_247, 13255)
			.saturating_add(Weight::from_parts(44_367_345, 0).saturating_mul(r.into()))
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
	/// Proof: `Inference::Tasks` (`max_values`: None, `max_size`: Some(8839), added: 11314, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Models` (r:1 w:1)
	/// Proof: `Inference::Models` (`max_values`: None, `max_size`: Some(281), added: 2756, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:4 w:4)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:9 w:9)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Nodes` (r:7 w:7)
	/// Proof: `Inference::Nodes` (`max_values`: None, `max_size`: Some(395), added: 2870, mode: `MaxEncodedLen`)
	/// Storage: `Inference::NodeTasks` (r:7 w:7)
	/// Proof: `Inference::NodeTasks` (`max_values`: None, `max_size`: Some(562), added: 3037, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Pools` (r:1 w:1)
	/// Proof: `Inference::Pools` (`max_values`: None, `max_size`: Some(9790), added: 12265, mode: `MaxEncodedLen`)
	/// Storage: `Inference::PoolBuckets` (r:1 w:1)
	/// Proof: `Inference::PoolBuckets` (`max_values`: None, `max_size`: Some(7486), added: 9961, mode: `MaxEncodedLen`)
	/// The range of component `r` is `[1, 7]`.
	fn reveal_deadline(r: u32, ) -> Weight {
		// Proof size: measured `17540`, estimated `13255`.
		// Minimum execution time: 225_956_000 picoseconds.
		Weight::from_parts(140_009_544, 13255)
			.saturating_add(Weight::from_parts(104_964_346, 0).saturating_mul(r.into()))
			.saturating_add(T::DbWeight::get().reads(11))
			.saturating_add(T::DbWeight::get().reads((3_u64).saturating_mul(r.into())))
			.saturating_add(T::DbWeight::get().writes(9))
			.saturating_add(T::DbWeight::get().writes((3_u64).saturating_mul(r.into())))
			.saturating_add(Weight::from_parts(0, 3037).saturating_mul(r.into()))
	}
	/// Storage: `Inference::DeadlineLogs` (r:1 w:0)
	/// Proof: `Inference::DeadlineLogs` (`max_values`: None, `max_size`: Some(17), added: 2492, mode: `MaxEncodedLen`)
	/// Storage: `Inference::DeadlinePages` (r:1 w:1)
	/// Proof: `Inference::DeadlinePages` (`max_values`: None, `max_size`: Some(791), added: 3266, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Tasks` (r:1 w:1)
	/// Proof: `Inference::Tasks` (`max_values`: None, `max_size`: Some(8839), added: 11314, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Inputs` (r:0 w:1)
	/// Proof: `Inference::Inputs` (`max_values`: None, `max_size`: Some(65556), added: 68031, mode: `MaxEncodedLen`)
	fn prune() -> Weight {
		// Proof size: measured `952`, estimated `12304`.
		// Minimum execution time: 96_080_000 picoseconds.
		Weight::from_parts(156_192_000, 12304)
			.saturating_add(T::DbWeight::get().reads(5))
			.saturating_add(T::DbWeight::get().writes(5))
	}
	/// Storage: `Inference::DeadlineLogs` (r:1 w:0)
	/// Proof: `Inference::DeadlineLogs` (`max_values`: None, `max_size`: Some(17), added: 2492, mode: `MaxEncodedLen`)
	/// Storage: `Inference::DeadlinePages` (r:1 w:1)
	/// Proof: `Inference::DeadlinePages` (`max_values`: None, `max_size`: Some(791), added: 3266, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Tasks` (r:1 w:0)
	/// Proof: `Inference::Tasks` (`max_values`: None, `max_size`: Some(8839), added: 11314, mode: `MaxEncodedLen`)
	fn deadline_stale() -> Weight {
		// Proof size: measured `622`, estimated `12304`.
		// Minimum execution time: 27_473_000 picoseconds.
		Weight::from_parts(50_116_000, 12304)
			.saturating_add(T::DbWeight::get().reads(3))
			.saturating_add(T::DbWeight::get().writes(1))
	}
	/// Storage: `Inference::DeadlineLogs` (r:2 w:0)
	/// Proof: `Inference::DeadlineLogs` (`max_values`: None, `max_size`: Some(17), added: 2492, mode: `MaxEncodedLen`)
	/// Storage: `Inference::DeadlinePages` (r:2 w:2)
	/// Proof: `Inference::DeadlinePages` (`max_values`: None, `max_size`: Some(791), added: 3266, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Tasks` (r:1 w:1)
	/// Proof: `Inference::Tasks` (`max_values`: None, `max_size`: Some(8839), added: 11314, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Pools` (r:1 w:1)
	/// Proof: `Inference::Pools` (`max_values`: None, `max_size`: Some(9790), added: 12265, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Nodes` (r:3 w:2)
	/// Proof: `Inference::Nodes` (`max_values`: None, `max_size`: Some(395), added: 2870, mode: `MaxEncodedLen`)
	/// Storage: `Inference::PoolBuckets` (r:3 w:2)
	/// Proof: `Inference::PoolBuckets` (`max_values`: None, `max_size`: Some(7486), added: 9961, mode: `MaxEncodedLen`)
	/// Storage: `Inference::NodeTasks` (r:2 w:2)
	/// Proof: `Inference::NodeTasks` (`max_values`: None, `max_size`: Some(562), added: 3037, mode: `MaxEncodedLen`)
	fn decide_sample() -> Weight {
		// Proof size: measured `38149`, estimated `30873`.
		// Minimum execution time: 383_074_000 picoseconds.
		Weight::from_parts(578_790_000, 30873)
			.saturating_add(T::DbWeight::get().reads(14))
			.saturating_add(T::DbWeight::get().writes(10))
	}
	/// Storage: `Inference::DeadlineLogs` (r:1 w:0)
	/// Proof: `Inference::DeadlineLogs` (`max_values`: None, `max_size`: Some(17), added: 2492, mode: `MaxEncodedLen`)
	/// Storage: `Inference::DeadlinePages` (r:1 w:1)
	/// Proof: `Inference::DeadlinePages` (`max_values`: None, `max_size`: Some(791), added: 3266, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Tasks` (r:1 w:1)
	/// Proof: `Inference::Tasks` (`max_values`: None, `max_size`: Some(8839), added: 11314, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Pools` (r:1 w:0)
	/// Proof: `Inference::Pools` (`max_values`: None, `max_size`: Some(9790), added: 12265, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Nodes` (r:7 w:0)
	/// Proof: `Inference::Nodes` (`max_values`: None, `max_size`: Some(395), added: 2870, mode: `MaxEncodedLen`)
	/// Storage: `Inference::PoolBuckets` (r:1 w:0)
	/// Proof: `Inference::PoolBuckets` (`max_values`: None, `max_size`: Some(7486), added: 9961, mode: `MaxEncodedLen`)
	fn sample_retry() -> Weight {
		// Proof size: measured `18624`, estimated `21080`.
		// Minimum execution time: 142_468_000 picoseconds.
		Weight::from_parts(255_278_000, 21080)
			.saturating_add(T::DbWeight::get().reads(12))
			.saturating_add(T::DbWeight::get().writes(2))
	}
	/// Storage: `Inference::DeadlineLogs` (r:2 w:0)
	/// Proof: `Inference::DeadlineLogs` (`max_values`: None, `max_size`: Some(17), added: 2492, mode: `MaxEncodedLen`)
	/// Storage: `Inference::DeadlinePages` (r:2 w:2)
	/// Proof: `Inference::DeadlinePages` (`max_values`: None, `max_size`: Some(791), added: 3266, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Tasks` (r:1 w:1)
	/// Proof: `Inference::Tasks` (`max_values`: None, `max_size`: Some(8839), added: 11314, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Pools` (r:1 w:0)
	/// Proof: `Inference::Pools` (`max_values`: None, `max_size`: Some(9790), added: 12265, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Nodes` (r:7 w:1)
	/// Proof: `Inference::Nodes` (`max_values`: None, `max_size`: Some(395), added: 2870, mode: `MaxEncodedLen`)
	/// Storage: `Inference::PoolBuckets` (r:1 w:0)
	/// Proof: `Inference::PoolBuckets` (`max_values`: None, `max_size`: Some(7486), added: 9961, mode: `MaxEncodedLen`)
	/// Storage: `Inference::NodeTasks` (r:1 w:1)
	/// Proof: `Inference::NodeTasks` (`max_values`: None, `max_size`: Some(562), added: 3037, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	/// Storage: `Inference::Models` (r:1 w:1)
	/// Proof: `Inference::Models` (`max_values`: None, `max_size`: Some(281), added: 2756, mode: `MaxEncodedLen`)
	fn no_checkers() -> Weight {
		// Proof size: measured `19400`, estimated `21080`.
		// Minimum execution time: 221_844_000 picoseconds.
		Weight::from_parts(233_856_000, 21080)
			.saturating_add(T::DbWeight::get().reads(18))
			.saturating_add(T::DbWeight::get().writes(8))
	}
}

/// The same measurements with RocksDB's database weights, for tests and mocks.
impl WeightInfo for () {
	fn register_model() -> Weight {
		Weight::from_parts(143_228_000, 3746)
			.saturating_add(RocksDbWeight::get().reads(3))
			.saturating_add(RocksDbWeight::get().writes(3))
	}
	fn remove_model() -> Weight {
		Weight::from_parts(87_210_000, 13255)
			.saturating_add(RocksDbWeight::get().reads(4))
			.saturating_add(RocksDbWeight::get().writes(3))
	}
	fn join(m: u32, ) -> Weight {
		Weight::from_parts(102_197_163, 6730)
			.saturating_add(Weight::from_parts(42_737_785, 0).saturating_mul(m.into()))
			.saturating_add(RocksDbWeight::get().reads(6))
			.saturating_add(RocksDbWeight::get().reads((3_u64).saturating_mul(m.into())))
			.saturating_add(RocksDbWeight::get().writes(5))
			.saturating_add(RocksDbWeight::get().writes((2_u64).saturating_mul(m.into())))
			.saturating_add(Weight::from_parts(0, 12265).saturating_mul(m.into()))
	}
	fn update_node(o: u32, n: u32, ) -> Weight {
		Weight::from_parts(28_848_913, 6730)
			.saturating_add(Weight::from_parts(29_426_814, 0).saturating_mul(o.into()))
			.saturating_add(Weight::from_parts(44_993_270, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(2))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(o.into())))
			.saturating_add(RocksDbWeight::get().reads((3_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(2))
			.saturating_add(RocksDbWeight::get().writes((2_u64).saturating_mul(o.into())))
			.saturating_add(RocksDbWeight::get().writes((2_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 12265).saturating_mul(n.into()))
			.saturating_add(Weight::from_parts(0, 12265).saturating_mul(o.into()))
	}
	fn add_stake(m: u32, ) -> Weight {
		Weight::from_parts(91_895_279, 3860)
			.saturating_add(Weight::from_parts(27_910_042, 0).saturating_mul(m.into()))
			.saturating_add(RocksDbWeight::get().reads(3))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(m.into())))
			.saturating_add(RocksDbWeight::get().writes(3))
			.saturating_add(RocksDbWeight::get().writes((2_u64).saturating_mul(m.into())))
			.saturating_add(Weight::from_parts(0, 12265).saturating_mul(m.into()))
	}
	fn pause(m: u32, ) -> Weight {
		Weight::from_parts(28_988_522, 3860)
			.saturating_add(Weight::from_parts(27_776_169, 0).saturating_mul(m.into()))
			.saturating_add(RocksDbWeight::get().reads(1))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(m.into())))
			.saturating_add(RocksDbWeight::get().writes(1))
			.saturating_add(RocksDbWeight::get().writes((2_u64).saturating_mul(m.into())))
			.saturating_add(Weight::from_parts(0, 12265).saturating_mul(m.into()))
	}
	fn resume(m: u32, ) -> Weight {
		Weight::from_parts(33_859_213, 3860)
			.saturating_add(Weight::from_parts(28_127_468, 0).saturating_mul(m.into()))
			.saturating_add(RocksDbWeight::get().reads(1))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(m.into())))
			.saturating_add(RocksDbWeight::get().writes(1))
			.saturating_add(RocksDbWeight::get().writes((2_u64).saturating_mul(m.into())))
			.saturating_add(Weight::from_parts(0, 12265).saturating_mul(m.into()))
	}
	fn leave(m: u32, ) -> Weight {
		Weight::from_parts(92_753_819, 4027)
			.saturating_add(Weight::from_parts(28_691_578, 0).saturating_mul(m.into()))
			.saturating_add(RocksDbWeight::get().reads(5))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(m.into())))
			.saturating_add(RocksDbWeight::get().writes(6))
			.saturating_add(RocksDbWeight::get().writes((2_u64).saturating_mul(m.into())))
			.saturating_add(Weight::from_parts(0, 12265).saturating_mul(m.into()))
	}
	fn forget_reputation() -> Weight {
		Weight::from_parts(23_300_000, 3525)
			.saturating_add(RocksDbWeight::get().reads(1))
			.saturating_add(RocksDbWeight::get().writes(1))
	}
	fn create_task(i: u32, ) -> Weight {
		Weight::from_parts(373_814_077, 83407)
			.saturating_add(Weight::from_parts(1_588, 0).saturating_mul(i.into()))
			.saturating_add(RocksDbWeight::get().reads(6))
			.saturating_add(RocksDbWeight::get().writes(7))
	}
	fn create_task_evicting(_i: u32, ) -> Weight {
		Weight::from_parts(668_769_987, 83407)
			.saturating_add(RocksDbWeight::get().reads(13))
			.saturating_add(RocksDbWeight::get().writes(13))
	}
	fn cancel_task() -> Weight {
		Weight::from_parts(361_858_000, 83407)
			.saturating_add(RocksDbWeight::get().reads(8))
			.saturating_add(RocksDbWeight::get().writes(7))
	}
	fn create_sampled_task(i: u32, ) -> Weight {
		Weight::from_parts(411_732_722, 83407)
			.saturating_add(Weight::from_parts(1_140, 0).saturating_mul(i.into()))
			.saturating_add(RocksDbWeight::get().reads(6))
			.saturating_add(RocksDbWeight::get().writes(7))
	}
	fn commit() -> Weight {
		Weight::from_parts(92_678_000, 13255)
			.saturating_add(RocksDbWeight::get().reads(6))
			.saturating_add(RocksDbWeight::get().writes(5))
	}
	fn reveal() -> Weight {
		Weight::from_parts(84_516_000, 12304)
			.saturating_add(RocksDbWeight::get().reads(1))
			.saturating_add(RocksDbWeight::get().writes(1))
	}
	fn reveal_and_settle(r: u32, ) -> Weight {
		Weight::from_parts(82_817_994, 13255)
			.saturating_add(Weight::from_parts(114_859_000, 0).saturating_mul(r.into()))
			.saturating_add(RocksDbWeight::get().reads(5))
			.saturating_add(RocksDbWeight::get().reads((4_u64).saturating_mul(r.into())))
			.saturating_add(RocksDbWeight::get().writes(4))
			.saturating_add(RocksDbWeight::get().writes((4_u64).saturating_mul(r.into())))
			.saturating_add(Weight::from_parts(0, 3088).saturating_mul(r.into()))
	}
	fn update_pools(n: u32, ) -> Weight {
		Weight::from_parts(16_798_461, 990)
			.saturating_add(Weight::from_parts(38_610_838, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes((2_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 12265).saturating_mul(n.into()))
	}
	fn on_initialize_base() -> Weight {
		Weight::from_parts(93_086_000, 83407)
			.saturating_add(RocksDbWeight::get().reads(9))
			.saturating_add(RocksDbWeight::get().writes(4))
	}
	fn queue_scan(q: u32, ) -> Weight {
		Weight::from_parts(7_974_129, 83407)
			.saturating_add(Weight::from_parts(65_592, 0).saturating_mul(q.into()))
			.saturating_add(RocksDbWeight::get().reads(2))
	}
	fn assign_task(r: u32, n: u32, ) -> Weight {
		Weight::from_parts(245_765_000, 83407)
			.saturating_add(Weight::from_parts(82_859_085, 0).saturating_mul(r.into()))
			.saturating_add(Weight::from_parts(7_405, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(3))
			.saturating_add(RocksDbWeight::get().reads((3_u64).saturating_mul(r.into())))
			.saturating_add(RocksDbWeight::get().writes(2))
			.saturating_add(RocksDbWeight::get().writes((3_u64).saturating_mul(r.into())))
			.saturating_add(Weight::from_parts(0, 6818).saturating_mul(r.into()))
	}
	fn queue_timeout() -> Weight {
		Weight::from_parts(127_560_000, 13255)
			.saturating_add(RocksDbWeight::get().reads(7))
			.saturating_add(RocksDbWeight::get().writes(5))
	}
	fn commit_deadline(r: u32, ) -> Weight {
		Weight::from_parts(162_151_247, 13255)
			.saturating_add(Weight::from_parts(44_367_345, 0).saturating_mul(r.into()))
			.saturating_add(RocksDbWeight::get().reads(10))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(r.into())))
			.saturating_add(RocksDbWeight::get().writes(8))
			.saturating_add(RocksDbWeight::get().writes((2_u64).saturating_mul(r.into())))
			.saturating_add(Weight::from_parts(0, 3037).saturating_mul(r.into()))
	}
	fn reveal_deadline(r: u32, ) -> Weight {
		Weight::from_parts(140_009_544, 13255)
			.saturating_add(Weight::from_parts(104_964_346, 0).saturating_mul(r.into()))
			.saturating_add(RocksDbWeight::get().reads(11))
			.saturating_add(RocksDbWeight::get().reads((3_u64).saturating_mul(r.into())))
			.saturating_add(RocksDbWeight::get().writes(9))
			.saturating_add(RocksDbWeight::get().writes((3_u64).saturating_mul(r.into())))
			.saturating_add(Weight::from_parts(0, 3037).saturating_mul(r.into()))
	}
	fn prune() -> Weight {
		Weight::from_parts(156_192_000, 12304)
			.saturating_add(RocksDbWeight::get().reads(5))
			.saturating_add(RocksDbWeight::get().writes(5))
	}
	fn deadline_stale() -> Weight {
		Weight::from_parts(50_116_000, 12304)
			.saturating_add(RocksDbWeight::get().reads(3))
			.saturating_add(RocksDbWeight::get().writes(1))
	}
	fn decide_sample() -> Weight {
		Weight::from_parts(578_790_000, 30873)
			.saturating_add(RocksDbWeight::get().reads(14))
			.saturating_add(RocksDbWeight::get().writes(10))
	}
	fn sample_retry() -> Weight {
		Weight::from_parts(255_278_000, 21080)
			.saturating_add(RocksDbWeight::get().reads(12))
			.saturating_add(RocksDbWeight::get().writes(2))
	}
	fn no_checkers() -> Weight {
		Weight::from_parts(233_856_000, 21080)
			.saturating_add(RocksDbWeight::get().reads(18))
			.saturating_add(RocksDbWeight::get().writes(8))
	}
}
