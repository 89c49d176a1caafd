import { FileDocumentStore } from '../../../server/storage/FileDocumentStore.js';
import { MemoryDocumentStore } from '../../../server/storage/MemoryDocumentStore.js';
import { describeDocumentStoreContract } from './documentStoreContract.js';
import { tempDataDir } from './tempDataDir.js';

describeDocumentStoreContract('FileDocumentStore', async () => FileDocumentStore.open(await tempDataDir(), { warn: () => undefined }));

describeDocumentStoreContract('MemoryDocumentStore', async () => new MemoryDocumentStore());
