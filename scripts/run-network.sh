#!/usr/bin/env bash
# A multi-process deai network on one machine, to see the roles apart:
#   two validators (Alice and Bob, `--chain local`) that author and finalize blocks,
#   one full node without keys that serves RPC (ws://127.0.0.1:9944),
#   three compute workers (Charlie, Dave, Ferdie) connected to the full node only.
# Compute nodes are ordinary accounts with a stake: they never author or finalize blocks.
# Ctrl-C stops every process it started.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RPC_PORT="${RPC_PORT:-9944}"
"$DEAI_ROOT/scripts/setup.sh"
"$DEAI_ROOT/scripts/build.sh"

dir="${DEAI_RUN_DIR:-$HOME/.cache/deai/network}"
rm -rf "$dir"
mkdir -p "$dir"
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

# Validators need a persistent network key; Alice's fixed one gives the others a known boot node.
printf '%064x' 1 >"$dir/alice.node-key"
alice_peer=$("$DEAI_NODE" key inspect-node-key --file "$dir/alice.node-key")
boot="/ip4/127.0.0.1/tcp/30333/p2p/$alice_peer"

start() { # name, log, args...
	local name="$1"
	shift
	"$DEAI_NODE" --chain local --base-path "$dir/$name" --no-mdns --no-telemetry --name "$name" "$@" >"$dir/$name.log" 2>&1 &
	pids+=($!)
	log "started $name (log $dir/$name.log)"
}
start alice --alice --validator --port 30333 --rpc-port 9945 --prometheus-port 9615 --node-key-file "$dir/alice.node-key"
printf '%064x' 2 >"$dir/bob.node-key"
start bob --bob --validator --port 30334 --rpc-port 9946 --prometheus-port 9625 --bootnodes "$boot" --node-key-file "$dir/bob.node-key"
start full --port 30335 --rpc-port "$RPC_PORT" --prometheus-port 9635 --bootnodes "$boot"

rpc() {
	curl -s -H 'content-type: application/json' \
		-d "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"$1\",\"params\":$2}" "http://127.0.0.1:$3"
}
for _ in $(seq 1 60); do
	rpc system_health '[]' "$RPC_PORT" | grep -q '"peers":2' && break
	sleep 1
done

declare -A PUBKEY=(
	[charlie]=90b5ab205c6974c9ea841be688864633dc9ca8a357843eeacf2314649965fe22
	[dave]=306721211d5404bd9da88e0204360a1a9ab8b87c66c1bc2fcdd37f3c2222cc20
	[ferdie]=1cbd2d43530a44705ad088af313e18f80b53ef16b36177cd4b77b846f2a5f07c
)
port=9616
for who in charlie dave ferdie; do
	"$DEAI_WORKER" --rpc "ws://127.0.0.1:$RPC_PORT" --dev "$who" --models "$DEAI_MODELS_DIR" \
		--state-dir "$dir/state-$who" --metrics "127.0.0.1:$port" >"$dir/worker-$who.log" 2>&1 &
	pids+=($!)
	log "started the worker of $who, connected to the full node (log $dir/worker-$who.log)"
	port=$((port + 1))
done
for who in charlie dave ferdie; do
	for i in $(seq 1 120); do
		answer=$(rpc state_call "[\"InferenceApi_node\", \"0x${PUBKEY[$who]}\"]" "$RPC_PORT" |
			python3 -c 'import json,sys; print(json.load(sys.stdin).get("result",""))' 2>/dev/null || true)
		case "$answer" in 0x01*) break ;; esac
		[ "$i" -lt 120 ] || die "$who's worker did not join: see $dir/worker-$who.log"
		sleep 1
	done
done

roles() { rpc system_nodeRoles '[]' "$1" | python3 -c 'import json,sys; print(",".join(json.load(sys.stdin)["result"]))'; }
cat <<INFO

  deai network running on this machine:
    validator alice   RPC ws://127.0.0.1:9945      role $(roles 9945)   authors and finalizes
    validator bob     RPC ws://127.0.0.1:9946      role $(roles 9946)   authors and finalizes
    full node         RPC ws://127.0.0.1:${RPC_PORT}      role $(roles "$RPC_PORT")        serves clients and workers
    workers           charlie, dave, ferdie: compute nodes (staked accounts) connected to the full node;
                      they are not in the Aura/GRANDPA authority sets

  polkadot-js apps:   https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A${RPC_PORT}
  Task client:        $DEAI_WORKER_TARGET_DIR/release/deai-task --dev alice submit --model digits --file <8x8 digit>
  Logs:               $dir/*.log
  Press Ctrl-C to stop everything.
INFO
wait "${pids[0]}"
