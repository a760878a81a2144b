package org.steward.portal.security.suite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.steward.portal.security.suite.Client.Body;

/**
 * The pieces of the role × endpoint matrix: an endpoint ("METHOD pattern") with the values its variables take, who is
 * on each, and what the policy answers each person; a cell is one person on one endpoint with one set of values.
 */
final class Matrix {

    private Matrix() {
    }

    /** How a visitor reaches an endpoint, which says how they log in and how a stranger is turned away. */
    enum Channel {
        /** Portal pages: a browser session, a CSRF token on writes; nobody is sent to the login page. */
        PAGE,
        /** Email and signing links: the token is the credential; a browser, logged in or not. */
        LINK,
        /** The portal's API: HTTP Basic; nobody gets a 401 problem. */
        API,
        /** The engine's REST API: HTTP Basic; nobody gets a 401. */
        ENGINE,
        /** Camunda's webapps and their API: a browser session (one login), their own XSRF token on writes. */
        CAMUNDA
    }

    /** What a cell's answer means. */
    enum Outcome {
        /** The person may: one of the statuses given. */
        ALLOWED,
        /** The person may not see it: 404, exactly as for a made-up value. */
        HIDDEN,
        /** Nothing there (a made-up value, or nothing of that kind yet): one of the statuses given, 404 usually. */
        NOT_FOUND,
        /** Not theirs: 403. */
        FORBIDDEN,
        /** Nobody logged in, on a page: the login page. */
        LOGIN,
        /** Nobody logged in, on an API: 401. */
        UNAUTHORIZED,
        /** Nobody logged in, where either the login page or a 401 is a fair answer (Cockpit's own API). */
        LOGIN_OR_UNAUTHORIZED,
        /** Refused for another reason the policy gives (409 not now, 400 not valid): one of the statuses given. */
        REFUSED
    }

    /** The expected answer of a cell, and why (the product's rule, or the code's where the product is silent). */
    record Expect(Outcome outcome, Set<Integer> statuses, String why) {

        static Expect allowed(int... statuses) {
            return new Expect(Outcome.ALLOWED, set(statuses), null);
        }

        static Expect hidden() {
            return new Expect(Outcome.HIDDEN, Set.of(404), null);
        }

        static Expect notFound(int... statuses) {
            return new Expect(Outcome.NOT_FOUND, statuses.length == 0 ? Set.of(404) : set(statuses), null);
        }

        static Expect forbidden() {
            return new Expect(Outcome.FORBIDDEN, Set.of(403), null);
        }

        static Expect refused(int... statuses) {
            return new Expect(Outcome.REFUSED, set(statuses), null);
        }

        static Expect login() {
            return new Expect(Outcome.LOGIN, Set.of(302), null);
        }

        static Expect unauthorized() {
            return new Expect(Outcome.UNAUTHORIZED, Set.of(401), null);
        }

        static Expect loginOrUnauthorized() {
            return new Expect(Outcome.LOGIN_OR_UNAUTHORIZED, Set.of(302, 401), null);
        }

        /** The same expectation with the reason it holds, reported when the cell fails. */
        Expect because(String reason) {
            return new Expect(outcome, statuses, reason);
        }

        boolean refusal() {
            return outcome != Outcome.ALLOWED;
        }

        private static Set<Integer> set(int... statuses) {
            Set<Integer> set = new java.util.TreeSet<>();
            for (int status : statuses) {
                set.add(status);
            }
            return Set.copyOf(set);
        }
    }

    /**
     * Values for an endpoint's variables, and who is on them. {@code madeUp} values exist nowhere. {@code fresh}, for
     * a write that uses up what it acts on (a withdrawal, a completion), makes another of the same kind for each
     * person allowed, so the shared ones stay as they are for every other cell.
     */
    record Target(String label, Map<String, String> values, Set<String> seers, Map<String, String> facts,
            boolean madeUp, Supplier<Target> fresh) {

        String value(String variable) {
            return values.get(variable);
        }

        String fact(String name) {
            return facts.get(name);
        }

        boolean seenBy(String who) {
            return seers.contains(who);
        }

        Target withFresh(Supplier<Target> supplier) {
            return new Target(label, values, seers, facts, madeUp, supplier);
        }

        Target withFact(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(facts);
            more.put(name, value);
            return new Target(label, values, seers, Map.copyOf(more), madeUp, fresh);
        }

        static Target of(String label, Set<String> seers, String... variablesAndValues) {
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i + 1 < variablesAndValues.length; i += 2) {
                values.put(variablesAndValues[i], variablesAndValues[i + 1]);
            }
            return new Target(label, values, Set.copyOf(seers), Map.of(), false, null);
        }

        static Target madeUp(String... variablesAndValues) {
            Target t = of("made-up", Set.of(), variablesAndValues);
            return new Target(t.label(), t.values(), Set.of(), Map.of(), true, null);
        }

        /** The one target of an endpoint without variables. */
        static Target none() {
            return of("-", Set.of());
        }
    }

    /** What the policy answers one person on one target. */
    @FunctionalInterface
    interface Rule {
        Expect expect(String who, Target target);
    }

    /** The body a person sends to a write endpoint for a target (null: none). */
    @FunctionalInterface
    interface BodyFor {
        Body body(String who, Target target);
    }

    /** Something done around an allowed write (take a task before handing it back; put things back after). */
    @FunctionalInterface
    interface Around {
        void run(String who, Target target);
    }

    /** One endpoint of the table, with everything its cells need. */
    record Endpoint(String key, Channel channel, Supplier<List<Target>> targets, Rule rule, BodyFor body,
            boolean usesUp, Around before, Around after, Map<String, String> headers) {

        String method() {
            String method = key.substring(0, key.indexOf(' '));
            return method.equals("*") ? "GET" : method;
        }

        String pattern() {
            return key.substring(key.indexOf(' ') + 1);
        }

        boolean write() {
            return !method().equals("GET");
        }

        /** The path with the target's values in its variables. */
        String path(Target target) {
            String path = pattern();
            for (Map.Entry<String, String> value : target.values().entrySet()) {
                path = path.replace("{" + value.getKey() + "}", value.getValue());
            }
            if (path.contains("{")) {
                throw new IllegalStateException(key + ": no value for a variable of " + path + " in " + target);
            }
            return path;
        }

        Endpoint body(BodyFor maker) {
            return new Endpoint(key, channel, targets, rule, maker, usesUp, before, after, headers);
        }

        Endpoint consuming() {
            return new Endpoint(key, channel, targets, rule, body, true, before, after, headers);
        }

        Endpoint before(Around around) {
            return new Endpoint(key, channel, targets, rule, body, usesUp, around, after, headers);
        }

        Endpoint after(Around around) {
            return new Endpoint(key, channel, targets, rule, body, usesUp, before, around, headers);
        }

        Endpoint header(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Endpoint(key, channel, targets, rule, body, usesUp, before, after, Map.copyOf(more));
        }

        static Endpoint of(String key, Channel channel, Supplier<List<Target>> targets, Rule rule) {
            return new Endpoint(key, channel, targets, rule, null, false, null, null, Map.of());
        }
    }

    /** A list of targets, the made-up one first so that hidden cells can be compared with it. */
    static List<Target> targets(Target madeUp, Target... real) {
        List<Target> all = new ArrayList<>();
        if (madeUp != null) {
            all.add(madeUp);
        }
        all.addAll(List.of(real));
        return all;
    }
}
