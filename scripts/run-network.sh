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
stop_children_on_exit

# Validators need a persistent network key; Alice's fixed one gives the others a known boot node.
printf '%064x' 1 >"$dir/alice.node-key"
alice_peer=$("$DEAI_NODE" key inspect-node-key --file "$dir/alice.node-key")
boot="/ip4/127.0.0.1/tcp/30333/p2p/$alice_peer"

start() { # name, log, args...
	local name="$1"
	shift
	spawn "$dir/$name.log" "$DEAI_NODE" --chain local --base-path "$dir/$name" --no-mdns --no-telemetry --name "$name" "$@"
	log "started $name (log $dir/$name.log)"
}
start alice --alice --validator --port 30333 --rpc-port 9945 --prometheus-port 9615 --node-key-file "$dir/alice.node-key"
printf '%064x' 2 >"$dir/bob.node-key"
start bob --bob --validator --port 30334 --rpc-port 9946 --prometheus-port 9625 --bootnodes "$boot" --node-key-file "$dir/bob.node-key"
start full --port 30335 --rpc-port "$RPC_PORT" --prometheus-port 9635 --bootnodes "$boot"

for _ in $(seq 1 60); do
	rpc "$RPC_PORT" system_health '[]' | grep -q '"peers":2' && break
	sleep 1
done

start_workers "$RPC_PORT" "$dir" charlie dave ferdie

roles() { rpc "$1" system_nodeRoles '[]' | python3 -c 'import json,sys; print(",".join(json.load(sys.stdin)["result"]))'; }
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
wait "${DEAI_PIDS[0]}"
