//! Types and pure functions shared by the deai runtime and the off-chain inference worker.
//!
//! Everything here is deterministic and free of FRAME, so the worker (plain `std` Rust) and the
//! runtime (`no_std` wasm) compute byte-identical commitments, element sizes and comparisons.
//!
//! * [`model`]: how a model's input is laid out and how its output becomes result bytes.
//! * [`compare`]: when two revealed results agree ([`Comparison::agrees`]).
//! * [`commitment`]: the account-bound commitment of PROTOCOL.md, with a published test vector.
//! * [`views`]: task phases and what the runtime API returns.
//! * [`demo`]: the demo models' entries, registered by the dev genesis.
#![cfg_attr(not(feature = "std"), no_std)]
#![warn(missing_docs)]

extern crate alloc;

pub mod commitment;
pub mod compare;
pub mod demo;
pub mod model;
pub mod views;

pub use commitment::{blake2_256, commitment, COMMIT_DOMAIN};
pub use compare::{HAMMING_MAX_SHARE, TOLERANCE_MAX_SHARE};
pub use model::{Comparison, ElementType, OutputEncoding, ERROR_RESULT};
pub use views::{
	AssignedTask, AssignmentView, FailReason, ModelView, NodeStatus, NodeView, Phase, TaskView,
	Verification,
};

/// Identifier of a task, assigned by the runtime in creation order.
pub type TaskId = u64;

/// Identifier of a model: `blake2_256` of its TorchScript file.
pub type ModelId = [u8; 32];

/// A commitment: `blake2_256` of the SCALE-encoded commitment preimage.
pub type Commitment = [u8; 32];

/// The secret salt a compute node mixes into its commitment.
pub type Salt = [u8; 32];
