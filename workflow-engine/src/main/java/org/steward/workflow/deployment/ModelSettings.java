package org.steward.workflow.deployment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Which models a release deploys itself, and how large a model anyone deploys may be ({@code steward.*}).
 *
 * @param shippedModels where the models shipped with a release are found (resource patterns, comma-separated); a
 *     changed one is deployed at start-up, unless an admin deployed their own version of that process since
 * @param models the limits on a model file
 */
@ConfigurationProperties("steward")
public record ModelSettings(
        @DefaultValue("classpath*:steward/models/*.bpmn,classpath*:steward/models/*.dmn") String shippedModels,
        @DefaultValue Models models) {

    /**
     * The limits on a model file ({@code steward.models.*}), checked before anything reads the whole file.
     *
     * @param maxSize the largest model file anyone may deploy
     * @param maxDepth how deeply a model file may nest its elements
     */
    public record Models(
            @DefaultValue("5MB") DataSize maxSize,
            @DefaultValue("200") int maxDepth) {
    }
}
