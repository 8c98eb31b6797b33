#!/usr/bin/env bash
# Builds what deai runs: the node (release). Incremental: a no-op when nothing changed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

cd "$DEAI_ROOT"
log "building deai-node (release) into $CARGO_TARGET_DIR"
cargo build --locked --release -p deai-node
log "built $DEAI_NODE"
