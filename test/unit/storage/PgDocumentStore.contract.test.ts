import { PgDocumentStore } from '../../../server/storage/postgres/PgDocumentStore.js';
import { migratedPool } from '../../helpers/migratedPool.js';
import { describeDocumentStoreContract } from './documentStoreContract.js';

// Each store gets a database of its own, migrated; its pool is ended (and the database dropped) when the test ends.
describeDocumentStoreContract('PgDocumentStore', async () => new PgDocumentStore(await migratedPool()));
