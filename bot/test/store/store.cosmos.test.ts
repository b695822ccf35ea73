import { describe } from 'vitest';
import { createStore } from '@humandebt/core';
import { CosmosBackend } from '../../src/store/cosmos.store';
import { startCosmosServer, type CosmosTestServer } from '../../../test/support/cosmos-server';
import { storeContract } from './store.contract';

// The Cosmos DB REST protocol, served in-process on loopback by @vercel/cosmosdb-server, with the real @azure/cosmos
// client and our adapter unchanged.
let server: CosmosTestServer | undefined;
storeContract(
  'Cosmos DB protocol (cosmosdb-server, @azure/cosmos)',
  async () => {
    server = await startCosmosServer();
    return createStore(
      await CosmosBackend.open({
        endpoint: server.endpoint,
        key: 'local-test-key',
        databaseId: 'humandebt-test',
        clientOptions: server.clientOptions,
      }),
    );
  },
  async () => server?.close(),
);

// When a real account or the official emulator is configured, the same contract runs against it too. It is opt-in,
// in CI as well (no account is provisioned there), and a skip says so in the report.
const endpoint = process.env.COSMOS_ENDPOINT;
const key = process.env.COSMOS_KEY;
describe('real Cosmos DB account', () => {
  storeContract(
    'Cosmos DB (COSMOS_ENDPOINT)',
    async () =>
      createStore(
        await CosmosBackend.open({
          endpoint: endpoint!,
          key: key!,
          databaseId: process.env.COSMOS_DATABASE ?? 'humandebt-contract',
        }),
      ),
    undefined,
    endpoint && key ? {} : { skip: 'real Cosmos DB account tests are opt-in: set COSMOS_ENDPOINT and COSMOS_KEY' },
  );
});
