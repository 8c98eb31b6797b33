//! Prometheus metrics of the worker, served at `http://<addr>/metrics`.

use anyhow::Result;
use prometheus::{
	Encoder, Histogram, HistogramOpts, IntCounter, IntCounterVec, IntGauge, Opts, Registry, TextEncoder,
};
use std::{net::SocketAddr, sync::Arc};

/// The worker's counters and gauges.
pub struct Metrics {
	registry: Registry,
	/// Tasks assigned to this worker that it has seen.
	pub tasks_seen: IntCounter,
	/// Commits included on chain.
	pub committed: IntCounter,
	/// Reveals included on chain.
	pub revealed: IntCounter,
	/// Tasks for which this node was paid.
	pub rewarded: IntCounter,
	/// Tasks for which this node was slashed.
	pub slashed: IntCounter,
	/// Inferences that produced the canonical error result.
	pub error_results: IntCounter,
	/// Errors by kind (rpc, submit, dispatch, store, inference).
	pub errors: IntCounterVec,
	/// Time spent running models, in seconds.
	pub inference_seconds: Histogram,
	/// Number of the latest best block seen.
	pub best_block: IntGauge,
}

impl Metrics {
	/// Creates and registers every metric.
	pub fn new() -> Result<Arc<Self>> {
		let registry = Registry::new_custom(Some("deai_worker".into()), None)?;
		let counter = |name: &str, help: &str| -> Result<IntCounter> {
			let c = IntCounter::new(name, help)?;
			registry.register(Box::new(c.clone()))?;
			Ok(c)
		};
		let metrics = Metrics {
			tasks_seen: counter("tasks_seen_total", "Tasks assigned to this worker")?,
			committed: counter("tasks_committed_total", "Commits included on chain")?,
			revealed: counter("tasks_revealed_total", "Reveals included on chain")?,
			rewarded: counter("tasks_rewarded_total", "Tasks this node was paid for")?,
			slashed: counter("tasks_slashed_total", "Tasks this node was slashed for")?,
			error_results: counter("error_results_total", "Inferences that gave the canonical error result")?,
			errors: {
				let c = IntCounterVec::new(Opts::new("errors_total", "Errors by kind"), &["kind"])?;
				registry.register(Box::new(c.clone()))?;
				c
			},
			inference_seconds: {
				let h = Histogram::with_opts(
					HistogramOpts::new("inference_seconds", "Time spent running models").buckets(vec![
						0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
					]),
				)?;
				registry.register(Box::new(h.clone()))?;
				h
			},
			best_block: {
				let g = IntGauge::new("best_block", "Latest best block seen")?;
				registry.register(Box::new(g.clone()))?;
				g
			},
			registry,
		};
		Ok(Arc::new(metrics))
	}

	/// Counts an error of `kind`.
	pub fn error(&self, kind: &str) {
		self.errors.with_label_values(&[kind]).inc();
	}

	/// The metrics in Prometheus' text format.
	pub fn render(&self) -> String {
		let mut buf = Vec::new();
		let _ = TextEncoder::new().encode(&self.registry.gather(), &mut buf);
		String::from_utf8(buf).unwrap_or_default()
	}
}

/// Serves `/metrics` on `addr` until the process ends.
pub async fn serve(addr: SocketAddr, metrics: Arc<Metrics>) -> Result<()> {
	let app = axum::Router::new().route(
		"/metrics",
		axum::routing::get(move || {
			let metrics = metrics.clone();
			async move { metrics.render() }
		}),
	);
	let listener = tokio::net::TcpListener::bind(addr).await?;
	tracing::info!(%addr, "metrics at http://{addr}/metrics");
	axum::serve(listener, app).await?;
	Ok(())
}
