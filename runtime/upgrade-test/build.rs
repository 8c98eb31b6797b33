//! Builds `deai_runtime_upgrade_test.compact.compressed.wasm`: the deai runtime with the
//! `upgrade-test` feature (spec version + 1), in a wasm project of its own (so it never takes the
//! place of the node's runtime in the build cache).
fn main() {
	#[cfg(feature = "std")]
	substrate_wasm_builder::WasmBuilder::new()
		.with_current_project()
		.enable_feature("wasm")
		.export_heap_base()
		.import_memory()
		.build();
}
