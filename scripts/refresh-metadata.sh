#!/usr/bin/env bash
# Writes the runtime's metadata (version 16, with its runtime APIs), as a dev node serves it, to
# inference-worker/metadata/deai.scale: the file the worker's typed chain layer is generated from
# (subxt's codegen in inference-worker/client/src/api.rs), and the page's (papi, web/).
#   scripts/refresh-metadata.sh          rewrite the file from the built node
#   scripts/refresh-metadata.sh --check  fail when the file differs from the built node's runtime
# Builds nothing: run scripts/build.sh first.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

file="$DEAI_ROOT/inference-worker/metadata/deai.scale"
[ -x "$DEAI_NODE" ] || die "no node binary at $DEAI_NODE: run scripts/build.sh"
tmp="$(mktemp -d)"
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT
# RPC on port 0: the node binds a free port and logs it.
"$DEAI_NODE" --dev --tmp --rpc-port 0 --port 0 --no-prometheus --no-mdns >"$tmp/node.log" 2>&1 &
pid=$!
port=
for _ in $(seq 1 60); do
	kill -0 "$pid" 2>/dev/null || die "the node exited: $(tail -3 "$tmp/node.log")"
	[ -n "$port" ] || port="$(grep -oP 'Running JSON-RPC server: addr=127\.0\.0\.1:\K[0-9]+' "$tmp/node.log" | head -1 || true)"
	[ -n "$port" ] || { sleep 1; continue; }
	# Metadata_metadata_at_version(16): an Option<Vec<u8>> around the RuntimeMetadataPrefixed.
	rpc "$port" state_call '["Metadata_metadata_at_version", "0x10000000"]' >"$tmp/answer.json" 2>/dev/null &&
		grep -q '"result"' "$tmp/answer.json" && break
	sleep 1
done
python3 - "$tmp/answer.json" "$tmp/deai.scale" <<'PY'
import json, sys
answer = bytes.fromhex(json.load(open(sys.argv[1]))["result"][2:])
if answer[:1] != b"\x01":
	sys.exit("the runtime serves no metadata of version 16")
# The length of the bytes, SCALE compact: its two low bits say how many bytes it takes.
mode = answer[1] & 3
if mode == 3:
	sys.exit("metadata over 1 GiB?")
width = {0: 1, 1: 2, 2: 4}[mode]
length = int.from_bytes(answer[1:1 + width], "little") >> 2
metadata = answer[1 + width:]
if len(metadata) != length:
	sys.exit(f"metadata of {len(metadata)} bytes where {length} were announced")
open(sys.argv[2], "wb").write(metadata)
PY
if [ "${1:-}" = "--check" ]; then
	cmp -s "$tmp/deai.scale" "$file" ||
		die "inference-worker/metadata/deai.scale is not the runtime's metadata: run scripts/refresh-metadata.sh"
	log "inference-worker/metadata/deai.scale matches the runtime"
else
	mkdir -p "$(dirname "$file")"
	cp "$tmp/deai.scale" "$file"
	log "wrote $file ($(stat -c %s "$file") bytes)"
	# The page's typed API is generated from the same file.
	if [ -d "$DEAI_ROOT/web/node_modules/polkadot-api" ]; then
		(cd "$DEAI_ROOT/web" && npx --no-install papi >/dev/null)
		log "regenerated the page's typed API (web/.papi/descriptors): commit its package.json and web/package-lock.json with the metadata"
	fi
fi
