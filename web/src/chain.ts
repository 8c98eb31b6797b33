// The connection to a deai node (polkadot-api, typed from the runtime's checked-in metadata) and
// the accounts that can sign: an injected browser extension's, or on a development chain the
// well-known development keys.
import { deai } from '@polkadot-api/descriptors';
import { sr25519CreateDerive } from '@polkadot-labs/hdkd';
import { DEV_PHRASE, entropyToMiniSecret, mnemonicToEntropy, ss58Address } from '@polkadot-labs/hdkd-helpers';
import { createClient, type PolkadotClient, type PolkadotSigner, type TypedApi } from 'polkadot-api';
import { connectInjectedExtension, getInjectedExtensions } from 'polkadot-api/pjs-signer';
import { getPolkadotSigner } from 'polkadot-api/signer';
import { getWsProvider } from 'polkadot-api/ws';
import { Docs } from './logic/docs';

/** The typed API of a deai chain. */
export type Api = TypedApi<typeof deai>;

/** An account that can sign. */
export interface Account {
  /** Where it comes from: `dev` or an extension's name. */
  source: string;
  /** Its name, as the extension or the dev keyring knows it. */
  name: string;
  /** Its SS58 address (prefix 42). */
  address: string;
  signer: PolkadotSigner;
}

/** A connection to a node. */
export interface Connection {
  client: PolkadotClient;
  api: Api;
  /** `Development`, `Local`, `Live`...: dev accounts are offered on the first two only. */
  chainType: string;
  /** The runtime's documentation of its errors and types. */
  docs: Docs;
}

/** Connects to `url`; fails in words when the node does not answer within `timeoutMs`. */
export async function connect(url: string, onStatus: (status: string) => void, timeoutMs = 10_000): Promise<Connection> {
  const client = createClient(
    getWsProvider(url, {
      onStatusChanged: (s) => onStatus(({ CONNECTING: 'connecting', CONNECTED: 'connected', ERROR: 'error', CLOSE: 'closed' } as const)[s.type]),
    }),
  );
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`the node at ${url} does not answer (is it running? is the address right?)`)), timeoutMs),
  );
  try {
    const [chainType, finalized] = await Promise.race([
      Promise.all([client._request<string>('system_chainType', []), client.getFinalizedBlock()]),
      timeout,
    ]);
    const metadata = await client.getMetadata(finalized.hash);
    return { client, api: client.getTypedApi(deai), chainType, docs: new Docs(metadata) };
  } catch (e) {
    client.destroy();
    throw e;
  }
}

/** The development accounts (`//Alice` ... from the well-known dev phrase). */
export function devAccounts(): Account[] {
  const derive = sr25519CreateDerive(entropyToMiniSecret(mnemonicToEntropy(DEV_PHRASE)));
  return ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'].map((name) => {
    const pair = derive(`//${name}`);
    return {
      source: 'dev',
      name,
      address: ss58Address(pair.publicKey, 42),
      signer: getPolkadotSigner(pair.publicKey, 'Sr25519', pair.sign),
    };
  });
}

/**
 * The accounts of every injected browser extension (polkadot-js, Talisman, SubWallet...) that lets
 * this page see them. An empty list when there is none; an extension that refuses is skipped.
 */
export async function extensionAccounts(): Promise<{ accounts: Account[]; extensions: string[] }> {
  const extensions = getInjectedExtensions();
  const accounts: Account[] = [];
  for (const name of extensions) {
    try {
      const extension = await connectInjectedExtension(name, 'deai');
      for (const a of extension.getAccounts()) {
        accounts.push({ source: name, name: a.name ?? a.address, address: a.address, signer: a.polkadotSigner });
      }
    } catch {
      // Refused or broken: its accounts are not offered.
    }
  }
  return { accounts, extensions };
}
