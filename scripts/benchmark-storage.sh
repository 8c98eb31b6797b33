#!/usr/bin/env bash
# Measures the node database's read and write costs (ParityDb) on this machine and rewrites
# runtime/src/weights/paritydb_weights.rs (the runtime's `DbWeight`), with a margin of two.
#   scripts/benchmark-storage.sh DB_BASE_PATH
# DB_BASE_PATH: the --base-path of a dev chain with some state, e.g. the one the throughput
# benchmark leaves behind (it prints it as `dbPath`). Needs the benchmark build of
# scripts/benchmark-pallet.sh (it builds it if missing).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

base="${1:?usage: scripts/benchmark-storage.sh DB_BASE_PATH}"
bench_target="${DEAI_BENCH_TARGET_DIR:-$HOME/.cache/deai/target-bench}"
cd "$DEAI_ROOT"
if [ ! -x "$bench_target/release/deai-node" ]; then
	export SKIP_FRAME_STORAGE_ACCESS_TEST_RUNTIME_WASM_BUILD=1
	CARGO_TARGET_DIR="$bench_target" cargo build --locked --release -p deai-node --features runtime-benchmarks
fi
"$bench_target/release/deai-node" benchmark storage --dev --base-path "$base" --state-version 1 \
	--database paritydb --batch-size 1000 --mul 2 --weight-path "$DEAI_ROOT/runtime/src/weights/"
# The generated file's test module needs crates the runtime does not use: keep the constants.
python3 - "$DEAI_ROOT/runtime/src/weights/paritydb_weights.rs" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
s = s.replace("use sp_weights::RuntimeDbWeight;", "use frame_support::weights::RuntimeDbWeight;")
i = s.find("\t#[cfg(test)]")
if i >= 0:
    s = s[:i].rstrip() + "\n}\n"
open(p, "w").write(s)
PY
log "wrote runtime/src/weights/paritydb_weights.rs"
