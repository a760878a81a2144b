package org.steward.benchmarks;

/** One client of a lifecycle pass: runs whole lifecycles, one after another, on one thread. */
interface LifecycleClient {

    /** Runs one lifecycle to its end, recording its calls; throws when it could not get there. */
    void runOne(CallStats stats) throws Exception;
}
