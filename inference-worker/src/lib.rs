//! The deai compute node (`inference-worker`) as a library: everything but argument parsing,
//! logging set-up and signals, importable by its tests and its benchmark.
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
//! * [`funds`]: fee money, never a commit whose reveal cannot be paid;
//! * [`metrics`]: Prometheus; [`logging`]: plain lines, or journald's priorities under systemd;
//! * from the `deai-client` package (no libtorch), re-exported here: [`chain`] (runtime API
//!   reads, typed transactions and events over RPC), [`keys`] (keys and amounts), [`input`]
//!   (WAV audio and the digits data), [`demo`] (the demo models' ids).
#![warn(missing_docs)]

pub use deai_client::{advice, api, chain, demo, hex0x, input, keys};

pub mod encoding;
pub mod engine;
pub mod funds;
pub mod logging;
pub mod metrics;
pub mod models;
pub mod plan;
pub mod record_log;
pub mod registration;
pub mod service;
pub mod store;
pub mod worker;

/// OpenMP busy-waits by default, which slows libtorch down by orders of magnitude when another
/// process shares the cores. libgomp reads its settings when the process starts, so set
/// `OMP_WAIT_POLICY=PASSIVE` and restart the process once (with the same arguments).
pub fn ensure_passive_openmp() {
	if std::env::var_os("OMP_WAIT_POLICY").is_none() {
		use std::os::unix::process::CommandExt;
		let err = std::process::Command::new(std::env::current_exe().expect("own path"))
			.args(std::env::args_os().skip(1))
			.env("OMP_WAIT_POLICY", "PASSIVE")
			.exec();
		eprintln!("could not restart with OMP_WAIT_POLICY=PASSIVE: {err}");
	}
}
