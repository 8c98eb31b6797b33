//! The deai compute node (`inference-worker`) as a library: the binary's parts, importable by
//! its tests and by the task client.
#![warn(missing_docs)]

pub mod chain;
pub mod encoding;
pub mod engine;
pub mod input;
pub mod keys;
pub mod metrics;
pub mod models;
pub mod plan;
pub mod store;
pub mod worker;
