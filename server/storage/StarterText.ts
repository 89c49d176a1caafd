import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/** The committed starter text (drafts/starter.json) that seeds a new draft created from the "starter" template. */
export const StarterText = z.strictObject({
  title: z.string().min(1),
  clauses: z.array(
    z.strictObject({
      kind: z.enum(['preambular', 'operative', 'section']),
      heading: z.string(),
      paragraphs: z.array(z.string()),
    }),
  ),
});
export type StarterText = z.infer<typeof StarterText>;

export const STARTER_FILE = 'starter.json';

/** Reads and validates the starter text; a broken file stops start-up with the file name in the message. */
export async function readStarterText(startersDir: string): Promise<StarterText> {
  const file = path.join(startersDir, STARTER_FILE);
  const parsed = StarterText.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) throw new Error(`The starter text ${file} is not valid: ${parsed.error.message}`);
  return parsed.data;
}
