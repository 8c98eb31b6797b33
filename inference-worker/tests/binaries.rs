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
