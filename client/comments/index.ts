/**
 * The comments feature's public entry: the provider and panel the draft page mounts, the buttons and
 * counts it shows on clauses and in the outline, what a clause editor needs to comment on a passage
 * and mark the commented passages, and what the proposals panel needs to anchor threads on proposals.
 */
export { quoteOf } from './anchorFromRange.js';
export { ClauseCommentsButton } from './ClauseCommentsButton.js';
export { CommentHighlights } from './commentHighlights.js';
export { CommentSelectionButton } from './CommentSelectionButton.js';
export { useComments } from './CommentsContext.js';
export { CommentsPanel } from './CommentsPanel.js';
export { CommentsProvider } from './CommentsProvider.js';
export { CommentsToggle } from './CommentsToggle.js';
export type { CommentThread } from './groupThreads.js';
export { passageRange } from './isPassagePresent.js';
export { OutlineCommentCount } from './OutlineCommentCount.js';
export { useCommentHighlights } from './useCommentHighlights.js';
