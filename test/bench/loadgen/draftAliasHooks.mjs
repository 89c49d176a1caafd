/**
 * Module resolve hook (see registerDraftAliases.mjs): `ws` imported by loadgen.mjs resolves to
 * draftAliasWebSocket.mjs, which is told where the real `ws` is (the generator's own dependency).
 */
export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'ws' && context.parentURL?.endsWith('/loadgen.mjs')) {
    const real = await nextResolve(specifier, context);
    const shim = new URL('./draftAliasWebSocket.mjs', import.meta.url);
    shim.searchParams.set('real', real.url);
    return { url: shim.href, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}
