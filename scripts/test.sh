#!/usr/bin/env bash
# Runs every deai test: set-up, build, Rust unit and runtime tests, benchmarks as tests, and the
# client tests against real node processes. This is the README's test command and what CI runs.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

"$DEAI_ROOT/scripts/setup.sh"
"$DEAI_ROOT/scripts/build.sh"
"$DEAI_ROOT/scripts/build-upgrade-runtime.sh" >/dev/null

cd "$DEAI_ROOT"
# Release profile: the tests reuse the dependencies the node build compiled. The runtime's tests
# live with the node (node/tests/runtime.rs), so they add no second build of the client crates.
log "Rust tests: primitives, pallet (mock runtime), runtime (with the node's dependencies)"
cargo test --locked --release -p deai-primitives -p pallet-inference
cargo test --locked --release -p deai-node --test runtime -- --nocapture
log "pallet benchmarks, run as tests"
cargo test --locked --release -p pallet-inference --features runtime-benchmarks -- benchmark

log "the worker's typed chain layer is checked against this runtime's metadata"
"$DEAI_ROOT/scripts/refresh-metadata.sh" --check

log "worker tests: encodings, persistence, crash safety, and the real models on libtorch"
(cd "$DEAI_ROOT/inference-worker" &&
	LIBTORCH="$DEAI_LIBTORCH" CARGO_TARGET_DIR="$DEAI_WORKER_TARGET_DIR" cargo test --locked --release)

if node_builds_page; then
	log "the page's unit tests (Vitest)"
	(cd "$DEAI_ROOT/web" && npx vitest run)
fi

log "client tests against real nodes and workers, and the page in a browser (node --test)"
cd "$DEAI_ROOT/scripts"
node --test --test-concurrency=3 --test-reporter=spec tests/
log "all tests passed"
