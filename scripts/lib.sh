#!/usr/bin/env bash
# Settings shared by deai's scripts; `source` it.
#
# The build cache lives outside the checkout so that every clone on this machine (and CI) reuses
# it: override with CARGO_TARGET_DIR. The worker (its own workspace) builds into
# DEAI_WORKER_TARGET_DIR, by default "$CARGO_TARGET_DIR-worker" beside it, so an overridden
# CARGO_TARGET_DIR moves both (~/.cache/deai/target and ~/.cache/deai/target-worker by default).

DEAI_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DEAI_ROOT

log() { printf '\033[1;34m[deai %s]\033[0m %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '\033[1;31m[deai] error:\033[0m %s\n' "$*" >&2; exit 1; }

# `abs_path PATH` prints PATH made absolute against the current directory (cargo resolves a
# relative CARGO_TARGET_DIR against its own working directory, which the scripts change).
abs_path() {
	case "$1" in
	/*) printf '%s\n' "${1%/}" ;;
	*) printf '%s\n' "$PWD/${1%/}" ;;
	esac
}

CARGO_TARGET_DIR="$(abs_path "${CARGO_TARGET_DIR:-$HOME/.cache/deai/target}")"
export CARGO_TARGET_DIR
# wasm-builder puts the runtime's wasm project under the target dir; this tells it the workspace.
export WASM_BUILD_WORKSPACE_HINT="$DEAI_ROOT"
export PATH="$HOME/.cargo/bin:$PATH"
export DEAI_NODE="${DEAI_NODE:-$CARGO_TARGET_DIR/release/deai-node}"
# The runtime one spec version later, which the governance test upgrades a network to.
export DEAI_UPGRADE_WASM="${DEAI_UPGRADE_WASM:-$CARGO_TARGET_DIR/release/wbuild/deai-runtime-upgrade-test/deai_runtime_upgrade_test.compact.compressed.wasm}"

# Runs a command as root (directly, or through sudo when not root).
as_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# libtorch (CPU, trimmed; see setup-libtorch.sh): the inference worker links it.
export DEAI_LIBTORCH="${DEAI_LIBTORCH:-$HOME/.cache/deai/libtorch-2.13.0/torch}"
# The worker is its own workspace (it links libtorch); its build cache sits beside the chain's.
DEAI_WORKER_TARGET_DIR="$(abs_path "${DEAI_WORKER_TARGET_DIR:-$CARGO_TARGET_DIR-worker}")"
export DEAI_WORKER_TARGET_DIR
export DEAI_WORKER="${DEAI_WORKER:-$DEAI_WORKER_TARGET_DIR/release/inference-worker}"
# The browser the page's tests drive (Debian's chromium, scripts/setup.sh installs it).
export DEAI_CHROMIUM="${DEAI_CHROMIUM:-/usr/bin/chromium}"
# Demo models and the digits data (scripts/setup-models.sh).
export DEAI_MODELS_DIR="${DEAI_MODELS_DIR:-$HOME/.cache/deai/models}"
export DEAI_DATA_DIR="${DEAI_DATA_DIR:-$HOME/.cache/deai/data}"

# --- folders the scripts own ---------------------------------------------------------------------
# The scripts delete or replace only folders they created themselves: each one carries a marker
# file (MARKER, e.g. `.deai-libtorch`) written when it was created. A folder that does not exist,
# is empty, or carries its marker is theirs; anything else is refused with an error, untouched.
# LEGACY globs (optional) name every entry that an older version of the scripts, which wrote no
# marker, put there: a folder holding only such entries counts as theirs too.

# `owned_dir_check DIR MARKER [LEGACY...]`: returns when DIR may be replaced; dies otherwise.
owned_dir_check() {
	local dir="$1" marker="$2" entry name pattern legacy
	shift 2
	if [ -L "$dir" ]; then
		die "$dir is a symbolic link: deai's scripts do not replace it; remove it or point the setting elsewhere"
	fi
	[ -e "$dir" ] || return 0
	[ -d "$dir" ] || die "$dir exists and is not a folder: deai's scripts leave it alone; move it or point the setting elsewhere"
	if [ -f "$dir/$marker" ] && [ ! -L "$dir/$marker" ]; then return 0; fi
	legacy=1
	for entry in "$dir"/* "$dir"/.[!.]* "$dir"/..?*; do
		[ -e "$entry" ] || [ -L "$entry" ] || continue
		name="${entry##*/}"
		[ $# -gt 0 ] || { legacy=0; break; }
		for pattern in "$@"; do
			# shellcheck disable=SC2053 # the patterns are globs on purpose
			[[ "$name" == $pattern ]] && continue 2
		done
		legacy=0
		break
	done
	[ "$legacy" = 1 ] && return 0
	die "$dir is not empty and deai's scripts did not create it (it has no $marker): they will not delete or replace it. Remove it yourself if it is a stale deai folder, or choose another location."
}

# `remove_owned_dir DIR MARKER [LEGACY...]`: removes DIR if owned_dir_check allows it.
remove_owned_dir() {
	owned_dir_check "$@"
	if [ -d "$1" ]; then rm -rf -- "$1"; fi
}

# `mark_owned_dir DIR MARKER`: writes the marker that lets the scripts delete DIR later.
mark_owned_dir() {
	printf 'Created by deai scripts (%s); they delete or replace this folder when they need to.\n' \
		"$(basename "$0")" >"$1/$2"
}

# `fresh_owned_dir DIR MARKER [LEGACY...]`: an empty DIR (but for its marker), replacing one the
# scripts created before.
fresh_owned_dir() {
	remove_owned_dir "$@"
	mkdir -p -- "$1"
	mark_owned_dir "$1" "$2"
}

# `staging_dir_for DIR MARKER` creates and prints a fresh, marked folder beside DIR (same file
# system, so that moving it into place is a rename), for building what replace_owned_dir installs.
staging_dir_for() {
	local staging
	mkdir -p -- "$(dirname "$1")"
	staging="$(mktemp -d "$(dirname "$1")/.$(basename "$1").partial.XXXXXX")"
	mark_owned_dir "$staging" "$2"
	printf '%s\n' "$staging"
}

# `replace_owned_dir NEW DIR MARKER [LEGACY...]` moves the folder NEW (from staging_dir_for) to DIR,
# replacing DIR if owned_dir_check allows it: the old one is renamed aside first, then deleted.
replace_owned_dir() {
	local new="$1" dir="$2" marker="$3" old=""
	shift 3
	[ -f "$new/$marker" ] || die "internal error: $new lacks its marker $marker"
	owned_dir_check "$dir" "$marker" "$@"
	if [ -d "$dir" ] && [ -n "$(ls -A -- "$dir")" ]; then
		old="$(mktemp -d "$(dirname "$dir")/.$(basename "$dir").old.XXXXXX")"
		mv -T -- "$dir" "$old"
	fi
	# -T: never move NEW *into* an existing DIR; renaming onto an empty folder replaces it.
	mv -T -- "$new" "$dir"
	if [ -n "$old" ]; then rm -rf -- "$old"; fi
}

# --- the page (web/) ---------------------------------------------------------------------------
# Its build tool (Vite 8) needs Node.js 20.19+ (or 22.12+); Debian 12's 18.20 runs everything else.
node_builds_page() {
	node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit((a === 20 && b >= 19) || (a === 22 && b >= 12) || a >= 23 ? 0 : 1)'
}

# --- ports ---------------------------------------------------------------------------------------
# `check_ports_free NAME=PORT...` dies, naming NAME (the setting that gives PORT), when PORT is not
# a port number or something on this machine already listens on it.
check_ports_free() {
	local spec name port
	for spec in "$@"; do
		name="${spec%%=*}"
		port="${spec#*=}"
		case "$port" in '' | *[!0-9]*) die "$name: '$port' is not a port number" ;; esac
		if [ "$port" -lt 1 ] || [ "$port" -gt 65535 ]; then die "$name: port $port is outside 1-65535"; fi
		python3 - "$port" <<'PY' || die "port $port ($name) is already in use on this machine: choose free ports with the settings at the head of $(basename "$0")"
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    s.bind(("0.0.0.0", int(sys.argv[1])))
except OSError:
    sys.exit(1)
PY
	done
}

# --- processes of the run scripts ---------------------------------------------------------------
# `spawn LOG CMD...` starts CMD in the background with its output in LOG and remembers it;
# `stop_children_on_exit` makes Ctrl-C (or any exit) stop everything spawned.
DEAI_PIDS=()
spawn() {
	local out="$1"
	shift
	"$@" >"$out" 2>&1 &
	DEAI_PIDS+=($!)
}
stop_children() {
	trap - INT TERM EXIT
	if [ ${#DEAI_PIDS[@]} -gt 0 ]; then
		log "stopping ${#DEAI_PIDS[@]} process(es)"
		kill -TERM "${DEAI_PIDS[@]}" 2>/dev/null || true
		wait "${DEAI_PIDS[@]}" 2>/dev/null || true
	fi
}
stop_children_on_exit() { trap stop_children INT TERM EXIT; }

# `rpc PORT METHOD PARAMS-JSON` prints the JSON-RPC answer of the node on PORT.
rpc() {
	curl -s -H 'content-type: application/json' \
		-d "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"$2\",\"params\":$3}" "http://127.0.0.1:$1"
}

# The well-known dev accounts' public keys.
declare -A DEV_PUBKEY=(
	[alice]=d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d
	[bob]=8eaf04151687736326c9fea17e25fc5287613693c912909cb226aa4794f26a48
	[charlie]=90b5ab205c6974c9ea841be688864633dc9ca8a357843eeacf2314649965fe22
	[dave]=306721211d5404bd9da88e0204360a1a9ab8b87c66c1bc2fcdd37f3c2222cc20
	[eve]=e659a7a1628cdd93febc04a4e0646ea20e9f5f0ce097d9a05290d4a9e054df4e
	[ferdie]=1cbd2d43530a44705ad088af313e18f80b53ef16b36177cd4b77b846f2a5f07c
)

# `wait_joined PORT DEV LOG` waits until dev account DEV is a compute node (InferenceApi_node
# answers Some), or dies pointing at LOG.
wait_joined() {
	local answer
	for _ in $(seq 1 120); do
		answer=$(rpc "$1" state_call "[\"InferenceApi_node\", \"0x${DEV_PUBKEY[$2]}\"]" |
			python3 -c 'import json,sys; print(json.load(sys.stdin).get("result",""))' 2>/dev/null || true)
		case "$answer" in 0x01*) return 0 ;; esac
		sleep 1
	done
	die "$2's worker did not join: see $3"
}

# `start_workers PORT DIR DEV...`: one worker per dev account against the node on PORT, state and
# logs in DIR; returns when all have joined. Their metrics listen on DEAI_METRICS_PORT_BASE
# (default 9616) and the ports after it, one per worker.
start_workers() {
	local port="$1" dir="$2" metrics="${DEAI_METRICS_PORT_BASE:-9616}" who
	shift 2
	for who in "$@"; do
		spawn "$dir/worker-$who.log" "$DEAI_WORKER" --rpc "ws://127.0.0.1:$port" --dev "$who" \
			--models "$DEAI_MODELS_DIR" --state-dir "$dir/state-$who" --metrics "127.0.0.1:$metrics"
		log "started the inference worker of $who (metrics http://127.0.0.1:$metrics/metrics, log $dir/worker-$who.log)"
		metrics=$((metrics + 1))
	done
	for who in "$@"; do
		wait_joined "$port" "$who" "$dir/worker-$who.log"
	done
}

# `write_demo_inputs DIR` writes ready-to-use inputs for the demo models into DIR, converted by
# `deai-task prepare` (the one definition of the conversions, shared with `deai-task submit`):
#   digit-3.txt     an 8x8 "3" from the digits data, 64 numbers 0-16 (for `deai-task --file`)
#   digit-3.hex     the same as the task's input bytes, 0x-hex (to paste into polkadot-js apps)
#   speech.wav      one second of 16 kHz speech (for `deai-task --file`)
#   speech-f32.bin  the same as the task's input bytes, f32 little-endian (to upload in apps)
write_demo_inputs() {
	local task="$DEAI_WORKER_TARGET_DIR/release/deai-task"
	cp "$DEAI_ROOT/inference-worker/tests/fixtures/speech.wav" "$1/speech.wav"
	"$task" prepare --model digits --file "$DEAI_DATA_DIR/digits.csv.gz" --label 3 --out "$1/digit-3.txt"
	"$task" prepare --model digits --file "$1/digit-3.txt" --out "$1/digit-3.hex"
	"$task" prepare --model vad --file "$1/speech.wav" --out "$1/speech-f32.bin"
}
