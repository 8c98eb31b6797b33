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
stop_children_on_exit

log "starting deai-node --dev (RPC ws://127.0.0.1:$RPC_PORT, log $run_dir/node.log)"
spawn "$run_dir/node.log" "$DEAI_NODE" --dev --rpc-port "$RPC_PORT" --no-mdns
for _ in $(seq 1 60); do
	rpc "$RPC_PORT" system_health '[]' | grep -q peers && break
	kill -0 "${DEAI_PIDS[0]}" 2>/dev/null || die "the node exited: see $run_dir/node.log"
	sleep 1
done

start_workers "$RPC_PORT" "$run_dir" bob charlie dave
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
wait "${DEAI_PIDS[0]}"
