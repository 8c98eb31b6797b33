#!/usr/bin/env bash
# Settings shared by deai's scripts; `source` it.
#
# The build cache lives outside the checkout so that every clone on this machine (and CI) reuses
# it: override with CARGO_TARGET_DIR.

DEAI_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DEAI_ROOT
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/deai/target}"
# wasm-builder puts the runtime's wasm project under the target dir; this tells it the workspace.
export WASM_BUILD_WORKSPACE_HINT="$DEAI_ROOT"
export PATH="$HOME/.cargo/bin:$PATH"
export DEAI_NODE="${DEAI_NODE:-$CARGO_TARGET_DIR/release/deai-node}"

log() { printf '\033[1;34m[deai]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[deai] error:\033[0m %s\n' "$*" >&2; exit 1; }

# Runs a command as root (directly, or through sudo when not root).
as_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# libtorch (CPU, trimmed; see setup-libtorch.sh): the inference worker links it.
export DEAI_LIBTORCH="${DEAI_LIBTORCH:-$HOME/.cache/deai/libtorch-2.13.0/torch}"
# The worker is its own workspace (it links libtorch); its build cache sits beside the chain's.
export DEAI_WORKER_TARGET_DIR="${DEAI_WORKER_TARGET_DIR:-$HOME/.cache/deai/target-worker}"
export DEAI_WORKER="${DEAI_WORKER:-$DEAI_WORKER_TARGET_DIR/release/inference-worker}"
# Demo models and the digits data (scripts/setup-models.sh).
export DEAI_MODELS_DIR="${DEAI_MODELS_DIR:-$HOME/.cache/deai/models}"
export DEAI_DATA_DIR="${DEAI_DATA_DIR:-$HOME/.cache/deai/data}"
