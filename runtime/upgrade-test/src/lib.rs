//! The deai runtime one spec version later, as its own wasm blob: `scripts/build-upgrade-runtime.sh`
//! builds it for the governance test, which upgrades a test network to it by referendum.
#![cfg_attr(not(feature = "std"), no_std)]

#[cfg(feature = "wasm")]
pub use deai_runtime::*;
