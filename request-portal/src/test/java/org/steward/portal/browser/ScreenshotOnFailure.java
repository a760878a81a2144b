package org.steward.portal.browser;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/** Saves the page a browser test failed on, so a person can look at what went wrong. */
public class ScreenshotOnFailure implements TestExecutionExceptionHandler {

    private static final Map<Thread, BrowserTest> RUNNING = new ConcurrentHashMap<>();

    static void watch(BrowserTest test) {
        RUNNING.put(Thread.currentThread(), test);
    }

    static void forget(BrowserTest test) {
        RUNNING.remove(Thread.currentThread(), test);
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        BrowserTest test = RUNNING.get(Thread.currentThread());
        if (test != null && test.browser != null) {
            test.save(test.testName() + "-FAILED");
        }
        throw thrown;
    }
}
