/** Frames to wait at most for a just-mounted editor to be in the page and its clause rendered. */
const MAX_FRAMES = 10;

/**
 * Scrolls an element to the middle of the screen unless it is fully visible already (and not under Find). Waits for it to be
 * in the page (an editor's DOM is attached a frame after it is created) and for its clause card to be
 * rendered (a card far away skips rendering, `data-far`, and its size is only an estimate until then).
 */
export function revealElement(find: () => HTMLElement | null, frames = MAX_FRAMES): void {
  requestAnimationFrame(() => {
    const element = find();
    if (!element) return;
    const card = element.closest<HTMLElement>('.clause');
    if (!element.isConnected || card?.hasAttribute('data-far')) {
      card?.scrollIntoView({ block: 'center' });
      if (frames > 0) revealElement(find, frames - 1);
      return;
    }
    const { top, bottom } = element.getBoundingClientRect();
    // Find, floating at the top of the window, covers what lies under it.
    const covered = document.querySelector('.find-in-draft-floating')?.getBoundingClientRect().bottom ?? 0;
    if (top < covered || bottom > window.innerHeight) element.scrollIntoView({ block: 'center' });
  });
}
