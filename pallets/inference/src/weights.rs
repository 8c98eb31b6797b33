//! Weights of the inference pallet.
//!
//! PROVISIONAL: hand-set until `scripts/benchmark-pallet.sh` regenerates this file with
//! `deai-node benchmark pallet` on the reference machine.

#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::{constants::RocksDbWeight, Weight}};

/// Weight functions of the inference pallet.
pub trait WeightInfo {
	fn register_model() -> Weight;
	fn remove_model() -> Weight;
	fn join(m: u32) -> Weight;
	fn update_node(m: u32) -> Weight;
	fn add_stake() -> Weight;
	fn pause() -> Weight;
	fn resume() -> Weight;
	fn leave(m: u32) -> Weight;
	fn create_task(i: u32) -> Weight;
	fn cancel_task() -> Weight;
	fn commit() -> Weight;
	fn reveal() -> Weight;
	fn reveal_and_settle(r: u32) -> Weight;
	fn on_initialize_base() -> Weight;
	fn process_deadlines(n: u32) -> Weight;
	fn assign_task(m: u32) -> Weight;
}

/// Weights for the pallet in a runtime.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn register_model() -> Weight { <()>::register_model() }
	fn remove_model() -> Weight { <()>::remove_model() }
	fn join(m: u32) -> Weight { <()>::join(m) }
	fn update_node(m: u32) -> Weight { <()>::update_node(m) }
	fn add_stake() -> Weight { <()>::add_stake() }
	fn pause() -> Weight { <()>::pause() }
	fn resume() -> Weight { <()>::resume() }
	fn leave(m: u32) -> Weight { <()>::leave(m) }
	fn create_task(i: u32) -> Weight { <()>::create_task(i) }
	fn cancel_task() -> Weight { <()>::cancel_task() }
	fn commit() -> Weight { <()>::commit() }
	fn reveal() -> Weight { <()>::reveal() }
	fn reveal_and_settle(r: u32) -> Weight { <()>::reveal_and_settle(r) }
	fn on_initialize_base() -> Weight { <()>::on_initialize_base() }
	fn process_deadlines(n: u32) -> Weight { <()>::process_deadlines(n) }
	fn assign_task(m: u32) -> Weight { <()>::assign_task(m) }
}

fn w(ref_time: u64, reads: u64, writes: u64) -> Weight {
	Weight::from_parts(ref_time, 4_000).saturating_add(RocksDbWeight::get().reads_writes(reads, writes))
}

impl WeightInfo for () {
	fn register_model() -> Weight { w(40_000_000, 2, 2) }
	fn remove_model() -> Weight { w(40_000_000, 3, 3) }
	fn join(m: u32) -> Weight { w(50_000_000, 3, 3).saturating_add(w(5_000_000, 2, 1).saturating_mul(m.into())) }
	fn update_node(m: u32) -> Weight { w(40_000_000, 1, 1).saturating_add(w(10_000_000, 3, 2).saturating_mul(m.into())) }
	fn add_stake() -> Weight { w(40_000_000, 2, 2) }
	fn pause() -> Weight { w(20_000_000, 1, 1) }
	fn resume() -> Weight { w(20_000_000, 1, 1) }
	fn leave(m: u32) -> Weight { w(50_000_000, 4, 4).saturating_add(w(5_000_000, 1, 1).saturating_mul(m.into())) }
	fn create_task(i: u32) -> Weight { w(80_000_000, 7, 7).saturating_add(w(2_000, 0, 0).saturating_mul(i.into())) }
	fn cancel_task() -> Weight { w(60_000_000, 6, 6) }
	fn commit() -> Weight { w(40_000_000, 3, 3) }
	fn reveal() -> Weight { w(60_000_000, 1, 1) }
	fn reveal_and_settle(r: u32) -> Weight { w(80_000_000, 6, 6).saturating_add(w(60_000_000, 6, 6).saturating_mul(r.into())) }
	fn on_initialize_base() -> Weight { w(5_000_000, 2, 1) }
	fn process_deadlines(n: u32) -> Weight { w(5_000_000, 1, 1).saturating_add(w(400_000_000, 40, 40).saturating_mul(n.into())) }
	fn assign_task(m: u32) -> Weight { w(50_000_000, 4, 4).saturating_add(w(5_000_000, 2, 0).saturating_mul(m.into())) }
}
