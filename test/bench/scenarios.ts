/**
 * The reference scenarios of bench/ (bench.mjs), with the very same generator arguments, so our
 * figures sit beside the y-websocket server's and Hocuspocus's from the same session.
 */
export interface Scenario {
  id: ScenarioId;
  description: string;
  /** Arguments for loadgen.mjs, as in bench.mjs. */
  args: string[];
  /** Documents the generator opens: the harness creates that many drafts. */
  docs: number;
  /** Cold-sync (join) scenario rather than an edit scenario. */
  cold: boolean;
}

export type ScenarioId = 'S1' | 'S2' | 'S3' | 'S4';

export const SCENARIOS: Record<ScenarioId, Scenario> = {
  S1: {
    id: 'S1',
    description: '1 draft x 50 clients, 10 writers x 10 edits/s, 20 s',
    args: ['--docs', '1', '--clients', '50', '--writers', '10', '--rate', '10', '--duration', '20'],
    docs: 1,
    cold: false,
  },
  S2: {
    id: 'S2',
    description: '100 drafts x 5 clients, 1 writer per draft x 5 edits/s, 20 s',
    args: ['--docs', '100', '--clients', '5', '--writers', '1', '--rate', '5', '--duration', '20'],
    docs: 100,
    cold: false,
  },
  S3: {
    id: 'S3',
    description: 'cold sync: 50k typing edits by 4 seeders, then 5 sequential joiners and a burst of 20',
    args: ['--seed-edits', '50000', '--seeders', '4', '--seed-batch', '50', '--seed-rate', '5000', '--joiners', '5', '--join-burst', '20'],
    docs: 1,
    cold: true,
  },
  S4: {
    id: 'S4',
    description: 'fan-out: 1 draft x (20 full clients + 300 lite receivers), 10 writers x 20 edits/s, 20 s',
    args: ['--docs', '1', '--clients', '20', '--lite', '300', '--writers', '10', '--rate', '20', '--duration', '20'],
    docs: 1,
    cold: false,
  },
};

export function isScenarioId(value: string): value is ScenarioId {
  return value in SCENARIOS;
}
