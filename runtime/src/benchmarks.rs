//! The pallets whose benchmarks `deai-node benchmark pallet` runs.

pub use frame_benchmarking::define_benchmarks;
pub use frame_system_benchmarking::Pallet as SystemBench;

impl frame_system_benchmarking::Config for super::Runtime {}

frame_benchmarking::define_benchmarks!(
	[frame_system, SystemBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_timestamp, Timestamp]
	[pallet_sudo, Sudo]
	[pallet_inference, Inference]
);

pub use super::*;
