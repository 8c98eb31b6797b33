#!/usr/bin/env bash
# Builds a network's chain spec from its human-edited inputs (chain-spec/<network>.json):
#   scripts/build-chain-spec.sh [inputs.json] [out-dir]
# writes <out-dir>/<id>.plain.json (readable, reviewable) and <out-dir>/<id>.raw.json (what every
# node of the network starts with: --chain <id>.raw.json). Defaults: chain-spec/testnet.json and
# chain-spec/build/. See chain-spec/README.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

inputs="${1:-$DEAI_ROOT/chain-spec/testnet.json}"
out="${2:-$DEAI_ROOT/chain-spec/build}"
[ -f "$inputs" ] || die "no inputs file at $inputs"
[ -x "$DEAI_NODE" ] || die "no node binary at $DEAI_NODE: run scripts/build.sh"
mkdir -p "$out"

id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$inputs")
base="$out/$id.base.json"
plain="$out/$id.plain.json"
raw="$out/$id.raw.json"

# The runtime's local_testnet preset gives the genesis layout and the runtime code; the inputs
# replace its network-specific parts.
"$DEAI_NODE" build-spec --chain local --disable-default-bootnode 2>/dev/null > "$base"
python3 "$DEAI_ROOT/chain-spec/apply_inputs.py" "$base" "$inputs" "$plain"
"$DEAI_NODE" build-spec --chain "$plain" --raw --disable-default-bootnode 2>/dev/null > "$raw"
rm -f "$base"
log "plain spec: $plain"
log "raw spec:   $raw"
