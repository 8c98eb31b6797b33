//! Weights of `pallet_inference`.
//!
//! PROVISIONAL: hand-written estimates until `scripts/benchmark-pallet.sh` regenerates this file
//! from measurements.

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
	fn cancel_task() -> Weight;
	fn commit() -> Weight;
	fn reveal() -> Weight;
	fn reveal_and_settle(r: u32, ) -> Weight;
	fn update_pools(n: u32, ) -> Weight;
	fn on_initialize_base() -> Weight;
	fn queue_scan(q: u32, ) -> Weight;
	fn assign_task(r: u32, n: u32, ) -> Weight;
	fn draw_attempt() -> Weight;
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
	fn register_model() -> Weight {
		Weight::from_parts(60000000, 4000)
			.saturating_add(T::DbWeight::get().reads(3))
			.saturating_add(T::DbWeight::get().writes(3))
	}
	fn remove_model() -> Weight {
		Weight::from_parts(50000000, 4000)
			.saturating_add(T::DbWeight::get().reads(4))
			.saturating_add(T::DbWeight::get().writes(3))
	}
	fn join(m: u32, ) -> Weight {
		Weight::from_parts(60000000, 4000)
			.saturating_add(Weight::from_parts(40000000, 0).saturating_mul(m.into()))
			.saturating_add(T::DbWeight::get().reads((4_u64).saturating_mul(m.into())))
			.saturating_add(T::DbWeight::get().writes((3_u64).saturating_mul(m.into())))
			.saturating_add(T::DbWeight::get().reads(4))
			.saturating_add(T::DbWeight::get().writes(3))
	}
	fn update_node(o: u32, n: u32, ) -> Weight {
		Weight::from_parts(50000000, 4000)
			.saturating_add(Weight::from_parts(20000000, 0).saturating_mul(o.into()))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(o.into())))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(o.into())))
			.saturating_add(Weight::from_parts(40000000, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads((4_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes((3_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().reads(3))
			.saturating_add(T::DbWeight::get().writes(1))
	}
	fn add_stake(m: u32, ) -> Weight {
		Weight::from_parts(50000000, 4000)
			.saturating_add(Weight::from_parts(15000000, 0).saturating_mul(m.into()))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(m.into())))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(m.into())))
			.saturating_add(T::DbWeight::get().reads(4))
			.saturating_add(T::DbWeight::get().writes(3))
	}
	fn pause(m: u32, ) -> Weight {
		Weight::from_parts(30000000, 4000)
			.saturating_add(Weight::from_parts(15000000, 0).saturating_mul(m.into()))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(m.into())))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(m.into())))
			.saturating_add(T::DbWeight::get().reads(2))
			.saturating_add(T::DbWeight::get().writes(1))
	}
	fn resume(m: u32, ) -> Weight {
		Weight::from_parts(30000000, 4000)
			.saturating_add(Weight::from_parts(15000000, 0).saturating_mul(m.into()))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(m.into())))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(m.into())))
			.saturating_add(T::DbWeight::get().reads(2))
			.saturating_add(T::DbWeight::get().writes(1))
	}
	fn leave(m: u32, ) -> Weight {
		Weight::from_parts(60000000, 4000)
			.saturating_add(Weight::from_parts(15000000, 0).saturating_mul(m.into()))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(m.into())))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(m.into())))
			.saturating_add(T::DbWeight::get().reads(5))
			.saturating_add(T::DbWeight::get().writes(6))
	}
	fn forget_reputation() -> Weight {
		Weight::from_parts(15000000, 4000)
			.saturating_add(T::DbWeight::get().reads(1))
			.saturating_add(T::DbWeight::get().writes(1))
	}
	fn create_task(i: u32, ) -> Weight {
		Weight::from_parts(90000000, 4000)
			.saturating_add(Weight::from_parts(1000, 0).saturating_mul(i.into()))
			.saturating_add(T::DbWeight::get().reads(7))
			.saturating_add(T::DbWeight::get().writes(9))
	}
	fn cancel_task() -> Weight {
		Weight::from_parts(90000000, 4000)
			.saturating_add(T::DbWeight::get().reads(7))
			.saturating_add(T::DbWeight::get().writes(8))
	}
	fn commit() -> Weight {
		Weight::from_parts(30000000, 4000)
			.saturating_add(T::DbWeight::get().reads(3))
			.saturating_add(T::DbWeight::get().writes(3))
	}
	fn reveal() -> Weight {
		Weight::from_parts(40000000, 4000)
			.saturating_add(T::DbWeight::get().reads(2))
			.saturating_add(T::DbWeight::get().writes(1))
	}
	fn reveal_and_settle(r: u32, ) -> Weight {
		Weight::from_parts(60000000, 4000)
			.saturating_add(Weight::from_parts(60000000, 0).saturating_mul(r.into()))
			.saturating_add(T::DbWeight::get().reads((5_u64).saturating_mul(r.into())))
			.saturating_add(T::DbWeight::get().writes((5_u64).saturating_mul(r.into())))
			.saturating_add(T::DbWeight::get().reads(5))
			.saturating_add(T::DbWeight::get().writes(5))
	}
	fn update_pools(n: u32, ) -> Weight {
		Weight::from_parts(5000000, 4000)
			.saturating_add(Weight::from_parts(15000000, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().reads(0))
			.saturating_add(T::DbWeight::get().writes(0))
	}
	fn on_initialize_base() -> Weight {
		Weight::from_parts(10000000, 4000)
			.saturating_add(T::DbWeight::get().reads(7))
			.saturating_add(T::DbWeight::get().writes(0))
	}
	fn queue_scan(q: u32, ) -> Weight {
		Weight::from_parts(10000000, 4000)
			.saturating_add(Weight::from_parts(100000, 0).saturating_mul(q.into()))
			.saturating_add(T::DbWeight::get().reads(1))
			.saturating_add(T::DbWeight::get().writes(1))
	}
	fn assign_task(r: u32, n: u32, ) -> Weight {
		Weight::from_parts(40000000, 4000)
			.saturating_add(Weight::from_parts(40000000, 0).saturating_mul(r.into()))
			.saturating_add(T::DbWeight::get().reads((4_u64).saturating_mul(r.into())))
			.saturating_add(T::DbWeight::get().writes((4_u64).saturating_mul(r.into())))
			.saturating_add(Weight::from_parts(1000, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(4))
			.saturating_add(T::DbWeight::get().writes(4))
	}
	fn draw_attempt() -> Weight {
		Weight::from_parts(15000000, 4000)
			.saturating_add(T::DbWeight::get().reads(2))
			.saturating_add(T::DbWeight::get().writes(0))
	}
	fn queue_timeout() -> Weight {
		Weight::from_parts(60000000, 4000)
			.saturating_add(T::DbWeight::get().reads(4))
			.saturating_add(T::DbWeight::get().writes(5))
	}
	fn commit_deadline(r: u32, ) -> Weight {
		Weight::from_parts(60000000, 4000)
			.saturating_add(Weight::from_parts(50000000, 0).saturating_mul(r.into()))
			.saturating_add(T::DbWeight::get().reads((5_u64).saturating_mul(r.into())))
			.saturating_add(T::DbWeight::get().writes((4_u64).saturating_mul(r.into())))
			.saturating_add(T::DbWeight::get().reads(5))
			.saturating_add(T::DbWeight::get().writes(5))
	}
	fn reveal_deadline(r: u32, ) -> Weight {
		Weight::from_parts(60000000, 4000)
			.saturating_add(Weight::from_parts(60000000, 0).saturating_mul(r.into()))
			.saturating_add(T::DbWeight::get().reads((5_u64).saturating_mul(r.into())))
			.saturating_add(T::DbWeight::get().writes((5_u64).saturating_mul(r.into())))
			.saturating_add(T::DbWeight::get().reads(5))
			.saturating_add(T::DbWeight::get().writes(5))
	}
	fn prune() -> Weight {
		Weight::from_parts(20000000, 4000)
			.saturating_add(T::DbWeight::get().reads(1))
			.saturating_add(T::DbWeight::get().writes(2))
	}
	fn deadline_stale() -> Weight {
		Weight::from_parts(5000000, 4000)
			.saturating_add(T::DbWeight::get().reads(1))
			.saturating_add(T::DbWeight::get().writes(0))
	}
	fn decide_sample() -> Weight {
		Weight::from_parts(60000000, 4000)
			.saturating_add(T::DbWeight::get().reads(8))
			.saturating_add(T::DbWeight::get().writes(8))
	}
}

/// The same measurements with RocksDB's database weights, for tests and mocks.
impl WeightInfo for () {
	fn register_model() -> Weight {
		Weight::from_parts(60000000, 4000)
			.saturating_add(RocksDbWeight::get().reads(3))
			.saturating_add(RocksDbWeight::get().writes(3))
	}
	fn remove_model() -> Weight {
		Weight::from_parts(50000000, 4000)
			.saturating_add(RocksDbWeight::get().reads(4))
			.saturating_add(RocksDbWeight::get().writes(3))
	}
	fn join(m: u32, ) -> Weight {
		Weight::from_parts(60000000, 4000)
			.saturating_add(Weight::from_parts(40000000, 0).saturating_mul(m.into()))
			.saturating_add(RocksDbWeight::get().reads((4_u64).saturating_mul(m.into())))
			.saturating_add(RocksDbWeight::get().writes((3_u64).saturating_mul(m.into())))
			.saturating_add(RocksDbWeight::get().reads(4))
			.saturating_add(RocksDbWeight::get().writes(3))
	}
	fn update_node(o: u32, n: u32, ) -> Weight {
		Weight::from_parts(50000000, 4000)
			.saturating_add(Weight::from_parts(20000000, 0).saturating_mul(o.into()))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(o.into())))
			.saturating_add(RocksDbWeight::get().writes((2_u64).saturating_mul(o.into())))
			.saturating_add(Weight::from_parts(40000000, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads((4_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes((3_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().reads(3))
			.saturating_add(RocksDbWeight::get().writes(1))
	}
	fn add_stake(m: u32, ) -> Weight {
		Weight::from_parts(50000000, 4000)
			.saturating_add(Weight::from_parts(15000000, 0).saturating_mul(m.into()))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(m.into())))
			.saturating_add(RocksDbWeight::get().writes((2_u64).saturating_mul(m.into())))
			.saturating_add(RocksDbWeight::get().reads(4))
			.saturating_add(RocksDbWeight::get().writes(3))
	}
	fn pause(m: u32, ) -> Weight {
		Weight::from_parts(30000000, 4000)
			.saturating_add(Weight::from_parts(15000000, 0).saturating_mul(m.into()))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(m.into())))
			.saturating_add(RocksDbWeight::get().writes((2_u64).saturating_mul(m.into())))
			.saturating_add(RocksDbWeight::get().reads(2))
			.saturating_add(RocksDbWeight::get().writes(1))
	}
	fn resume(m: u32, ) -> Weight {
		Weight::from_parts(30000000, 4000)
			.saturating_add(Weight::from_parts(15000000, 0).saturating_mul(m.into()))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(m.into())))
			.saturating_add(RocksDbWeight::get().writes((2_u64).saturating_mul(m.into())))
			.saturating_add(RocksDbWeight::get().reads(2))
			.saturating_add(RocksDbWeight::get().writes(1))
	}
	fn leave(m: u32, ) -> Weight {
		Weight::from_parts(60000000, 4000)
			.saturating_add(Weight::from_parts(15000000, 0).saturating_mul(m.into()))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(m.into())))
			.saturating_add(RocksDbWeight::get().writes((2_u64).saturating_mul(m.into())))
			.saturating_add(RocksDbWeight::get().reads(5))
			.saturating_add(RocksDbWeight::get().writes(6))
	}
	fn forget_reputation() -> Weight {
		Weight::from_parts(15000000, 4000)
			.saturating_add(RocksDbWeight::get().reads(1))
			.saturating_add(RocksDbWeight::get().writes(1))
	}
	fn create_task(i: u32, ) -> Weight {
		Weight::from_parts(90000000, 4000)
			.saturating_add(Weight::from_parts(1000, 0).saturating_mul(i.into()))
			.saturating_add(RocksDbWeight::get().reads(7))
			.saturating_add(RocksDbWeight::get().writes(9))
	}
	fn cancel_task() -> Weight {
		Weight::from_parts(90000000, 4000)
			.saturating_add(RocksDbWeight::get().reads(7))
			.saturating_add(RocksDbWeight::get().writes(8))
	}
	fn commit() -> Weight {
		Weight::from_parts(30000000, 4000)
			.saturating_add(RocksDbWeight::get().reads(3))
			.saturating_add(RocksDbWeight::get().writes(3))
	}
	fn reveal() -> Weight {
		Weight::from_parts(40000000, 4000)
			.saturating_add(RocksDbWeight::get().reads(2))
			.saturating_add(RocksDbWeight::get().writes(1))
	}
	fn reveal_and_settle(r: u32, ) -> Weight {
		Weight::from_parts(60000000, 4000)
			.saturating_add(Weight::from_parts(60000000, 0).saturating_mul(r.into()))
			.saturating_add(RocksDbWeight::get().reads((5_u64).saturating_mul(r.into())))
			.saturating_add(RocksDbWeight::get().writes((5_u64).saturating_mul(r.into())))
			.saturating_add(RocksDbWeight::get().reads(5))
			.saturating_add(RocksDbWeight::get().writes(5))
	}
	fn update_pools(n: u32, ) -> Weight {
		Weight::from_parts(5000000, 4000)
			.saturating_add(Weight::from_parts(15000000, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes((2_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().reads(0))
			.saturating_add(RocksDbWeight::get().writes(0))
	}
	fn on_initialize_base() -> Weight {
		Weight::from_parts(10000000, 4000)
			.saturating_add(RocksDbWeight::get().reads(7))
			.saturating_add(RocksDbWeight::get().writes(0))
	}
	fn queue_scan(q: u32, ) -> Weight {
		Weight::from_parts(10000000, 4000)
			.saturating_add(Weight::from_parts(100000, 0).saturating_mul(q.into()))
			.saturating_add(RocksDbWeight::get().reads(1))
			.saturating_add(RocksDbWeight::get().writes(1))
	}
	fn assign_task(r: u32, n: u32, ) -> Weight {
		Weight::from_parts(40000000, 4000)
			.saturating_add(Weight::from_parts(40000000, 0).saturating_mul(r.into()))
			.saturating_add(RocksDbWeight::get().reads((4_u64).saturating_mul(r.into())))
			.saturating_add(RocksDbWeight::get().writes((4_u64).saturating_mul(r.into())))
			.saturating_add(Weight::from_parts(1000, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(4))
			.saturating_add(RocksDbWeight::get().writes(4))
	}
	fn draw_attempt() -> Weight {
		Weight::from_parts(15000000, 4000)
			.saturating_add(RocksDbWeight::get().reads(2))
			.saturating_add(RocksDbWeight::get().writes(0))
	}
	fn queue_timeout() -> Weight {
		Weight::from_parts(60000000, 4000)
			.saturating_add(RocksDbWeight::get().reads(4))
			.saturating_add(RocksDbWeight::get().writes(5))
	}
	fn commit_deadline(r: u32, ) -> Weight {
		Weight::from_parts(60000000, 4000)
			.saturating_add(Weight::from_parts(50000000, 0).saturating_mul(r.into()))
			.saturating_add(RocksDbWeight::get().reads((5_u64).saturating_mul(r.into())))
			.saturating_add(RocksDbWeight::get().writes((4_u64).saturating_mul(r.into())))
			.saturating_add(RocksDbWeight::get().reads(5))
			.saturating_add(RocksDbWeight::get().writes(5))
	}
	fn reveal_deadline(r: u32, ) -> Weight {
		Weight::from_parts(60000000, 4000)
			.saturating_add(Weight::from_parts(60000000, 0).saturating_mul(r.into()))
			.saturating_add(RocksDbWeight::get().reads((5_u64).saturating_mul(r.into())))
			.saturating_add(RocksDbWeight::get().writes((5_u64).saturating_mul(r.into())))
			.saturating_add(RocksDbWeight::get().reads(5))
			.saturating_add(RocksDbWeight::get().writes(5))
	}
	fn prune() -> Weight {
		Weight::from_parts(20000000, 4000)
			.saturating_add(RocksDbWeight::get().reads(1))
			.saturating_add(RocksDbWeight::get().writes(2))
	}
	fn deadline_stale() -> Weight {
		Weight::from_parts(5000000, 4000)
			.saturating_add(RocksDbWeight::get().reads(1))
			.saturating_add(RocksDbWeight::get().writes(0))
	}
	fn decide_sample() -> Weight {
		Weight::from_parts(60000000, 4000)
			.saturating_add(RocksDbWeight::get().reads(8))
			.saturating_add(RocksDbWeight::get().writes(8))
	}
}
