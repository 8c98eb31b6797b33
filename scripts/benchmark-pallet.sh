#!/usr/bin/env bash
# Measures the inference pallet on this machine and rewrites pallets/inference/src/weights.rs.
#   scripts/benchmark-pallet.sh [steps] [repeat]
# Builds a separate deai-node with `--features runtime-benchmarks` in its own target dir, so the
# everyday node build is left alone.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

steps="${1:-20}"
repeat="${2:-10}"
bench_target="${DEAI_BENCH_TARGET_DIR:-$HOME/.cache/deai/target-bench}"
cd "$DEAI_ROOT"
# The benchmark CLI depends on a test runtime for `benchmark storage`, which deai does not use;
# its wasm build cannot find itself in this workspace's metadata, so skip it.
export SKIP_FRAME_STORAGE_ACCESS_TEST_RUNTIME_WASM_BUILD=1
log "building deai-node with runtime-benchmarks into $bench_target"
CARGO_TARGET_DIR="$bench_target" cargo build --locked --release -p deai-node --features runtime-benchmarks
log "benchmarking pallet_inference (steps $steps, repeat $repeat)"
"$bench_target/release/deai-node" benchmark pallet \
	--runtime "$bench_target/release/wbuild/deai-runtime/deai_runtime.compact.compressed.wasm" \
	--genesis-builder=runtime \
	--pallet pallet_inference \
	--extrinsic '*' \
	--steps "$steps" \
	--repeat "$repeat" \
	--template "$DEAI_ROOT/scripts/weights-template.hbs" \
	--output "$DEAI_ROOT/pallets/inference/src/weights.rs"
log "wrote pallets/inference/src/weights.rs"
