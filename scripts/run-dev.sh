#!/usr/bin/env bash
# The main command: set up, build, and run a deai development chain for polkadot-js apps.
# Ctrl-C stops everything it started.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RPC_PORT="${RPC_PORT:-9944}"
"$DEAI_ROOT/scripts/setup.sh"
"$DEAI_ROOT/scripts/build.sh"

run_dir="${DEAI_RUN_DIR:-$HOME/.cache/deai/run}"
mkdir -p "$run_dir"
pids=()
cleanup() {
	trap - INT TERM EXIT
	if [ ${#pids[@]} -gt 0 ]; then
		log "stopping ${#pids[@]} process(es)"
		kill -INT "${pids[@]}" 2>/dev/null || true
		wait "${pids[@]}" 2>/dev/null || true
	fi
}
trap cleanup INT TERM EXIT

log "starting deai-node --dev (RPC ws://127.0.0.1:$RPC_PORT, log $run_dir/node.log)"
"$DEAI_NODE" --dev --rpc-port "$RPC_PORT" --no-mdns >"$run_dir/node.log" 2>&1 &
pids+=($!)

for _ in $(seq 1 60); do
	if curl -s -H 'content-type: application/json' \
		-d '{"jsonrpc":"2.0","id":1,"method":"system_health"}' "http://127.0.0.1:$RPC_PORT" >/dev/null; then
		break
	fi
	kill -0 "${pids[0]}" 2>/dev/null || die "the node exited: see $run_dir/node.log"
	sleep 1
done

cat <<INFO

  deai development chain is running.

  polkadot-js apps:  https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A${RPC_PORT}
  RPC endpoint:      ws://127.0.0.1:${RPC_PORT}
  Accounts:          the well-known dev accounts (Alice, Bob, ...) are endowed; Alice is sudo.

  Submit a task:     Developer > Extrinsics > inference > createTask(model, input, feePerNode, redundancy)
  Watch it:          Network > Explorer (events inference.TaskAssigned ... inference.TaskCompleted)
  Read the result:   Developer > Runtime calls > inferenceApi > task(id)
                     or Developer > Chain state > inference > tasks(id)

  Press Ctrl-C to stop.
INFO
wait "${pids[0]}"
