//! CPU time this process and the node used over a window (Linux's `/proc`).

use std::time::Instant;

/// Clock ticks per second of `/proc/<pid>/stat` (`USER_HZ`, 100 on Linux).
const TICKS_PER_SECOND: f64 = 100.0;

/// CPU seconds (user and system) process `pid` (`self` for this one) has used, if readable.
pub fn cpu_seconds(pid: &str) -> Option<f64> {
	let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
	// After the command name, which may hold spaces: utime and stime are the 12th and 13th fields.
	let fields: Vec<&str> = stat.get(stat.rfind(')')? + 2..)?.split(' ').collect();
	let ticks = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
	Some(ticks / TICKS_PER_SECOND)
}

/// The CPU used so far by this process and the node, at a moment.
#[derive(Clone, Copy, Debug)]
pub struct Sample {
	at: Instant,
	client: Option<f64>,
	node: Option<f64>,
	node_pid: Option<u32>,
}

/// Cores used over a window: CPU seconds over wall-clock seconds.
#[derive(Clone, Copy, Debug, Default)]
pub struct Window {
	/// The window's length in seconds.
	pub seconds: f64,
	/// Cores this process used.
	pub client_cores: Option<f64>,
	/// Cores the node used.
	pub node_cores: Option<f64>,
}

impl Sample {
	/// Now, with the node `node_pid` when given.
	pub fn now(node_pid: Option<u32>) -> Self {
		Self {
			at: Instant::now(),
			client: cpu_seconds("self"),
			node: node_pid.and_then(|pid| cpu_seconds(&pid.to_string())),
			node_pid,
		}
	}

	/// The window from this sample to now.
	pub fn until_now(&self) -> Window {
		let end = Self::now(self.node_pid);
		let seconds = end.at.duration_since(self.at).as_secs_f64();
		let cores = |a: Option<f64>, b: Option<f64>| Some((b? - a?) / seconds);
		Window { seconds, client_cores: cores(self.client, end.client), node_cores: cores(self.node, end.node) }
	}
}
