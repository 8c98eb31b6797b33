#!/usr/bin/env python3
"""Writes a plain chain spec: a base spec from `deai-node build-spec` with a network's inputs.

    apply_inputs.py BASE_SPEC INPUTS OUT_SPEC

Keeps the base spec's runtime code and genesis layout; replaces the name, id, chain type,
protocol id, boot nodes, properties, and in the genesis patch the Aura and GRANDPA authorities,
the endowed balances, the sudo key and the registered models. Refuses inputs it does not know.
"""
import hashlib
import json
import sys

# The treasury account (PalletId "deai/tsy"), which receives slashes; it is endowed with the
# existential deposit at genesis so that small slashes are not lost.
TREASURY_PALLET_ID = b"deai/tsy"
EXISTENTIAL_DEPOSIT = 10**9
B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def ss58(account: bytes, prefix: int) -> str:
    """SS58 address of a 32-byte account id (simple prefixes below 64)."""
    payload = bytes([prefix]) + account
    checksum = hashlib.blake2b(b"SS58PRE" + payload, digest_size=64).digest()[:2]
    data = payload + checksum
    n = int.from_bytes(data, "big")
    out = ""
    while n:
        n, r = divmod(n, 58)
        out = B58[r] + out
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + out


def treasury_address(prefix: int) -> str:
    return ss58((b"modl" + TREASURY_PALLET_ID).ljust(32, b"\0"), prefix)

KNOWN = {"name", "id", "chainType", "protocolId", "bootNodes", "properties", "authorities",
         "sudo", "balances", "models"}


def main(base_path, inputs_path, out_path):
    spec = json.load(open(base_path))
    inputs = json.load(open(inputs_path))
    unknown = set(inputs) - KNOWN
    if unknown:
        sys.exit(f"unknown inputs: {sorted(unknown)}")
    if not inputs.get("authorities"):
        sys.exit("at least one authority is needed")

    for key in ("name", "id", "chainType", "protocolId", "bootNodes", "properties"):
        if key in inputs:
            spec[key] = inputs[key]

    patch = spec["genesis"]["runtimeGenesis"]["patch"]
    patch["aura"] = {"authorities": [a["aura"] for a in inputs["authorities"]]}
    patch["grandpa"] = {"authorities": [[a["grandpa"], 1] for a in inputs["authorities"]]}
    balances = [[who, int(amount)] for who, amount in inputs.get("balances", [])]
    treasury = treasury_address(spec.get("properties", {}).get("ss58Format", 42))
    if treasury not in {who for who, _ in balances}:
        balances.append([treasury, EXISTENTIAL_DEPOSIT])
    patch["balances"] = {"balances": balances}
    if "sudo" in inputs:
        patch["sudo"] = {"key": inputs["sudo"]}
    patch["inference"] = {"models": inputs.get("models", [])}

    with open(out_path, "w") as f:
        json.dump(spec, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
