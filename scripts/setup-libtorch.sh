#!/usr/bin/env bash
# Installs a CPU-only libtorch 2.13.0 (what tch 0.26 links) without the 4.7 GB CUDA stack:
# three hash-pinned wheels from the Python package index, trimmed to what a tch binary needs
# (about 490 MB). Idempotent. Prints nothing but logs; the path is $DEAI_LIBTORCH (lib.sh).
#
# libtorch_cpu.so needs libcudart.so.13 and libcupti.so.13 (loaded, never used on CPU), found
# through its RPATH ../../nvidia/cu13/lib: the wheels' relative layout is kept for that.
#
# It installs into the folder above $DEAI_LIBTORCH (`<root>/torch`, `<root>/nvidia`), builds the
# new copy in a fresh folder beside it and renames it into place, and replaces or deletes only a
# <root> that it created itself (it holds a `.deai-libtorch` marker) or an empty one: any other
# existing folder is refused with an error and left alone.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

MARKER=.deai-libtorch

# A usable libtorch 2.13.0 is there (ours, or one the user pointed DEAI_LIBTORCH at): nothing to do.
libtorch_ready() {
	local version deps
	[ -f "$DEAI_LIBTORCH/build-version" ] && [ -f "$DEAI_LIBTORCH/lib/libtorch_cpu.so" ] &&
		[ -f "$DEAI_LIBTORCH/lib/libc10.so" ] || return 1
	version="$(cat "$DEAI_LIBTORCH/build-version")"
	case "$version" in 2.13.0 | 2.13.0+*) ;; *) return 1 ;; esac
	# Every library libtorch_cpu.so needs resolves (our layout: libcudart/libcupti via its RPATH).
	deps="$(LD_LIBRARY_PATH='' ldd "$DEAI_LIBTORCH/lib/libtorch_cpu.so" 2>/dev/null)" || return 1
	! grep -q 'not found' <<<"$deps"
}
if libtorch_ready; then
	exit 0
fi

[ "$(basename "$DEAI_LIBTORCH")" = torch ] ||
	die "no libtorch 2.13.0 at DEAI_LIBTORCH=$DEAI_LIBTORCH, and this script installs one only as <folder>/torch: set DEAI_LIBTORCH to <a new or empty folder>/torch (default ~/.cache/deai/libtorch-2.13.0/torch), or to an existing libtorch 2.13.0"
root="$(dirname "$DEAI_LIBTORCH")"
# Refuse now, before the download, if <root> is a folder this script may not replace.
owned_dir_check "$root" "$MARKER"

log "fetching libtorch 2.13.0 (CPU) from the Python package index into $root"
work="$(mktemp -d)"
staging=""
cleanup() {
	rm -rf -- "$work"
	# The staging folder is ours (mktemp made it, with the marker); after the rename it is gone.
	if [ -n "$staging" ] && [ -f "$staging/$MARKER" ]; then rm -rf -- "$staging"; fi
}
trap cleanup EXIT
cat >"$work/requirements.txt" <<'REQ'
torch==2.13.0 --hash=sha256:60fcdcb2f3876e21146cb4524ef06397d727ca9ad5f020818547e25075fe3cb7
nvidia-cuda-runtime==13.0.96 --hash=sha256:7f82250d7782aa23b6cfe765ecc7db554bd3c2870c43f3d1821f1d18aebf0548
nvidia-cuda-cupti==13.0.85 --hash=sha256:4eb01c08e859bf924d222250d2e8f8b8ff6d3db4721288cf35d14252a4d933c8
REQ
platforms=()
for p in manylinux_2_28_x86_64 manylinux_2_27_x86_64 manylinux_2_25_x86_64 manylinux_2_17_x86_64 manylinux2014_x86_64; do
	platforms+=(--platform "$p")
done
python3 -m pip download --quiet --no-deps --require-hashes --only-binary=:all: \
	--python-version 3.11 --implementation cp "${platforms[@]}" \
	-r "$work/requirements.txt" -d "$work/wheels"

# A fresh folder beside <root>, with the marker, renamed into place once complete.
staging="$(staging_dir_for "$root" "$MARKER")"
python3 - "$work/wheels" "$staging" <<'PY'
import pathlib, sys, zipfile
wheels, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
keep_torch_libs = {"libtorch_cpu.so", "libtorch.so", "libc10.so", "libgomp.so.1"}
for wheel in wheels.glob("*.whl"):
    with zipfile.ZipFile(wheel) as z:
        for name in z.namelist():
            p = pathlib.PurePosixPath(name)
            wanted = (
                name.startswith("torch/include/")
                or (name.startswith("torch/lib/") and p.name in keep_torch_libs)
                or name in ("nvidia/cu13/lib/libcudart.so.13", "nvidia/cu13/lib/libcupti.so.13")
            )
            if wanted and not name.endswith("/"):
                z.extract(name, out)
PY
# Some wheels name libgomp with a hash suffix; the runtime lookup uses libgomp.so.1 via NEEDED.
for lib in "$staging"/torch/lib/libgomp*.so*; do [ -e "$lib" ] && chmod +x "$lib"; done
echo "2.13.0" >"$staging/torch/build-version"
chmod 755 "$staging"
replace_owned_dir "$staging" "$root" "$MARKER"
libtorch_ready || die "libtorch at $DEAI_LIBTORCH is incomplete after installing it (see ldd $DEAI_LIBTORCH/lib/libtorch_cpu.so)"
log "libtorch ready at $DEAI_LIBTORCH ($(du -sh "$root" | cut -f1))"
