package org.steward.portal.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The largest bodies Steward reads ({@code steward.api.*} and {@code steward.engine-rest.*}); a larger one is
 * answered 413 naming the limit, before anything reads it.
 *
 * @param api the limit on the API's JSON bodies
 * @param engineRest the limit on whatever is sent to the engine's API
 */
@ConfigurationProperties("steward")
record BodySizeSettings(@DefaultValue Api api, @DefaultValue EngineRest engineRest) {

    /**
     * The API's JSON bodies ({@code steward.api.*}).
     *
     * @param maxBodySize the largest JSON body the API takes
     */
    record Api(@DefaultValue("1MB") DataSize maxBodySize) {
    }

    /**
     * Bodies sent to the engine's API under /engine-rest ({@code steward.engine-rest.*}).
     *
     * @param maxBodySize the largest body the engine's API takes; a model is at most steward.models.max-size, and the
     *     engine's API holds any body whole in memory
     */
    record EngineRest(@DefaultValue("10MB") DataSize maxBodySize) {
    }
}
