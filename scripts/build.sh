#!/usr/bin/env bash
# Builds what deai runs: the node and the inference worker (release). Incremental: a no-op when
# nothing changed.
#
# The worker builds beside the node, one compiler job at a time: the node's build leaves a core
# idle for long stretches (the runtime's wasm crate, the native runtime, linking), which the
# worker's build fills; one after the other, a fresh machine spent 25 min on the node and then
# 7 min on the worker. The worker's output goes to a log, shown if its build fails.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

cd "$DEAI_ROOT"
mkdir -p "$DEAI_WORKER_TARGET_DIR"
worker_log="$DEAI_WORKER_TARGET_DIR/build.log"
# The worker links libtorch; LIBTORCH tells torch-sys where it is (and build.rs sets the rpath).
log "building inference-worker (release, beside the node, its output in $worker_log) into $DEAI_WORKER_TARGET_DIR"
LIBTORCH="$DEAI_LIBTORCH" CARGO_TARGET_DIR="$DEAI_WORKER_TARGET_DIR" \
	cargo build --manifest-path "$DEAI_ROOT/inference-worker/Cargo.toml" --locked --release --bins --jobs 1 \
	>"$worker_log" 2>&1 &
worker_build=$!
# Never leave the worker's build running behind a failed node build (or Ctrl-C).
trap 'kill "$worker_build" 2>/dev/null || true' EXIT

log "building deai-node (release) into $CARGO_TARGET_DIR"
cargo build --locked --release -p deai-node
log "built $DEAI_NODE"

if ! wait "$worker_build"; then
	tail -n 60 "$worker_log" >&2
	die "the inference-worker build failed (whole output: $worker_log)"
fi
trap - EXIT
log "built $DEAI_WORKER"
