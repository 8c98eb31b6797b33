//! deai's client side, without libtorch: what the task client (`deai-task`) and the compute node
//! (`inference-worker`, which depends on this crate) share.
//!
//! * [`api`]: the inference pallet's calls and events as typed structs, and the check of their
//!   shapes against a runtime's metadata;
//! * [`chain`]: a connection to a node: runtime API reads, typed transactions, events;
//! * [`keys`]: signing keys and amounts of DEAI;
//! * [`input`]: people's files (WAV audio, images, digit text) to task inputs, and the digits
//!   data set;
//! * [`demo`]: the demo models' ids (as registered at genesis) and names;
//! * [`advice`]: the pallet's refusals in words, for the worker and the task client.
#![warn(missing_docs)]

pub mod advice;
pub mod api;
pub mod chain;
pub mod demo;
pub mod failover;
pub mod input;
pub mod keys;

pub use subxt;

/// `bytes` as `0x`-prefixed lowercase hex: how ids, hashes and inputs are shown everywhere
/// (polkadot-js apps writes and reads them so).
pub fn hex0x(bytes: impl AsRef<[u8]>) -> String {
	format!("0x{}", hex::encode(bytes))
}
