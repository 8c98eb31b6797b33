//! What a load run measured, as JSON.

use super::{
	observe::{BlockStats, Limits, Observer},
	sender::Sender,
	Settings, Verification,
};
use serde_json::{json, Value};

/// A load run's figures.
pub struct Report(Value);

fn mean(values: impl Iterator<Item = f64>) -> f64 {
	let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
	if n == 0 {
		0.0
	} else {
		sum / n as f64
	}
}

fn round(value: f64, digits: i32) -> f64 {
	let scale = 10f64.powi(digits);
	(value * scale).round() / scale
}

impl Report {
	/// The report of a run with `settings` over the measured blocks `window`.
	pub fn new(settings: &Settings, window: Vec<BlockStats>, observer: &Observer, limits: &Limits, sender: &Sender, pending_at_end: usize) -> Self {
		let settled: u64 = window.iter().map(|b| u64::from(b.completed)).sum();
		let sustained = mean(window.iter().map(|b| f64::from(b.completed)));
		// The weight every extrinsic of the run's tasks reported, over the tasks that ended; the hook
		// work a task causes (its draw, deadlines, pruning) shows as the window's mandatory weight.
		let sums = [&observer.create, &observer.commit, &observer.reveal, &observer.settle];
		let extrinsics_weight: u128 = sums.iter().map(|s| s.ref_time).sum();
		let per_task_extrinsics = if observer.ended == 0 { 0.0 } else { extrinsics_weight as f64 / observer.ended as f64 };
		let hook_per_task = if settled == 0 {
			0.0
		} else {
			window.iter().map(|b| b.mandatory).sum::<f64>() * limits.max_block as f64 / settled as f64
		};
		let one_task = per_task_extrinsics + hook_per_task;
		let create = observer.create.mean_micros() * 1e6;
		let ceiling = match (create > 0.0, one_task > 0.0) {
			(true, true) => (limits.normal_max as f64 / create).min(limits.max_block as f64 / one_task).floor(),
			_ => 0.0,
		};
		let cpu = observer.cpu.unwrap_or_default();
		let extrinsics: u64 = window.iter().map(|b| u64::from(b.extrinsics)).sum();
		let verification = match settings.verification {
			Verification::Redundant(r) => json!({ "redundancy": r }),
			Verification::Sampled(permille) => json!({ "sampledPermille": permille }),
		};
		Self(json!({
			"settings": {
				"nodes": settings.nodes,
				"rate": settings.rate,
				"warmup": settings.warmup,
				"blocks": settings.blocks,
				"verification": verification,
				"connections": settings.connections,
				"stake": settings.stake,
				"capacity": settings.capacity,
			},
			"sustainedPerBlock": round(sustained, 1),
			"minPerBlock": window.iter().map(|b| b.completed).min().unwrap_or(0),
			"maxPerBlock": window.iter().map(|b| b.completed).max().unwrap_or(0),
			"failedInWindow": window.iter().map(|b| u64::from(b.failed)).sum::<u64>(),
			"failures": observer.failures,
			"ceilingPerBlock": ceiling,
			"ofCeiling": if ceiling > 0.0 { round(sustained / ceiling, 3) } else { 0.0 },
			"meanNormalWeightUsed": round(mean(window.iter().map(|b| b.normal)), 3),
			"meanHookWeightOfBlock": round(mean(window.iter().map(|b| b.mandatory)), 3),
			"meanExtrinsicsPerBlock": round(extrinsics as f64 / window.len().max(1) as f64, 0),
			"extrinsicsPerSecond": if cpu.seconds > 0.0 { round(extrinsics as f64 / cpu.seconds, 0) } else { 0.0 },
			"windowSeconds": round(cpu.seconds, 1),
			"cpuCores": { "node": cpu.node_cores.map(|c| round(c, 3)), "client": cpu.client_cores.map(|c| round(c, 3)) },
			"submitted": sender.sent(),
			"refusedSubmissions": sender.refused(),
			"refusals": sender.refusals(),
			"retriedSubmissions": sender.retried(),
			"poolAtEnd": pending_at_end,
			"weightsMicros": {
				"createTask": round(observer.create.mean_micros(), 1),
				"commit": round(observer.commit.mean_micros(), 1),
				"reveal": round(observer.reveal.mean_micros(), 1),
				"lastRevealSettling": round(observer.settle.mean_micros(), 1),
				"extrinsicsPerTask": round(per_task_extrinsics / 1e6, 1),
				"hookPerTask": round(hook_per_task / 1e6, 1),
				"oneTask": round(one_task / 1e6, 1),
			},
			"blocks": window.iter().map(|b| json!({
				"number": b.number,
				"completed": b.completed,
				"failed": b.failed,
				"extrinsics": b.extrinsics,
				"normal": round(b.normal, 4),
				"mandatory": round(b.mandatory, 4),
			})).collect::<Vec<_>>(),
		}))
	}

	/// The report as JSON.
	pub fn json(&self) -> &Value {
		&self.0
	}
}
