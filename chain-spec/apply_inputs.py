#!/usr/bin/env python3
"""Writes a plain chain spec: a base spec from `deai-node build-spec` with a network's inputs.

    apply_inputs.py BASE_SPEC INPUTS OUT_SPEC

Keeps the base spec's runtime code and genesis layout; replaces the name, id, chain type,
protocol id, boot nodes, properties, and in the genesis patch the genesis validators (their
session keys and bonded stake), the staking parameters, the network's periods, the endowed
balances and the registered models. A network built from these inputs has no sudo key: an
input named `sudo` is refused. Refuses inputs it does not know.
"""
import hashlib
import json
import sys

# The treasury account (PalletId "deai/tsy"), which receives slashes; it is endowed with the
# existential deposit at genesis so that small slashes are not lost.
TREASURY_PALLET_ID = b"deai/tsy"
EXISTENTIAL_DEPOSIT = 10**9
UNIT = 10**12
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


KNOWN = {"name", "id", "chainType", "protocolId", "bootNodes", "properties", "validators",
         "staking", "periods", "balances", "models"}
VALIDATOR_KEYS = {"name", "stash", "babe", "grandpa", "bond"}
STAKING_KEYS = {"validatorCount", "minimumValidatorCount", "maxValidatorCount", "minValidatorBond",
                "minNominatorBond"}
PERIOD_KEYS = {"epochBlocks", "sessionsPerEra", "bondingEras", "slashDeferEras", "referendumPrepare",
               "referendumDecision", "referendumConfirm", "referendumEnactment", "referendumUndecided",
               "voteLocking", "referendumAlarm"}
# What the runtime's development and test presets use, unless the inputs say otherwise.
# `maxValidatorCount` is the election's candidate bound (the runtime's MAX_ELECTABLE_TARGETS): with
# more candidates, ones with little stake could crowd those with the most out of the election.
DEFAULT_STAKING = {"validatorCount": 10, "minimumValidatorCount": 1, "maxValidatorCount": 1_000,
                   "minValidatorBond": 1_000 * UNIT, "minNominatorBond": 100 * UNIT}


def refuse(message):
    sys.exit(f"chain-spec inputs: {message}")


def main(base_path, inputs_path, out_path):
    spec = json.load(open(base_path))
    inputs = json.load(open(inputs_path))
    if "sudo" in inputs:
        refuse("`sudo` is not an input: a network built from chain-spec/ has no sudo key; "
               "root calls pass through governance (referenda)")
    unknown = set(inputs) - KNOWN
    if unknown:
        refuse(f"unknown inputs: {sorted(unknown)}")
    validators = inputs.get("validators") or []
    if not validators:
        refuse("at least one genesis validator is needed")
    for v in validators:
        if set(v) - VALIDATOR_KEYS or not {"stash", "babe", "grandpa", "bond"} <= set(v):
            refuse(f"a validator has the keys {sorted(VALIDATOR_KEYS)} (name optional): {v}")
    staking = {**DEFAULT_STAKING, **inputs.get("staking", {})}
    if set(staking) - STAKING_KEYS:
        refuse(f"unknown staking inputs: {sorted(set(staking) - STAKING_KEYS)}")
    periods = inputs.get("periods")
    if int(staking["maxValidatorCount"]) > 1_000:
        refuse("maxValidatorCount above 1000, the election's candidate bound")
    if periods is not None and set(periods) != PERIOD_KEYS:
        refuse(f"`periods` must give all of {sorted(PERIOD_KEYS)} (or be left out for the public periods)")

    for key in ("name", "id", "chainType", "protocolId", "bootNodes", "properties"):
        if key in inputs:
            spec[key] = inputs[key]

    balances = [[who, int(amount)] for who, amount in inputs.get("balances", [])]
    endowed = dict(balances)
    for v in validators:
        bond = int(v["bond"])
        if bond < int(staking["minValidatorBond"]):
            refuse(f"validator {v['stash']} bonds {bond}, below minValidatorBond {staking['minValidatorBond']}")
        if endowed.get(v["stash"], 0) < bond + EXISTENTIAL_DEPOSIT:
            refuse(f"validator {v['stash']} must be endowed with more than its bond in `balances`")

    patch = spec["genesis"]["runtimeGenesis"]["patch"]
    patch["session"] = {"keys": [[v["stash"], v["stash"], {"babe": v["babe"], "grandpa": v["grandpa"]}]
                                 for v in validators]}
    patch["staking"] = {
        "validatorCount": int(staking["validatorCount"]),
        "minimumValidatorCount": int(staking["minimumValidatorCount"]),
        "maxValidatorCount": int(staking["maxValidatorCount"]),
        "stakers": [[v["stash"], v["stash"], int(v["bond"]), "Validator"] for v in validators],
        "minValidatorBond": int(staking["minValidatorBond"]),
        "minNominatorBond": int(staking["minNominatorBond"]),
    }
    if periods is None:
        # The runtime's defaults are the public network's periods (hours and days).
        patch.pop("timing", None)
    else:
        patch["timing"] = {"periods": periods}
    patch.pop("sudo", None)
    treasury = treasury_address(spec.get("properties", {}).get("ss58Format", 42))
    if treasury not in endowed:
        balances.append([treasury, EXISTENTIAL_DEPOSIT])
    patch["balances"] = {"balances": balances}
    patch["inference"] = {"models": inputs.get("models", [])}

    with open(out_path, "w") as f:
        json.dump(spec, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
