#!/usr/bin/env bash
# Installs the built inference worker and the trimmed libtorch it links for a service user:
#   /opt/deai/libtorch-2.13.0/   the libtorch libraries (torch/lib, nvidia/cu13/lib; no headers)
#   /usr/local/bin/inference-worker   $DEAI_WORKER, its run path set to the libtorch above
#   /usr/local/bin/deai-task          the task client, when it was built beside the worker
# It builds nothing (run scripts/build.sh first) and is idempotent: what is already installed and
# identical is left alone; a changed binary is replaced by a rename (a running worker keeps its
# copy until restarted). It touches no ld.so.conf: libtorch brings its own libgomp.so.1, which a
# system-wide entry would put before the system's for every program. See "Installing for a
# service user" in inference-worker/README.md, and scripts/deai-worker.service.
#
#   scripts/install-worker.sh [--prefix DIR] [--dry-run]
#
# Run it as the user who built the worker: it asks sudo for what needs root. --prefix DIR installs
# under DIR instead of / (DIR/opt/deai/..., DIR/usr/local/bin), with the run path pointing there;
# --dry-run says what it would do and changes nothing.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

prefix=""
dry_run=0
while [ $# -gt 0 ]; do
	case "$1" in
	--prefix)
		[ $# -ge 2 ] || die "--prefix needs a folder"
		prefix="$(abs_path "$2")"
		shift 2
		;;
	--prefix=*)
		prefix="$(abs_path "${1#--prefix=}")"
		shift
		;;
	--dry-run) dry_run=1 && shift ;;
	-h | --help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//' && exit 0 ;;
	*) die "unknown option $1 (see --help)" ;;
	esac
done

MARKER=.deai-libtorch
lib_dir="$prefix/opt/deai/libtorch-2.13.0"
bin_dir="$prefix/usr/local/bin"
say() { if [ "$dry_run" = 1 ]; then log "dry run: would $*"; else log "$*"; fi; }

# --- what to install -----------------------------------------------------------------------------
[ -x "$DEAI_WORKER" ] || die "no worker binary at $DEAI_WORKER: build it first (scripts/build.sh), or set DEAI_WORKER"
[ -f "$DEAI_LIBTORCH/lib/libtorch_cpu.so" ] ||
	die "no libtorch at DEAI_LIBTORCH=$DEAI_LIBTORCH: run scripts/setup-libtorch.sh, or set DEAI_LIBTORCH to the one the worker was built with"
src_root="$(dirname "$DEAI_LIBTORCH")"
links_libtorch() { readelf -d "$1" 2>/dev/null | grep -q 'NEEDED.*\[libtorch_cpu\.so\]'; }
links_libtorch "$DEAI_WORKER" || die "$DEAI_WORKER does not link libtorch_cpu.so: is it the inference worker?"
built_with="$(readelf -d "$DEAI_WORKER" | sed -n 's/.*(\(RUNPATH\|RPATH\)).*\[\(.*\)\]$/\2/p' | head -n 1)"
if [ -n "$built_with" ] && [ "$built_with" != "$DEAI_LIBTORCH/lib" ]; then
	die "$DEAI_WORKER was built against the libtorch in $built_with, not DEAI_LIBTORCH=$DEAI_LIBTORCH: set DEAI_LIBTORCH to that one"
fi
binaries=("$DEAI_WORKER")
task_client="$(dirname "$DEAI_WORKER")/deai-task"
[ -x "$task_client" ] && binaries+=("$task_client")

# --- root, when the targets are not writable -----------------------------------------------------
writable() { # the nearest existing folder at or above $1 is writable
	local d="$1"
	while [ ! -e "$d" ]; do d="$(dirname "$d")"; done
	[ -w "$d" ]
}
if [ "$dry_run" = 0 ] && [ "$(id -u)" -ne 0 ] && ! { writable "$lib_dir" && writable "$bin_dir"; }; then
	log "installing into ${prefix:-/} needs root: running this script again through sudo"
	args=()
	[ -z "$prefix" ] || args+=(--prefix "$prefix")
	exec sudo env DEAI_WORKER="$DEAI_WORKER" DEAI_LIBTORCH="$DEAI_LIBTORCH" PATH="$PATH" \
		bash "$DEAI_ROOT/scripts/install-worker.sh" "${args[@]}"
fi
if ! command -v patchelf >/dev/null 2>&1; then
	say "install the Debian package patchelf (sets the installed binary's run path)"
	if [ "$dry_run" = 0 ]; then
		as_root apt-get update -qq
		DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq patchelf >/dev/null
	fi
fi

work="$(mktemp -d)"
staging=""
cleanup() {
	rm -rf -- "$work"
	if [ -n "$staging" ] && [ -f "$staging/$MARKER" ]; then rm -rf -- "$staging"; fi
}
trap cleanup EXIT

# --- libtorch ------------------------------------------------------------------------------------
# The runtime part only: torch/lib, torch/build-version, and nvidia/cu13/lib (found by
# libtorch_cpu.so through its RPATH $ORIGIN/../../nvidia/cu13/lib) when the source has it.
copy_libtorch() { # into $1
	mkdir -p "$1/torch"
	cp -a -- "$DEAI_LIBTORCH/lib" "$1/torch/lib"
	cp -a -- "$DEAI_LIBTORCH/build-version" "$1/torch/build-version"
	if [ -d "$src_root/nvidia/cu13/lib" ]; then
		mkdir -p "$1/nvidia/cu13"
		cp -a -- "$src_root/nvidia/cu13/lib" "$1/nvidia/cu13/lib"
	fi
}
same_libtorch() { # the installed copy matches the source
	[ -f "$lib_dir/$MARKER" ] || return 1
	diff -rq -- "$DEAI_LIBTORCH/lib" "$lib_dir/torch/lib" >/dev/null 2>&1 &&
		cmp -s -- "$DEAI_LIBTORCH/build-version" "$lib_dir/torch/build-version" || return 1
	if [ -d "$src_root/nvidia/cu13/lib" ]; then
		diff -rq -- "$src_root/nvidia/cu13/lib" "$lib_dir/nvidia/cu13/lib" >/dev/null 2>&1 || return 1
	fi
}
if same_libtorch; then
	log "libtorch in $lib_dir is up to date"
else
	# Refuses (before copying anything) a folder there that deai's scripts did not create.
	owned_dir_check "$lib_dir" "$MARKER"
	say "install libtorch ($(cat "$DEAI_LIBTORCH/build-version"), $(du -sh "$DEAI_LIBTORCH/lib" | cut -f1)) from $src_root into $lib_dir"
	if [ "$dry_run" = 0 ]; then
		staging="$(staging_dir_for "$lib_dir" "$MARKER")"
		copy_libtorch "$staging"
		chmod -R u=rwX,go=rX "$staging"
		replace_owned_dir "$staging" "$lib_dir" "$MARKER"
	fi
fi

# --- the binaries --------------------------------------------------------------------------------
[ "$dry_run" = 1 ] || mkdir -p "$bin_dir"
for bin in "${binaries[@]}"; do
	name="$(basename "$bin")"
	new="$work/$name"
	cp -- "$bin" "$new"
	# The builder's libtorch path becomes the installed one; a binary without libtorch stays as is.
	if links_libtorch "$new"; then patchelf --set-rpath "$lib_dir/torch/lib" "$new"; fi
	chmod 755 "$new"
	if cmp -s -- "$new" "$bin_dir/$name"; then
		log "$bin_dir/$name is up to date"
		continue
	fi
	say "install $bin_dir/$name (from $bin)"
	[ "$dry_run" = 0 ] || continue
	tmp="$(mktemp "$bin_dir/.$name.XXXXXX")"
	cp -- "$new" "$tmp"
	chmod 755 "$tmp"
	mv -f -- "$tmp" "$bin_dir/$name"
done
[ "$dry_run" = 0 ] || exit 0

# --- check ---------------------------------------------------------------------------------------
# Every library resolves, and libtorch's from the installed copy, never from the builder's.
deps="$(LD_LIBRARY_PATH='' ldd "$bin_dir/inference-worker")"
if grep -q 'not found' <<<"$deps"; then die "$bin_dir/inference-worker lacks libraries: $(grep 'not found' <<<"$deps" | tr -s ' \t\n' ' ')"; fi
for so in libtorch_cpu.so libc10.so; do
	grep -q "$so => $lib_dir/torch/lib/$so" <<<"$deps" || die "$bin_dir/inference-worker does not load $so from $lib_dir: $(grep "$so" <<<"$deps")"
done
"$bin_dir/inference-worker" --version >/dev/null || die "$bin_dir/inference-worker --version failed"
log "installed: $bin_dir/inference-worker ($("$bin_dir/inference-worker" --version)) with libtorch in $lib_dir"
