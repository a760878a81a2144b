package org.steward.workflow.version;

import java.util.List;

/**
 * A decision as a table to read: its hit policy in words, the column headings and one row per rule ("any" where a
 * rule does not test an input). A decision that is a single expression has no rules, only the expression.
 */
public record DecisionTableView(String hitPolicy, List<String> inputs, List<String> outputs, List<Rule> rules,
        String expression) {

    public DecisionTableView {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        rules = List.copyOf(rules);
    }

    /** One rule: its number, what it tests, what it answers, and its annotation. */
    public record Rule(int number, List<String> when, List<String> then, String note) {

        public Rule {
            when = List.copyOf(when);
            then = List.copyOf(then);
        }
    }
}
