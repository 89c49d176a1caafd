import { ApiClient } from './http.js';
import { TEST_PASSWORD } from './testPassword.js';

/** The password the extra delegates choose (strong enough for the server's check). */
export const EXTRA_DELEGATE_PASSWORD = 'lantern orchard velvet';

/**
 * Adds `count` delegates of the first delegation through the real API (invited by the secretariat, each
 * accepting the invitation) and returns their session cookies: for tests that need more people in a draft
 * than the demo workspace has (each member may have only a few sockets open to one draft), and for the
 * benchmark's many clients.
 */
export async function extraDelegateCookies(url: string, count: number, secretariatPassword = TEST_PASSWORD): Promise<string[]> {
  const secretariat = await new ApiClient(url).signIn('secretariat@example.org', secretariatPassword);
  const delegationId = ((await secretariat.get('/api/delegations')).body as Array<{ id: string }>)[0]!.id;
  const cookies: string[] = [];
  // In groups, within what the server's password hasher lets wait at once.
  for (let start = 0; start < count; start += 8) {
    const group = Array.from({ length: Math.min(8, count - start) }, (_, k) => start + k);
    cookies.push(
      ...(await Promise.all(
        group.map(async (i) => {
          const created = await secretariat.post('/api/members', {
            email: `extra${i}@example.org`,
            name: `Extra delegate ${i}`,
            role: 'delegate',
            delegationId,
          });
          if (created.status !== 201) throw new Error(`adding a delegate failed: ${JSON.stringify(created.body)}`);
          const token = new URL(created.body.invitationUrl as string).pathname.split('/').pop();
          const member = new ApiClient(url);
          const accepted = await member.post(`/api/invitations/${token}/accept`, { password: EXTRA_DELEGATE_PASSWORD });
          if (accepted.status !== 200) throw new Error(`accepting an invitation failed: ${JSON.stringify(accepted.body)}`);
          return member.cookie!;
        }),
      )),
    );
  }
  return cookies;
}
