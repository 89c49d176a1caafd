/** Where to put the caret when an editor mounts because someone clicked or tabbed into its preview. */
export type FocusRequest = { x: number; y: number } | 'start' | 'end';
