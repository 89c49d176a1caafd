import { LowdbMetadata } from '../../../server/storage/metadata/LowdbMetadata.js';
import { describeMetadataRepositoriesContract } from './metadataRepositoriesContract.js';
import { tempDataDir } from './tempDataDir.js';

describeMetadataRepositoriesContract(
  'LowdbMetadata (metadata.json)',
  async () => {
    const dir = await tempDataDir();
    return { metadata: await LowdbMetadata.open(dir), reopen: () => LowdbMetadata.open(dir) };
  },
  { persistent: true },
);

describeMetadataRepositoriesContract(
  'LowdbMetadata (in memory)',
  async () => ({ metadata: await LowdbMetadata.inMemory(), reopen: null }),
  {
    persistent: false,
  },
);
