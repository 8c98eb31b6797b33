#!/usr/bin/env bash
# Builds the deai runtime one spec version later (runtime/upgrade-test, the runtime's
# `upgrade-test` feature) for the client test of a runtime upgrade enacted by a referendum, and
# prints the path of its compressed wasm blob. Run it after scripts/build.sh.
#
# Its wasm project is seeded with a copy of the node's runtime build (same dependencies, same
# flags), so a fresh machine compiles only the runtime crate again, not all of FRAME for wasm.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

cd "$DEAI_ROOT"
wbuild="$CARGO_TARGET_DIR/release/wbuild"
if [ ! -d "$wbuild/deai-runtime-upgrade-test/target" ] && [ -d "$wbuild/deai-runtime/target" ]; then
	log "seeding the upgrade runtime's wasm build with the node's"
	mkdir -p "$wbuild/deai-runtime-upgrade-test"
	cp -a "$wbuild/deai-runtime/target" "$wbuild/deai-runtime-upgrade-test/target"
fi
log "building the runtime one spec version later (the governance test's upgrade)"
# Built together with the node, so that cargo resolves the host crates' features as for the
# node and reuses them: alone, this package resolved them otherwise, and a fresh machine built
# the wasm builder and its C++ wasm-opt a second time (6 min 40 s of a 52 min fresh test run).
cargo build --locked --release -p deai-node -p deai-runtime-upgrade-test >&2
wasm="$DEAI_UPGRADE_WASM"
[ -f "$wasm" ] || die "the upgrade runtime was not built at $wasm"
printf '%s\n' "$wasm"
