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

# --- processes of the run scripts ---------------------------------------------------------------
# `spawn LOG CMD...` starts CMD in the background with its output in LOG and remembers it;
# `stop_children_on_exit` makes Ctrl-C (or any exit) stop everything spawned.
DEAI_PIDS=()
spawn() {
	local out="$1"
	shift
	"$@" >"$out" 2>&1 &
	DEAI_PIDS+=($!)
}
stop_children() {
	trap - INT TERM EXIT
	if [ ${#DEAI_PIDS[@]} -gt 0 ]; then
		log "stopping ${#DEAI_PIDS[@]} process(es)"
		kill -TERM "${DEAI_PIDS[@]}" 2>/dev/null || true
		wait "${DEAI_PIDS[@]}" 2>/dev/null || true
	fi
}
stop_children_on_exit() { trap stop_children INT TERM EXIT; }

# `rpc PORT METHOD PARAMS-JSON` prints the JSON-RPC answer of the node on PORT.
rpc() {
	curl -s -H 'content-type: application/json' \
		-d "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"$2\",\"params\":$3}" "http://127.0.0.1:$1"
}

# The well-known dev accounts' public keys.
declare -A DEV_PUBKEY=(
	[alice]=d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d
	[bob]=8eaf04151687736326c9fea17e25fc5287613693c912909cb226aa4794f26a48
	[charlie]=90b5ab205c6974c9ea841be688864633dc9ca8a357843eeacf2314649965fe22
	[dave]=306721211d5404bd9da88e0204360a1a9ab8b87c66c1bc2fcdd37f3c2222cc20
	[eve]=e659a7a1628cdd93febc04a4e0646ea20e9f5f0ce097d9a05290d4a9e054df4e
	[ferdie]=1cbd2d43530a44705ad088af313e18f80b53ef16b36177cd4b77b846f2a5f07c
)

# `wait_joined PORT DEV LOG` waits until dev account DEV is a compute node (InferenceApi_node
# answers Some), or dies pointing at LOG.
wait_joined() {
	local answer
	for _ in $(seq 1 120); do
		answer=$(rpc "$1" state_call "[\"InferenceApi_node\", \"0x${DEV_PUBKEY[$2]}\"]" |
			python3 -c 'import json,sys; print(json.load(sys.stdin).get("result",""))' 2>/dev/null || true)
		case "$answer" in 0x01*) return 0 ;; esac
		sleep 1
	done
	die "$2's worker did not join: see $3"
}

# `start_workers PORT DIR DEV...`: one worker per dev account against the node on PORT (metrics
# on 9616, 9617, ...), state and logs in DIR; returns when all have joined.
start_workers() {
	local port="$1" dir="$2" metrics=9616 who
	shift 2
	for who in "$@"; do
		spawn "$dir/worker-$who.log" "$DEAI_WORKER" --rpc "ws://127.0.0.1:$port" --dev "$who" \
			--models "$DEAI_MODELS_DIR" --state-dir "$dir/state-$who" --metrics "127.0.0.1:$metrics"
		log "started the inference worker of $who (metrics http://127.0.0.1:$metrics/metrics, log $dir/worker-$who.log)"
		metrics=$((metrics + 1))
	done
	for who in "$@"; do
		wait_joined "$port" "$who" "$dir/worker-$who.log"
	done
}
