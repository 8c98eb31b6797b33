// The runtime's own words for its errors and reasons: the doc comments its metadata carries, so
// the page names a refused call's error and says what it means without a table of its own.
import { decAnyMetadata, unifyMetadata } from '@polkadot-api/substrate-bindings';

type Lookup = ReturnType<typeof unifyMetadata>['lookup'];
type Pallets = ReturnType<typeof unifyMetadata>['pallets'];

/** Doc comments from a runtime's metadata. */
export class Docs {
  private lookup: Lookup;
  private pallets: Pallets;

  /** `metadata`: the SCALE-encoded metadata (any version polkadot-api decodes). */
  constructor(metadata: Uint8Array) {
    const unified = unifyMetadata(decAnyMetadata(metadata));
    this.lookup = unified.lookup;
    this.pallets = unified.pallets;
  }

  /** The doc of error `name` of `pallet` (`Inference`, `FeeTooLow`), or undefined. */
  error(pallet: string, name: string): string | undefined {
    const errors = this.pallets.find((p) => p.name === pallet)?.errors;
    return errors ? this.variantDoc(errors.type, name) : undefined;
  }

  /** The doc of variant `name` of the enum whose type path ends with `path` (`FailReason`). */
  variant(path: string, name: string): string | undefined {
    const type = this.lookup.find((t) => t.path[t.path.length - 1] === path && t.def.tag === 'variant');
    return type ? this.variantDoc(type.id, name) : undefined;
  }

  private variantDoc(typeId: number, name: string): string | undefined {
    const def = this.lookup[typeId]?.def;
    if (def?.tag !== 'variant') return undefined;
    const docs = def.value.find((v) => v.name === name)?.docs;
    return docs?.length ? docs.join(' ').replace(/\s+/g, ' ').trim() : undefined;
  }
}

/** A dispatch error as polkadot-api reports it, named as `Pallet.Error` (or its kind). */
export function errorName(error: { type: string; value: unknown }): { pallet?: string; name: string } {
  if (error.type === 'Module') {
    const module = error.value as { type: string; value: { type: string } };
    return { pallet: module.type, name: module.value.type };
  }
  const inner = error.value as { type?: string } | undefined;
  return { name: inner?.type ? `${error.type}.${inner.type}` : error.type };
}
