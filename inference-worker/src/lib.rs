//! The deai compute node (`inference-worker`) as a library: everything but argument parsing,
//! logging set-up and signals, importable by its tests and by the task client.
//!
//! Layout, from start-up to the loop:
//!
//! * [`service`]: start-up in order (metrics endpoint, connection, state directory lock, wait
//!   for sync, model scan, registration) and the node's whole life ([`service::run`]);
//! * [`models`]: the model folder, hashed once and served from the hashed bytes;
//! * [`registration`]: joining, or updating the registration, at start-up;
//! * [`worker`]: the loop over best blocks (commit, reveal) and finalized blocks (rewards,
//!   slashes, forgetting settled tasks);
//! * [`plan`]: what one task needs next, crash-safe around the [`store`] (records, started
//!   marks, the directory lock);
//! * [`engine`]: running models with libtorch, and what a run means ([`engine::Outcome`]:
//!   answer, invalid input, local fault); [`encoding`]: output values to result bytes;
//! * [`chain`]: runtime API reads and transactions over RPC; [`metrics`]: Prometheus;
//! * [`keys`]: keys and amounts; [`input`]: files to task inputs (for the task client).
#![warn(missing_docs)]

pub mod chain;
pub mod encoding;
pub mod engine;
pub mod input;
pub mod keys;
pub mod metrics;
pub mod models;
pub mod plan;
pub mod registration;
pub mod service;
pub mod store;
pub mod worker;
