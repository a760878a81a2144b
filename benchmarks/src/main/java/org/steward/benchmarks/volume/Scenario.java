package org.steward.benchmarks.volume;

import java.util.List;

/**
 * One way a request goes, played for real through the API once; the generator then copies the rows it left behind.
 * {@code weight} is its share (per thousand) of the copied requests.
 */
record Scenario(String name, String requester, List<String> datasets, boolean external, String finalStatus,
        int weight, Play play) {

    /** The decisions after the submission, in order. */
    interface Play {
        void run(LiveRequests live, String reference) throws Exception;
    }

    static final String FIN = LiveRequests.FIN;
    static final String WO = LiveRequests.WORK_ORDERS;
    static final String SC = LiveRequests.CENTERLINES;

    /** Every final or long-waiting state, most of them asked for by alex so that his list is long. */
    static List<Scenario> all() {
        return List.of(
                new Scenario("in force, Finance", "alex", List.of(FIN), false, "IN_FORCE", 140,
                        (l, r) -> finance(l, "alex", r)),
                new Scenario("in force, two departments", "alex", List.of(FIN, WO), false, "IN_FORCE", 60, (l, r) -> {
                    l.approve("fiona", r);
                    l.approve("sam", r);
                    l.privacy(r, "approve", null);
                    l.sign("frank", r, "sign");
                    l.sign("wes", r, "sign");
                    l.sign("dana", r, "sign");
                    l.decide("frank", r, "delivered", null, null);
                    l.decide("wes", r, "delivered", null, null);
                }),
                new Scenario("delivered, public data", "alex", List.of(SC), false, "DELIVERED", 120,
                        (l, r) -> publicData(l, r)),
                new Scenario("delivered to a partner", "alex", List.of(SC), true, "DELIVERED", 50,
                        (l, r) -> publicData(l, r)),
                new Scenario("rejected by the steward", "alex", List.of(FIN), false, "REJECTED", 80,
                        (l, r) -> l.decide("fiona", r, "reject", "Account data cannot leave Finance", null)),
                new Scenario("rejected by privacy", "alex", List.of(FIN), false, "REJECTED", 30, (l, r) -> {
                    l.approve("fiona", r);
                    l.privacy(r, "reject", "Names and addresses together are too identifying");
                }),
                new Scenario("declined at signing", "alex", List.of(WO), false, "REJECTED", 20, (l, r) -> {
                    l.approve("sam", r);
                    l.sign("wes", r, "sign");
                    l.sign("dana", r, "decline");
                }),
                new Scenario("withdrawn in review", "alex", List.of(FIN), false, "WITHDRAWN", 60,
                        (l, r) -> l.withdraw("alex", r)),
                new Scenario("withdrawn after changes", "alex", List.of(WO), false, "WITHDRAWN", 40, (l, r) -> {
                    l.decide("sam", r, "changes", "Which streets exactly?", null);
                    l.revise("alex", r, false);
                }),
                new Scenario("expired", "alex", List.of(FIN), false, "EXPIRED", 110, (l, r) -> {
                    finance(l, "alex", r);
                    l.expire("alex", r);
                    l.decide("frank", r, "removed", null, null);
                }),
                new Scenario("terminated", "alex", List.of(WO), false, "TERMINATED", 30, (l, r) -> {
                    workOrders(l, r);
                    l.terminate("sam", "alex", r);
                    l.decide("wes", r, "removed", null, null);
                }),
                new Scenario("long history: three rounds of changes", "alex", List.of(FIN), false, "IN_FORCE", 60,
                        (l, r) -> {
                            l.decide("fiona", r, "changes", "Fewer fields, please", null);
                            l.revise("alex", r, true);
                            l.approve("fiona", r);
                            l.privacy(r, "changes", "Say how addresses are aggregated");
                            l.revise("alex", r, true);
                            l.approve("fiona", r);
                            l.privacy(r, "approve_with_conditions", null);
                            l.sign("frank", r, "changes");
                            l.revise("alex", r, true);
                            finance(l, "alex", r);
                        }),
                new Scenario("in force, asked by fiona", "fiona", List.of(WO), false, "IN_FORCE", 40,
                        (l, r) -> workOrders(l, r)),
                new Scenario("delivered, asked by pat", "pat", List.of(SC), false, "DELIVERED", 40,
                        (l, r) -> publicData(l, r)),
                new Scenario("rejected, asked by wes", "wes", List.of(FIN), false, "REJECTED", 30,
                        (l, r) -> l.decide("fiona", r, "reject", "Not for street works", null)),
                new Scenario("withdrawn, asked by dana", "dana", List.of(FIN), false, "WITHDRAWN", 30,
                        (l, r) -> l.withdraw("dana", r)),
                new Scenario("withdrawn after changes, asked by frank", "frank", List.of(SC), false, "WITHDRAWN", 20,
                        (l, r) -> {
                            l.decide("sam", r, "changes", "Which district?", null);
                            l.revise("frank", r, false);
                        }),
                new Scenario("expired, asked by sam", "sam", List.of(FIN), false, "EXPIRED", 40, (l, r) -> {
                    finance(l, "sam", r);
                    l.expire("sam", r);
                    l.decide("frank", r, "removed", null, null);
                }));
    }

    /** Finance's data holds PII: steward, privacy office, two signatures, delivery; then in force. */
    private static void finance(LiveRequests l, String requester, String r) throws Exception {
        l.approve("fiona", r);
        l.privacy(r, "approve_with_conditions", null);
        l.sign("frank", r, "sign");
        l.sign("dana", r, "sign");
        l.decide("frank", r, "delivered", null, null);
    }

    /** Internal data, internal recipient: steward, two signatures, delivery; no privacy review. */
    private static void workOrders(LiveRequests l, String r) throws Exception {
        l.approve("sam", r);
        l.sign("wes", r, "sign");
        l.sign("dana", r, "sign");
        l.decide("wes", r, "delivered", null, null);
    }

    /** Public data: the steward approves and the custodian delivers; no review, no agreement. */
    private static void publicData(LiveRequests l, String r) throws Exception {
        l.approve("sam", r);
        l.decide("wes", r, "delivered", null, null);
    }
}
