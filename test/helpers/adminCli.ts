import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.resolve(import.meta.dirname, '../..');
const exec = promisify(execFile);

/** How a run of the admin CLI ended: its exit code and everything it printed (stdout, then stderr). */
export interface AdminRun {
  code: number;
  out: string;
}

/**
 * Runs `npm run admin -- ...args` the way the script does (server/cli/admin.ts through tsx, from the
 * repository's root) in a process of its own, with the test's environment plus `env` (DATA_DIR or
 * DATABASE_URL, PUBLIC_URL). A failing command resolves too, with its exit code: tests assert on it.
 */
export async function runAdmin(env: Record<string, string>, ...args: string[]): Promise<AdminRun> {
  try {
    const { stdout, stderr } = await exec(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/cli/admin.ts'), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
    });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}
