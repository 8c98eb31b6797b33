#!/usr/bin/env bash
# The main command: set up, build, and run a deai development chain with three compute workers
# (Bob, Charlie, Dave) serving the demo models, ready for polkadot-js apps.
# Ctrl-C stops every process it started.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RPC_PORT="${RPC_PORT:-9944}"
"$DEAI_ROOT/scripts/setup.sh"
"$DEAI_ROOT/scripts/build.sh"

run_dir="${DEAI_RUN_DIR:-$HOME/.cache/deai/run}"
rm -rf "$run_dir"
mkdir -p "$run_dir"
pids=()
cleanup() {
	trap - INT TERM EXIT
	if [ ${#pids[@]} -gt 0 ]; then
		log "stopping ${#pids[@]} process(es)"
		kill -TERM "${pids[@]}" 2>/dev/null || true
		wait "${pids[@]}" 2>/dev/null || true
	fi
}
trap cleanup INT TERM EXIT

rpc() {
	curl -s -H 'content-type: application/json' \
		-d "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"$1\",\"params\":$2}" "http://127.0.0.1:$RPC_PORT"
}

log "starting deai-node --dev (RPC ws://127.0.0.1:$RPC_PORT, log $run_dir/node.log)"
"$DEAI_NODE" --dev --rpc-port "$RPC_PORT" --no-mdns >"$run_dir/node.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 60); do
	rpc system_health '[]' | grep -q peers && break
	kill -0 "${pids[0]}" 2>/dev/null || die "the node exited: see $run_dir/node.log"
	sleep 1
done

# The well-known dev accounts' public keys (//Bob, //Charlie, //Dave).
declare -A PUBKEY=(
	[bob]=8eaf04151687736326c9fea17e25fc5287613693c912909cb226aa4794f26a48
	[charlie]=90b5ab205c6974c9ea841be688864633dc9ca8a357843eeacf2314649965fe22
	[dave]=306721211d5404bd9da88e0204360a1a9ab8b87c66c1bc2fcdd37f3c2222cc20
)
port=9616
for who in bob charlie dave; do
	log "starting the inference worker of ${who} (metrics http://127.0.0.1:$port/metrics, log $run_dir/worker-$who.log)"
	"$DEAI_WORKER" --rpc "ws://127.0.0.1:$RPC_PORT" --dev "$who" --models "$DEAI_MODELS_DIR" \
		--state-dir "$run_dir/state-$who" --metrics "127.0.0.1:$port" >"$run_dir/worker-$who.log" 2>&1 &
	pids+=($!)
	port=$((port + 1))
done
for who in bob charlie dave; do
	for i in $(seq 1 90); do
		# InferenceApi_node(account) answers 0x00 (None) until the node has joined.
		answer=$(rpc state_call "[\"InferenceApi_node\", \"0x${PUBKEY[$who]}\"]" | python3 -c 'import json,sys; print(json.load(sys.stdin).get("result",""))' 2>/dev/null || true)
		case "$answer" in 0x01*) break ;; esac
		[ "$i" -lt 90 ] || die "$who's worker did not join: see $run_dir/worker-$who.log"
		sleep 1
	done
done
log "Bob, Charlie and Dave have joined as compute nodes"

# Ready-to-use inputs for the demo models.
python3 - "$DEAI_DATA_DIR/digits.csv.gz" "$DEAI_ROOT/inference-worker/tests/fixtures/speech.wav" "$run_dir" <<'PY'
import gzip, struct, sys, wave
data, wav, out = sys.argv[1:]
rows = [l.split(",") for l in gzip.open(data, "rt").read().split()]
row = next(r for r in rows if r[64].strip() == "3")
open(f"{out}/digit-3.hex", "w").write("0x" + bytes(int(float(v)) for v in row[:64]).hex() + "\n")
with wave.open(wav) as w:
    pcm = w.readframes(w.getnframes())
samples = struct.unpack(f"<{len(pcm)//2}h", pcm)
open(f"{out}/speech-f32.bin", "wb").write(struct.pack(f"<{len(samples)}f", *(s / 32768 for s in samples)))
PY
SILERO=0x4998d283b192378153ae7178b3b049fc4801577f833169e3efcc0c05b5ad6315
DIGITS=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["model_id"])' "$DEAI_ROOT/inference-worker/models/digits-mlp.json")

cat <<INFO

  deai development chain is running, with three compute workers (Bob, Charlie, Dave).

  polkadot-js apps:  https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A${RPC_PORT}
  RPC endpoint:      ws://127.0.0.1:${RPC_PORT}
  Accounts:          the dev accounts (Alice, Bob, ...) hold 1,000,000 DEAI each; Alice is sudo.

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

  Logs:              $run_dir/node.log, $run_dir/worker-*.log
  Press Ctrl-C to stop everything.
INFO
wait "${pids[0]}"
