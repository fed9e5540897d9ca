/**
 * Which drafts the person left the review to change one answer: their page's
 * primary action then leads back to the review instead of on through the
 * pages. Kept in memory only; after a reload the pages simply go on in order,
 * which also ends at the review.
 */
const returning = new Set<string>();

export function returnToReviewAfterEdit(draftId: string): void {
  returning.add(draftId);
}

export function isReturningToReview(draftId: string): boolean {
  return returning.has(draftId);
}

/** The review is shown again: the next page visit is an ordinary one. */
export function reviewReached(draftId: string): void {
  returning.delete(draftId);
}
