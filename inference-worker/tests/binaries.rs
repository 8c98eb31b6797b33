//! The worker's binaries: `bench-inference` reports in the documented shape, and the worker links
//! libtorch (the counterpart of deai-client's check that `deai-task` does not).
//!
//! `bench-inference` needs the demo models (`scripts/setup-models.sh`, in $DEAI_MODELS_DIR).

use std::process::Command;

#[test]
fn the_worker_links_libtorch_and_finds_it_without_a_library_path() {
	let out = Command::new("ldd").arg(env!("CARGO_BIN_EXE_inference-worker")).output().expect("run ldd");
	let libraries = String::from_utf8_lossy(&out.stdout);
	assert!(libraries.contains("libtorch_cpu"), "{libraries}");
	assert!(!libraries.contains("not found"), "its run path finds libtorch:\n{libraries}");
}

#[test]
fn bench_inference_reports_both_paths_for_both_models() {
	let dir = tempfile::tempdir().unwrap();
	let out = dir.path().join("report.json");
	let run = Command::new(env!("CARGO_BIN_EXE_bench-inference"))
		.args(["--reps", "3", "--warmup", "1", "--out"])
		.arg(&out)
		.args(["--state-dir"])
		.arg(dir.path())
		.output()
		.unwrap();
	assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
	let report: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
	assert_eq!(report, serde_json::from_slice::<serde_json::Value>(&run.stdout).unwrap(), "stdout and --out agree");
	assert_eq!(report["reps"], 3);
	for model in ["vad", "digits"] {
		let m = &report["models"][model];
		for path in ["worker_us", "bare_us"] {
			for stat in ["median", "p95"] {
				let us = m[path][stat].as_f64().unwrap_or_else(|| panic!("{model}.{path}.{stat} in {report:#}"));
				assert!(us > 0.0, "{model}.{path}.{stat}");
			}
			assert!(m[path]["p95"].as_f64() >= m[path]["median"].as_f64());
		}
		let ratio = m["ratio_median"].as_f64().unwrap();
		let expect = m["worker_us"]["median"].as_f64().unwrap() / m["bare_us"]["median"].as_f64().unwrap();
		assert!((ratio - expect).abs() < 1e-9 * expect.max(1.0), "{model}: the ratio of the medians");
		assert!(m["worker_median_split_us"]["inference"].as_f64().is_some());
		assert!(m["model_id"].as_str().unwrap().starts_with("0x"));
	}
	assert_eq!(report["models"]["vad"]["input_bytes"], 64_000);
	assert_eq!(report["models"]["digits"]["input_bytes"], 64);
	// The store it used is gone.
	assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "only the report is left");
}

/// Runs the worker (with no node to reach) until its first log line, its standard output in a
/// file; with `journal` the environment says that file is the journal stream, as systemd would.
fn first_log_line(journal: bool) -> String {
	use std::os::unix::fs::MetadataExt;
	let dir = tempfile::tempdir().unwrap();
	let log = dir.path().join("out.log");
	let file = std::fs::File::create(&log).unwrap();
	let meta = file.metadata().unwrap();
	let mut cmd = Command::new(env!("CARGO_BIN_EXE_inference-worker"));
	cmd.args(["--rpc", "ws://127.0.0.1:9", "--metrics", "127.0.0.1:0", "--dev", "alice", "--models"])
		.arg(dir.path())
		.env_remove("RUST_LOG")
		.stdout(file);
	if journal {
		cmd.env("JOURNAL_STREAM", format!("{}:{}", meta.dev(), meta.ino()));
	} else {
		cmd.env_remove("JOURNAL_STREAM");
	}
	let mut child = cmd.spawn().unwrap();
	let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
	let line = loop {
		let text = std::fs::read_to_string(&log).unwrap();
		if let Some(line) = text.lines().find(|l| l.contains("metrics at")) {
			break line.to_string();
		}
		assert!(std::time::Instant::now() < deadline, "no log line within 30 s: {text}");
		std::thread::sleep(std::time::Duration::from_millis(50));
	};
	let _ = child.kill();
	let _ = child.wait();
	line
}

#[test]
fn under_journald_log_lines_carry_their_priority_and_no_timestamp() {
	// systemd's JOURNAL_STREAM names the worker's standard output: an info line is `<6>`.
	let journal = first_log_line(true);
	assert!(journal.starts_with("<6> INFO") || journal.starts_with("<6>INFO"), "{journal}");
	// Elsewhere (a file, a pipe), plain lines that start with their time.
	let plain = first_log_line(false);
	assert!(plain.chars().next().is_some_and(|c| c.is_ascii_digit()), "{plain}");
	assert!(!plain.contains('\x1b'), "no colours in a file: {plain}");
}
