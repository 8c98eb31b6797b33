//! Puts libtorch's library folder into the binary's run path, so `inference-worker` runs without
//! `LD_LIBRARY_PATH`. torch-sys finds libtorch through `LIBTORCH` (set by scripts/lib.sh).
fn main() {
	println!("cargo:rerun-if-env-changed=LIBTORCH");
	if let Ok(libtorch) = std::env::var("LIBTORCH") {
		println!("cargo:rustc-link-arg=-Wl,-rpath,{libtorch}/lib");
	}
}
