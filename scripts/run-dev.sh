#!/usr/bin/env bash
# The main command: set up, build, and run a deai development chain with three compute workers
# (Bob, Charlie, Dave) serving the demo models, ready for polkadot-js apps.
# Ctrl-C stops every process it started.
#
# Ports (environment; defaults in brackets), so that it can run beside other nodes:
#   DEAI_RPC_PORT [9944]  DEAI_P2P_PORT [30333]  DEAI_PROMETHEUS_PORT [9615]
#   DEAI_METRICS_PORT_BASE [9616]: the workers' metrics, one port each from there (9616-9618)
#   DEAI_WEB_PORT [8080]: the page (web/), served from web/dist
# DEAI_RUN_DIR [~/.cache/deai/run]: logs, worker state and the demo inputs; recreated each run
# (only if this script created it: it carries a `.deai-run` marker).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DEAI_RPC_PORT="${DEAI_RPC_PORT:-${RPC_PORT:-9944}}" # RPC_PORT: the older name
DEAI_P2P_PORT="${DEAI_P2P_PORT:-30333}"
DEAI_PROMETHEUS_PORT="${DEAI_PROMETHEUS_PORT:-9615}"
DEAI_METRICS_PORT_BASE="${DEAI_METRICS_PORT_BASE:-9616}"
DEAI_WEB_PORT="${DEAI_WEB_PORT:-8080}"
if node_builds_page; then check_ports_free DEAI_WEB_PORT="$DEAI_WEB_PORT"; fi
check_ports_free DEAI_RPC_PORT="$DEAI_RPC_PORT" DEAI_P2P_PORT="$DEAI_P2P_PORT" \
	DEAI_PROMETHEUS_PORT="$DEAI_PROMETHEUS_PORT" DEAI_METRICS_PORT_BASE="$DEAI_METRICS_PORT_BASE"
check_ports_free "DEAI_METRICS_PORT_BASE + 1=$((DEAI_METRICS_PORT_BASE + 1))" \
	"DEAI_METRICS_PORT_BASE + 2=$((DEAI_METRICS_PORT_BASE + 2))"

"$DEAI_ROOT/scripts/setup.sh"
"$DEAI_ROOT/scripts/build.sh"

run_dir="$(abs_path "${DEAI_RUN_DIR:-$HOME/.cache/deai/run}")"
# Earlier versions wrote no marker; a folder holding only what they wrote is recognized as theirs.
fresh_owned_dir "$run_dir" .deai-run node.log 'worker-*.log' 'state-*' digit-3.hex speech-f32.bin
stop_children_on_exit

log "starting deai-node --dev (RPC ws://127.0.0.1:$DEAI_RPC_PORT, log $run_dir/node.log)"
spawn "$run_dir/node.log" "$DEAI_NODE" --dev --rpc-port "$DEAI_RPC_PORT" --port "$DEAI_P2P_PORT" \
	--prometheus-port "$DEAI_PROMETHEUS_PORT" --no-mdns
for _ in $(seq 1 60); do
	rpc "$DEAI_RPC_PORT" system_health '[]' | grep -q peers && break
	kill -0 "${DEAI_PIDS[0]}" 2>/dev/null || die "the node exited: see $run_dir/node.log"
	sleep 1
done

start_workers "$DEAI_RPC_PORT" "$run_dir" bob charlie dave
log "Bob, Charlie and Dave have joined as compute nodes"

page="  Page:              (not built: Node.js 20.19+ builds it)"
if [ -f "$DEAI_ROOT/web/dist/index.html" ] && node_builds_page; then
	spawn "$run_dir/web.log" node "$DEAI_ROOT/scripts/serve-web.mjs" "$DEAI_WEB_PORT"
	page="  Page:              http://127.0.0.1:${DEAI_WEB_PORT}/?rpc=ws%3A%2F%2F127.0.0.1%3A${DEAI_RPC_PORT}  (submit, follow, explore)"
fi

# Ready-to-use inputs for the demo models: digit-3.txt/.hex, speech.wav, speech-f32.bin.
write_demo_inputs "$run_dir"
model_id() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["model_id"])' "$DEAI_ROOT/inference-worker/models/$1.json"; }
SILERO=$(model_id silero-vad)
DIGITS=$(model_id digits-mlp)
task="$DEAI_WORKER_TARGET_DIR/release/deai-task"
[ "$DEAI_RPC_PORT" = 9944 ] || task="$task --rpc ws://127.0.0.1:$DEAI_RPC_PORT"

cat <<INFO

  deai development chain is running, with three compute workers (Bob, Charlie, Dave).

$page
  polkadot-js apps:  https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A${DEAI_RPC_PORT}
  RPC endpoint:      ws://127.0.0.1:${DEAI_RPC_PORT}
  Accounts:          the dev accounts (Alice, Bob, ...) hold 1,000,000 DEAI each; Alice validates and is sudo.

  Submit a task:     Developer > Extrinsics > (account Alice) > inference > createTask
    model            ${DIGITS}   (digits-mlp: 8x8 handwritten digit, pixels 0-16)
    input            $(cat "$run_dir/digit-3.hex")
                     (an 8x8 "3" from the digits data set: the answer is label 3)
    feePerNode       20000000000   (0.02 DEAI to each of the 3 agreeing nodes)
    redundancy       leave empty (3)

    or model         ${SILERO}   (silero-vad: 1 s of 16 kHz audio)
    input            switch "file upload" on and choose $run_dir/speech-f32.bin
                     (one second of speech: one bit per 32 ms chunk, set where speech is)

  Watch it:          Network > Explorer: inference.TaskCreated, TaskAssigned, Committed x3,
                     RevealStarted, Revealed x3, NodeRewarded x3, TaskCompleted (with the result)
  Read the result:   Developer > Runtime calls > inferenceApi > task(id)
                     or Developer > Chain state > inference > tasks(id)
                     (digits: the result 0x03000000 is label 3 as a little-endian u32)

  From a terminal:   $task --dev alice submit --model digits --file $run_dir/digit-3.txt
                     $task --dev alice submit --model vad --file $run_dir/speech.wav

  Logs:              $run_dir/node.log, $run_dir/worker-*.log
  Press Ctrl-C to stop everything.
INFO
wait "${DEAI_PIDS[0]}"
