#!/usr/bin/env bash
# Puts the demo models into $DEAI_MODELS_DIR and the digits data into $DEAI_DATA_DIR, from
# hash-pinned packages of the Python package index. Idempotent.
#
#   silero_vad.jit   silero-vad 6.2.3 (MIT), the TorchScript voice activity detector in its wheel
#   digits-mlp.pt    the 8x8 digit classifier trained by `train-digits` (committed in
#                    inference-worker/models/ with its training report)
#   digits.csv.gz    scikit-learn's copy of the UCI 8x8 digits (for tests and retraining)
#
# Every model file is checked against the model id (blake2-256) the chain's genesis registers.
# It deletes nothing: a model file of the same name with other contents (not the registered
# model) is moved aside into $DEAI_MODELS_DIR/.replaced/ (hidden: the worker skips it).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# The registered ids, from the models' descriptions beside the worker (one place for all).
model_id() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["model_id"][2:])' "$DEAI_ROOT/inference-worker/models/$1.json"; }
SILERO_ID="$(model_id silero-vad)"
DIGITS_ID="$(model_id digits-mlp)"

blake2() { python3 -c 'import hashlib,sys; print(hashlib.blake2b(open(sys.argv[1],"rb").read(), digest_size=32).hexdigest())' "$1"; }

mkdir -p "$DEAI_MODELS_DIR" "$DEAI_DATA_DIR"
work="$(mktemp -d)"
trap 'rm -rf -- "$work"' EXIT

# `put FILE DEST` moves FILE (written in $work) to DEST; an existing DEST is kept in .replaced/.
put() {
	local file="$1" dest="$2" aside
	if [ -e "$dest" ] || [ -L "$dest" ]; then
		mkdir -p "$(dirname "$dest")/.replaced"
		aside="$(dirname "$dest")/.replaced/$(basename "$dest").$(date +%Y%m%d-%H%M%S).$$"
		mv -- "$dest" "$aside"
		log "kept the previous $(basename "$dest") (not the registered model) as $aside"
	fi
	# Copied beside DEST first, then renamed: DEST never holds a partial file.
	cp -- "$file" "$dest.partial.$$"
	mv -f -- "$dest.partial.$$" "$dest"
}

# `from_wheel REQUIREMENT MEMBER OUT` extracts one file of a hash-pinned wheel to OUT (in $work).
from_wheel() {
	local requirement="$1" member="$2" out="$3" dir
	dir="$(mktemp -d "$work/wheel.XXXXXX")"
	printf '%s\n' "$requirement" >"$dir/req.txt"
	python3 -m pip download --quiet --no-deps --require-hashes --only-binary=:all: \
		--python-version 3.11 --implementation cp \
		--platform manylinux_2_28_x86_64 --platform manylinux_2_27_x86_64 --platform manylinux_2_17_x86_64 \
		--platform manylinux2014_x86_64 --platform any \
		-r "$dir/req.txt" -d "$dir"
	python3 - "$dir" "$member" "$out" <<'PY'
import glob, shutil, sys, zipfile
work, member, out = sys.argv[1:]
wheel = glob.glob(f"{work}/*.whl")[0]
with zipfile.ZipFile(wheel) as z, z.open(member) as src, open(out, "wb") as dst:
    shutil.copyfileobj(src, dst)
PY
}

silero="$DEAI_MODELS_DIR/silero_vad.jit"
if [ ! -f "$silero" ] || [ "$(blake2 "$silero")" != "$SILERO_ID" ]; then
	log "fetching silero-vad 6.2.3 (TorchScript) into $DEAI_MODELS_DIR"
	from_wheel "silero-vad==6.2.3 --hash=sha256:7b7f5436cfcb02fae583a05b512ea96467fd449fe54cb49a5e4f06c51a1e43b8" \
		silero_vad/data/silero_vad.jit "$work/silero_vad.jit"
	[ "$(blake2 "$work/silero_vad.jit")" = "$SILERO_ID" ] || die "silero_vad.jit does not hash to the registered model id"
	put "$work/silero_vad.jit" "$silero"
fi

digits="$DEAI_MODELS_DIR/digits-mlp.pt"
if [ ! -f "$digits" ] || [ "$(blake2 "$digits")" != "$DIGITS_ID" ]; then
	[ "$(blake2 "$DEAI_ROOT/inference-worker/models/digits-mlp.pt")" = "$DIGITS_ID" ] ||
		die "inference-worker/models/digits-mlp.pt does not hash to its recorded model id"
	put "$DEAI_ROOT/inference-worker/models/digits-mlp.pt" "$digits"
fi

data="$DEAI_DATA_DIR/digits.csv.gz"
if [ ! -f "$data" ]; then
	log "fetching the 8x8 digits data (scikit-learn 1.9.1) into $DEAI_DATA_DIR"
	from_wheel "scikit-learn==1.9.1 --hash=sha256:52a0703bbc07ad27f560fa63fa68e4c54dd735bfbbf65b4dd3c225dc7547b6df" \
		sklearn/datasets/data/digits.csv.gz "$work/digits.csv.gz"
	put "$work/digits.csv.gz" "$data"
fi
