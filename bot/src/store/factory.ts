import { createStore, type Store } from '@humandebt/core';
import type { Config } from '../config';
import { CosmosBackend } from './cosmos.store';
import { SqliteBackend } from './sqlite.store';

/** Composition root for the store: the only place that picks an adapter, from validated config. */
export async function openStore(config: Config['store']): Promise<Store> {
  if (config.kind === 'cosmos') {
    return createStore(
      await CosmosBackend.open({
        endpoint: config.endpoint,
        ...(config.key ? { key: config.key } : {}),
        databaseId: config.databaseId,
      }),
    );
  }
  return createStore(new SqliteBackend({ file: config.file, synchronous: config.synchronous }));
}
