#!/usr/bin/env bash
# Writes the runtime's metadata, as a dev node serves it, to inference-worker/metadata/deai.scale:
# the file the worker's typed chain layer is checked against (`cargo test` in inference-worker).
#   scripts/refresh-metadata.sh          rewrite the file from the built node
#   scripts/refresh-metadata.sh --check  fail when the file differs from the built node's runtime
# Builds nothing: run scripts/build.sh first.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

file="$DEAI_ROOT/inference-worker/metadata/deai.scale"
[ -x "$DEAI_NODE" ] || die "no node binary at $DEAI_NODE: run scripts/build.sh"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
tmp="$(mktemp -d)"
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT
"$DEAI_NODE" --dev --tmp --rpc-port "$port" --port 0 --no-prometheus --no-mdns >"$tmp/node.log" 2>&1 &
pid=$!
for _ in $(seq 1 60); do
	rpc "$port" state_getMetadata '[]' >"$tmp/answer.json" 2>/dev/null && grep -q '"result"' "$tmp/answer.json" && break
	kill -0 "$pid" 2>/dev/null || die "the node exited: $(tail -3 "$tmp/node.log")"
	sleep 1
done
python3 - "$tmp/answer.json" "$tmp/deai.scale" <<'PY'
import json, sys
hexed = json.load(open(sys.argv[1]))["result"]
open(sys.argv[2], "wb").write(bytes.fromhex(hexed[2:]))
PY
if [ "${1:-}" = "--check" ]; then
	cmp -s "$tmp/deai.scale" "$file" ||
		die "inference-worker/metadata/deai.scale is not the runtime's metadata: run scripts/refresh-metadata.sh"
	log "inference-worker/metadata/deai.scale matches the runtime"
else
	mkdir -p "$(dirname "$file")"
	cp "$tmp/deai.scale" "$file"
	log "wrote $file ($(stat -c %s "$file") bytes)"
fi
