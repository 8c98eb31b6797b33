#!/usr/bin/env bash
# A multi-process deai network on one machine, to see the roles apart:
#   two validators (Alice and Bob, `--chain local`), elected by their bonded stake at genesis, that
#   author (BABE) and finalize (GRANDPA) blocks; anyone may bond and `validate` to join them,
#   one full node without keys that serves RPC (ws://127.0.0.1:9900 by default),
#   three compute workers (Charlie, Dave, Ferdie) connected to the full node only.
# Compute nodes are ordinary accounts with a stake: they never author or finalize blocks.
# Ctrl-C stops every process it started.
#
# All its ports derive from DEAI_NETWORK_PORT_BASE (default 9900), clear of run-dev.sh's
# defaults (9944, 30333, 9615, 9616-9618), so both can run at once:
#   base+0 the full node's RPC      base+1, +2   Alice's and Bob's RPC
#   base+10..12 p2p (Alice, Bob, full)   base+20..22 Prometheus (same order)
#   base+30..32 the workers' metrics (Charlie, Dave, Ferdie)
# DEAI_RUN_DIR [~/.cache/deai/network]: databases, logs and worker state; recreated each run
# (only if this script created it: it carries a `.deai-network` marker).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

base="${DEAI_NETWORK_PORT_BASE:-9900}"
check_ports_free DEAI_NETWORK_PORT_BASE="$base"
[ "$base" -le $((65535 - 32)) ] || die "DEAI_NETWORK_PORT_BASE=$base: the network needs base+32, at most 65535"
rpc_full=$base rpc_alice=$((base + 1)) rpc_bob=$((base + 2))
p2p_alice=$((base + 10)) p2p_bob=$((base + 11)) p2p_full=$((base + 12))
prom_alice=$((base + 20)) prom_bob=$((base + 21)) prom_full=$((base + 22))
DEAI_METRICS_PORT_BASE=$((base + 30))
ports=()
for p in $rpc_alice $rpc_bob $p2p_alice $p2p_bob $p2p_full $prom_alice $prom_bob $prom_full \
	$DEAI_METRICS_PORT_BASE $((DEAI_METRICS_PORT_BASE + 1)) $((DEAI_METRICS_PORT_BASE + 2)); do
	ports+=("DEAI_NETWORK_PORT_BASE + $((p - base))=$p")
done
check_ports_free "${ports[@]}"

"$DEAI_ROOT/scripts/setup.sh"
"$DEAI_ROOT/scripts/build.sh"

dir="$(abs_path "${DEAI_RUN_DIR:-$HOME/.cache/deai/network}")"
# Earlier versions wrote no marker; a folder holding only what they wrote is recognized as theirs.
fresh_owned_dir "$dir" .deai-network alice bob full alice.node-key bob.node-key alice.log bob.log \
	full.log 'worker-*.log' 'state-*'
stop_children_on_exit

# Validators need a persistent network key; Alice's fixed one gives the others a known boot node.
printf '%064x' 1 >"$dir/alice.node-key"
alice_peer=$("$DEAI_NODE" key inspect-node-key --file "$dir/alice.node-key")
boot="/ip4/127.0.0.1/tcp/$p2p_alice/p2p/$alice_peer"

start() { # name, log, args...
	local name="$1"
	shift
	spawn "$dir/$name.log" "$DEAI_NODE" --chain local --base-path "$dir/$name" --no-mdns --no-telemetry --name "$name" "$@"
	log "started $name (log $dir/$name.log)"
}
start alice --alice --validator --port "$p2p_alice" --rpc-port "$rpc_alice" --prometheus-port "$prom_alice" --node-key-file "$dir/alice.node-key"
printf '%064x' 2 >"$dir/bob.node-key"
start bob --bob --validator --port "$p2p_bob" --rpc-port "$rpc_bob" --prometheus-port "$prom_bob" --bootnodes "$boot" --node-key-file "$dir/bob.node-key"
start full --port "$p2p_full" --rpc-port "$rpc_full" --prometheus-port "$prom_full" --bootnodes "$boot"

for _ in $(seq 1 60); do
	rpc "$rpc_full" system_health '[]' | grep -q '"peers":2' && break
	sleep 1
done

start_workers "$rpc_full" "$dir" charlie dave ferdie
write_demo_inputs "$dir"

roles() { rpc "$1" system_nodeRoles '[]' | python3 -c 'import json,sys; print(",".join(json.load(sys.stdin)["result"]))'; }
cat <<INFO

  deai network running on this machine:
    validator alice   RPC ws://127.0.0.1:${rpc_alice}      role $(roles "$rpc_alice")   elected by stake; authors and finalizes
    validator bob     RPC ws://127.0.0.1:${rpc_bob}      role $(roles "$rpc_bob")   elected by stake; authors and finalizes
    full node         RPC ws://127.0.0.1:${rpc_full}      role $(roles "$rpc_full")        serves clients and workers
    workers           charlie, dave, ferdie: compute nodes (staked accounts) connected to the full node;
                      they are not validators (no session keys; staking never elected them)

  polkadot-js apps:   https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A${rpc_full}
  Task client:        $DEAI_WORKER_TARGET_DIR/release/deai-task --rpc ws://127.0.0.1:${rpc_full} --dev alice submit --model digits --file $dir/digit-3.txt
                      $DEAI_WORKER_TARGET_DIR/release/deai-task --rpc ws://127.0.0.1:${rpc_full} --dev alice submit --model vad --file $dir/speech.wav
  Logs:               $dir/*.log
  Press Ctrl-C to stop everything.
INFO
wait "${DEAI_PIDS[0]}"
