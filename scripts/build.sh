#!/usr/bin/env bash
# Builds what deai runs: the node and the inference worker (release). Incremental: a no-op when
# nothing changed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

cd "$DEAI_ROOT"
log "building deai-node (release) into $CARGO_TARGET_DIR"
cargo build --locked --release -p deai-node
log "built $DEAI_NODE"

# The worker links libtorch; LIBTORCH tells torch-sys where it is (and build.rs sets the rpath).
log "building inference-worker (release) into $DEAI_WORKER_TARGET_DIR"
(cd "$DEAI_ROOT/inference-worker" &&
	LIBTORCH="$DEAI_LIBTORCH" CARGO_TARGET_DIR="$DEAI_WORKER_TARGET_DIR" cargo build --locked --release --bins)
log "built $DEAI_WORKER"

if node_builds_page; then
	log "building the page into web/dist"
	(cd "$DEAI_ROOT/web" && npm run --silent build >/dev/null)
fi
