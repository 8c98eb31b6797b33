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
# Debian's own Node.js (Debian 12: 18.20, Debian 13: 20.19) when there is none; a Node.js that is
# already installed (NodeSource, nvm, ...) is used as it is.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
	log "installing Debian packages: ${missing[*]}"
	as_root apt-get update -qq
	DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# --- Node.js -----------------------------------------------------------------------------------
# The client tests use node:test with `--test-concurrency` (added in 18.19.0 and 20.10.0, absent
# from 19) and `--test-reporter` (18.15.0), global fetch (18.0) and util.parseArgs (18.3);
# @polkadot/api 16.5.6 needs 18 or newer.
command -v node >/dev/null 2>&1 || die "no \`node\` on PATH after installing Debian's nodejs"
node_version="$(node -p 'process.versions.node')"
node_version_ok() {
	local major minor
	IFS=. read -r major minor _ <<<"$1"
	case "$major" in
	18) [ "$minor" -ge 19 ] ;;
	19) false ;;
	20) [ "$minor" -ge 10 ] ;;
	*) [ "$major" -ge 21 ] ;;
	esac
}
node_version_ok "$node_version" ||
	die "Node.js $node_version ($(command -v node)) is too old for deai's clients and tests: they need 18.19 or newer (or 20.10 or newer; not 19). Debian 12 and 13 ship suitable versions: remove this one or put a newer one first on PATH, then run this again."
node --test-concurrency=1 --test-reporter=spec -e 0 >/dev/null 2>&1 ||
	die "Node.js $node_version ($(command -v node)) lacks \`node --test --test-concurrency\`, which the tests use: install Node.js 18.19+ or 20.10+"

# Debian's Chromium: the page's tests drive it (no browser download works on a machine that reaches
# only package registries); only where Node.js can build the page. DEAI_CHROMIUM names another
# browser binary instead.
if node_builds_page && [ ! -x "$DEAI_CHROMIUM" ]; then
	log "installing Debian's chromium (the page's browser test)"
	as_root apt-get update -qq
	DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium >/dev/null
fi

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
# The page's packages (pinned by web/package-lock.json); its postinstall generates the typed API
# from the checked-in metadata (papi).
if node_builds_page; then
	if [ ! -d "$DEAI_ROOT/web/node_modules/polkadot-api" ] ||
		[ "$DEAI_ROOT/web/package-lock.json" -nt "$DEAI_ROOT/web/node_modules/.package-lock.json" ] ||
		[ "$DEAI_ROOT/inference-worker/metadata/deai.scale" -nt "$DEAI_ROOT/web/.papi/descriptors/dist/index.js" ]; then
		log "installing the page's pinned npm packages"
		(cd "$DEAI_ROOT/web" && npm ci --no-audit --no-fund --loglevel=error)
	fi
else
	log "Node.js $node_version cannot build the page (web/ needs 20.19+ or 22.12+): it is left out; everything else works"
fi

# --- libtorch (CPU) and the demo models ---------------------------------------------------------
"$DEAI_ROOT/scripts/setup-libtorch.sh"
"$DEAI_ROOT/scripts/setup-models.sh"

log "set-up complete"
