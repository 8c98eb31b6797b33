#!/usr/bin/env bash
# Installs a CPU-only libtorch 2.13.0 (what tch 0.26 links) without the 4.7 GB CUDA stack:
# three hash-pinned wheels from the Python package index, trimmed to what a tch binary needs
# (about 490 MB). Idempotent. Prints nothing but logs; the path is $DEAI_LIBTORCH (lib.sh).
#
# libtorch_cpu.so needs libcudart.so.13 and libcupti.so.13 (loaded, never used on CPU), found
# through its RPATH ../../nvidia/cu13/lib: the wheels' relative layout is kept for that.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

root="$(dirname "$DEAI_LIBTORCH")"
if [ -f "$DEAI_LIBTORCH/build-version" ] && [ "$(cat "$DEAI_LIBTORCH/build-version")" = "2.13.0" ] &&
	[ -f "$DEAI_LIBTORCH/lib/libtorch_cpu.so" ] && [ -f "$root/nvidia/cu13/lib/libcudart.so.13" ]; then
	exit 0
fi

log "fetching libtorch 2.13.0 (CPU) from the Python package index into $root"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
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

staging="$root.partial"
rm -rf "$staging"
mkdir -p "$staging"
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
rm -rf "$root"
mv "$staging" "$root"
log "libtorch ready at $DEAI_LIBTORCH ($(du -sh "$root" | cut -f1))"
