//! Prometheus metrics of the worker, served at `http://<addr>/metrics` (names are prefixed
//! `deai_worker_`; the README lists them).

use anyhow::{Context, Result};
use prometheus::{
	Encoder, Gauge, HistogramOpts, HistogramVec, IntCounter, IntCounterVec, IntGauge, IntGaugeVec, Opts, Registry,
	TextEncoder,
};
use std::{net::SocketAddr, sync::Arc};

/// The worker's counters and gauges.
pub struct Metrics {
	registry: Registry,
	/// The process' own metrics (`process_*`, unprefixed as Prometheus names them).
	process: Registry,
	/// Tasks assigned to this worker that it has seen.
	pub tasks_seen: IntCounter,
	/// Commits included on chain.
	pub committed: IntCounter,
	/// Reveals included on chain.
	pub revealed: IntCounter,
	/// Tasks for which this node was paid (counted from finalized blocks).
	pub rewarded: IntCounter,
	/// Tasks for which this node was slashed (counted from finalized blocks).
	pub slashed: IntCounter,
	/// Error results revealed (inputs invalid for the model); counted at the reveal, so the
	/// endpoint never tells a result before the chain does.
	pub error_results: IntCounter,
	/// Errors by kind (rpc, stall, submit, dispatch, store, inference, timeout, disk_full).
	pub errors: IntCounterVec,
	/// Tasks this worker decided not to commit to, by `reason`: `unfunded` (the free balance
	/// cannot pay the commit and its reveal), `local_fault` (the model failed on this machine
	/// for every run allowed), `crashed` (runs of the worker died in the model), `too_slow` (the
	/// commit window closed while the model ran), `disk_full` (the result could not be
	/// stored). Each task is counted once per reason.
	pub skipped: IntCounterVec,
	/// Tasks assigned to this node whose commit window closed without its commit on chain
	/// (skipped, or anything else: a stop, a node out of reach); each costs reputation.
	pub missed: IntCounter,
	/// 1, with where models run as labels: `device` (`cpu`), libtorch `threads` per run, and
	/// `instances` (modules per model, so runs of one model at once).
	pub device_info: IntGaugeVec,
	/// Time spent running models, in seconds, by `model` (its registered name).
	pub inference_seconds: HistogramVec,
	/// 1, with the worker's `version` as a label.
	pub build_info: IntGaugeVec,
	/// The spec version of the runtime of the node's best block, as last read.
	pub runtime_spec_version: IntGauge,
	/// From the arrival of the header of the block that made a commit or reveal possible to the
	/// submission of the extrinsic, without the time spent running the model; by `action`.
	pub reaction_seconds: HistogramVec,
	/// Number of the latest best block seen.
	pub best_block: IntGauge,
	/// Number of the latest finalized block whose events were counted.
	pub finalized_block: IntGauge,
	/// Commits and reveals under way (computing, or waiting to be in a block).
	pub tasks_in_flight: IntGauge,
	/// 1 while the worker follows the node's blocks, 0 while the connection is down.
	pub rpc_up: IntGauge,
	/// 1 while a stopping worker finishes the tasks it holds.
	pub stopping: IntGauge,
	/// The account's free balance in DEAI, as last read (at start-up, and when a commit is due).
	pub free_balance: Gauge,
	/// 1 while the free balance cannot pay a new commit and its reveal besides the tasks owed.
	pub short_of_funds: IntGauge,
	/// The fees of one task (a commit and a reveal, doubled) in DEAI.
	pub task_fee_budget: Gauge,
	/// The node's status: 0 active, 1 paused, 2 paused by the chain, 3 leaving, -1 not a node.
	pub node_status: IntGauge,
	/// The node's stake in DEAI.
	pub stake: Gauge,
	/// The node's reputation.
	pub reputation: IntGauge,
}

impl Metrics {
	/// Creates and registers every metric.
	pub fn new() -> Result<Arc<Self>> {
		let registry = Registry::new_custom(Some("deai_worker".into()), None)?;
		let counter = |name: &str, help: &str| register(&registry, IntCounter::new(name, help)?);
		let gauge = |name: &str, help: &str| register(&registry, IntGauge::new(name, help)?);
		let float_gauge = |name: &str, help: &str| register(&registry, Gauge::new(name, help)?);
		let metrics = Metrics {
			tasks_seen: counter("tasks_seen_total", "Tasks assigned to this worker")?,
			committed: counter("tasks_committed_total", "Commits included on chain")?,
			revealed: counter("tasks_revealed_total", "Reveals included on chain")?,
			rewarded: counter("tasks_rewarded_total", "Tasks this node was paid for")?,
			slashed: counter("tasks_slashed_total", "Tasks this node was slashed for")?,
			error_results: counter("error_results_total", "Error results revealed (inputs invalid for the model)")?,
			errors: register(&registry, IntCounterVec::new(Opts::new("errors_total", "Errors by kind"), &["kind"])?)?,
			skipped: register(
				&registry,
				IntCounterVec::new(Opts::new("tasks_skipped_total", "Tasks not committed to, by reason"), &["reason"])?,
			)?,
			missed: counter("tasks_missed_total", "Tasks whose commit window closed without this node's commit")?,
			device_info: register(
				&registry,
				IntGaugeVec::new(
					Opts::new("device_info", "1, with the device, libtorch threads per run and modules per model"),
					&["device", "threads", "instances"],
				)?,
			)?,
			inference_seconds: register(
				&registry,
				HistogramVec::new(
					HistogramOpts::new("inference_seconds", "Time spent running models, by model")
						.buckets(vec![0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0]),
					&["model"],
				)?,
			)?,
			build_info: register(
				&registry,
				IntGaugeVec::new(Opts::new("build_info", "1, with the worker's version as a label"), &["version"])?,
			)?,
			runtime_spec_version: gauge("runtime_spec_version", "The spec version of the node's runtime, as last read")?,
			reaction_seconds: register(
				&registry,
				HistogramVec::new(
					HistogramOpts::new(
						"reaction_seconds",
						"From the header of the block that enabled a commit or reveal to its submission, less inference",
					)
					.buckets(vec![0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 5.0, 10.0]),
					&["action"],
				)?,
			)?,
			best_block: gauge("best_block", "Latest best block seen")?,
			finalized_block: gauge("finalized_block", "Latest finalized block whose events were counted")?,
			tasks_in_flight: gauge("tasks_in_flight", "Commits and reveals under way")?,
			rpc_up: gauge("rpc_up", "1 while following the node's blocks, 0 while the connection is down")?,
			stopping: gauge("stopping", "1 while a stopping worker finishes the tasks it holds")?,
			free_balance: float_gauge("free_balance", "The account's free balance in DEAI, as last read")?,
			short_of_funds: gauge("short_of_funds", "1 while the free balance cannot pay a new commit and its reveal")?,
			task_fee_budget: float_gauge("task_fee_budget", "The fees of one task (commit and reveal, doubled) in DEAI")?,
			node_status: gauge("node_status", "0 active, 1 paused, 2 paused by the chain, 3 leaving, -1 not a node")?,
			stake: float_gauge("stake", "The node's stake in DEAI")?,
			reputation: gauge("reputation", "The node's reputation")?,
			registry,
			process: Registry::new(),
		};
		metrics.build_info.with_label_values(&[env!("CARGO_PKG_VERSION")]).set(1);
		metrics.process.register(Box::new(prometheus::process_collector::ProcessCollector::for_self()))?;
		Ok(Arc::new(metrics))
	}

	/// Counts a task not committed to for `reason` (see [`Metrics::skipped`]).
	pub fn skip(&self, reason: &str) {
		self.skipped.with_label_values(&[reason]).inc();
	}

	/// Records where models run (see [`Metrics::device_info`]).
	pub fn set_device(&self, device: &str, threads: i32, instances: usize) {
		self.device_info.reset();
		self.device_info.with_label_values(&[device, &threads.to_string(), &instances.to_string()]).set(1);
	}

	/// Counts an error of `kind`.
	pub fn error(&self, kind: &str) {
		self.errors.with_label_values(&[kind]).inc();
	}

	/// The metrics in Prometheus' text format.
	pub fn render(&self) -> String {
		let mut buf = Vec::new();
		let mut families = self.registry.gather();
		families.extend(self.process.gather());
		let _ = TextEncoder::new().encode(&families, &mut buf);
		String::from_utf8(buf).unwrap_or_default()
	}
}

/// Registers `metric` in `registry` and hands it back.
fn register<M: prometheus::core::Collector + Clone + 'static>(registry: &Registry, metric: M) -> Result<M> {
	registry.register(Box::new(metric.clone()))?;
	Ok(metric)
}

/// Binds the metrics endpoint's address: failing to is an error that stops start-up (a port
/// taken by another worker, a typo), not a line in the log.
pub async fn bind(addr: SocketAddr) -> Result<tokio::net::TcpListener> {
	tokio::net::TcpListener::bind(addr).await.with_context(|| format!("bind the metrics endpoint to {addr}"))
}

/// Serves `/metrics` on `listener` until the process ends.
pub async fn serve(listener: tokio::net::TcpListener, metrics: Arc<Metrics>) -> Result<()> {
	let app = axum::Router::new().route(
		"/metrics",
		axum::routing::get(move || {
			let metrics = metrics.clone();
			async move { metrics.render() }
		}),
	);
	let addr = listener.local_addr()?;
	tracing::info!(%addr, "metrics at http://{addr}/metrics");
	axum::serve(listener, app).await?;
	Ok(())
}

#[cfg(test)]
mod tests {
	use super::*;

	#[tokio::test]
	async fn a_taken_port_is_an_error() {
		let first = bind("127.0.0.1:0".parse().unwrap()).await.unwrap();
		let taken = first.local_addr().unwrap();
		assert!(format!("{:#}", bind(taken).await.unwrap_err()).contains("bind the metrics endpoint"));
	}

	#[test]
	fn every_documented_metric_is_exported() {
		let m = Metrics::new().unwrap();
		m.reaction_seconds.with_label_values(&["commit"]).observe(0.1);
		m.error("inference");
		m.inference_seconds.with_label_values(&["digits-mlp"]).observe(0.001);
		m.skip("unfunded");
		m.set_device("cpu", 2, 3);
		let text = m.render();
		assert!(text.contains("deai_worker_tasks_skipped_total{reason=\"unfunded\"} 1"));
		assert!(text.contains("deai_worker_device_info{device=\"cpu\",instances=\"3\",threads=\"2\"} 1"), "{text}");
		let readme = include_str!("../README.md");
		assert!(text.contains("deai_worker_inference_seconds_count{model=\"digits-mlp\"} 1"));
		assert!(text.contains("deai_worker_build_info{version=\""));
		for name in ["process_resident_memory_bytes", "process_cpu_seconds_total", "process_open_fds"] {
			assert!(text.lines().any(|l| l.starts_with(name)), "{name} missing from the export");
			assert!(readme.contains(name), "{name} missing from the README");
		}
		for name in [
			"deai_worker_tasks_seen_total",
			"deai_worker_reaction_seconds",
			"deai_worker_tasks_in_flight",
			"deai_worker_rpc_up",
			"deai_worker_stopping",
			"deai_worker_free_balance",
			"deai_worker_short_of_funds",
			"deai_worker_task_fee_budget",
			"deai_worker_node_status",
			"deai_worker_stake",
			"deai_worker_reputation",
			"deai_worker_finalized_block",
			"deai_worker_errors_total",
			"deai_worker_inference_seconds",
			"deai_worker_build_info",
			"deai_worker_runtime_spec_version",
			"deai_worker_tasks_skipped_total",
			"deai_worker_tasks_missed_total",
			"deai_worker_device_info",
		] {
			assert!(text.contains(name), "{name} missing from the export");
			assert!(readme.contains(name.trim_start_matches("deai_worker")), "{name} missing from the README");
		}
	}
}
