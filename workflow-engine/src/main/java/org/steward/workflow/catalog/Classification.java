package org.steward.workflow.catalog;

/** How sensitive a dataset is, from least to most; the order matters for routing. */
public enum Classification {
    PUBLIC, INTERNAL, CONFIDENTIAL, RESTRICTED
}
