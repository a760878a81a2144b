package org.steward.workflow.sandbox;

import javax.script.ScriptEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.scripting.engine.DefaultScriptEngineResolver;
import org.camunda.bpm.engine.impl.scripting.engine.ScriptingEngines;

/**
 * The engine's script engines, none of which runs: script tasks, script listeners, conditions and input/output
 * scripts, and decision tables in a script language all fail here, whatever language they name (JUEL included).
 */
final class NoScripts extends ScriptingEngines {

    NoScripts() {
        super(new DefaultScriptEngineResolver(new javax.script.ScriptEngineManager(NoScripts.class.getClassLoader())));
    }

    @Override
    public ScriptEngine getScriptEngineForLanguage(String language) {
        throw new ProcessEngineException("Steward runs no scripts (this model asks for one in \"" + language
                + "\"): replace the script with one of Steward's building blocks.");
    }
}
