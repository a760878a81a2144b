package org.steward.workflow.comment;

/** Published inside the transaction that stored a comment on a request's thread. */
public record CommentPosted(String reference, String author, Long commentId) {
}
