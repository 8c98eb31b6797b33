//! `deai-task` is built without libtorch: a person who only submits tasks needs none.

use std::process::Command;

/// The shared libraries the dynamic loader would load for `binary` (its `ldd` listing).
fn linked(binary: &str) -> String {
	let out = Command::new("ldd").arg(binary).output().expect("run ldd");
	assert!(out.status.success(), "ldd {binary}: {}", String::from_utf8_lossy(&out.stderr));
	String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn deai_task_does_not_link_libtorch() {
	let binary = env!("CARGO_BIN_EXE_deai-task");
	let libraries = linked(binary);
	assert!(libraries.contains("libc.so"), "an ldd listing: {libraries}");
	for torch in ["libtorch", "libc10", "torch_cpu"] {
		assert!(!libraries.contains(torch), "deai-task links {torch}:\n{libraries}");
	}
	// And it runs with no library path at all.
	let out = Command::new(binary).arg("--help").env_remove("LD_LIBRARY_PATH").env_remove("LIBTORCH").output().unwrap();
	assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
	assert!(String::from_utf8_lossy(&out.stdout).contains("submit"));
}
