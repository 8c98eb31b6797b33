#!/usr/bin/env bash
# Installs everything deai needs that a fresh Debian machine lacks. Idempotent: run it again and
# it only checks. Used by run-dev.sh and test.sh; safe to run on its own.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# --- Debian packages ---------------------------------------------------------------------------
# protobuf-compiler: the networking crates need protoc. build-essential/pkg-config/git/curl: the
# C parts of the build. python3: chain-spec tooling. nodejs/npm: the @polkadot/api clients.
APT_PACKAGES=(protobuf-compiler build-essential pkg-config git curl ca-certificates python3)
python3 -m pip --version >/dev/null 2>&1 || APT_PACKAGES+=(python3-pip)
missing=()
for p in "${APT_PACKAGES[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	missing+=(nodejs npm)
fi
if [ ${#missing[@]} -gt 0 ]; then
	log "installing Debian packages: ${missing[*]}"
	as_root apt-get update -qq
	DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || die "Node.js 20 or newer is needed (found $(node --version))"

# --- Rust --------------------------------------------------------------------------------------
command -v cargo >/dev/null 2>&1 || die "no Rust toolchain: install rustup (https://rustup.rs) first"
if ! rustup target list --installed | grep -qx wasm32v1-none; then
	log "adding the wasm32v1-none target (the runtime's wasm build)"
	rustup target add wasm32v1-none
fi
mkdir -p "$CARGO_TARGET_DIR"

# --- npm packages (pinned by scripts/package-lock.json) ----------------------------------------
if [ ! -d "$DEAI_ROOT/scripts/node_modules/@polkadot/api" ] ||
	[ "$DEAI_ROOT/scripts/package-lock.json" -nt "$DEAI_ROOT/scripts/node_modules/.package-lock.json" ]; then
	log "installing the pinned npm packages"
	(cd "$DEAI_ROOT/scripts" && npm ci --no-audit --no-fund --loglevel=error)
fi

# --- libtorch (CPU) and the demo models ---------------------------------------------------------
"$DEAI_ROOT/scripts/setup-libtorch.sh"
"$DEAI_ROOT/scripts/setup-models.sh"

log "set-up complete"
