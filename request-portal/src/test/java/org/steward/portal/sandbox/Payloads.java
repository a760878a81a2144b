package org.steward.portal.sandbox;

import java.util.List;

/**
 * Expressions that try to get out of the sandbox: each would create the file MARKER or copy the environment variable
 * PATH into the variable "leak", if it could reach what it names. Variables the probe starts with: {@code probe} (a
 * text), {@code probeName} ("processEngine") and {@code inner} (one more payload, as text, for nested evaluation).
 */
final class Payloads {

    /** From a java.lang.Class, the steps to a new file and to the environment. */
    static final String FILE_FROM_CLASS = ".forName('java.io.File').getConstructor(''.getClass())"
            + ".newInstance('MARKER').createNewFile()";
    static final String COMMAND_FROM_CLASS = ".forName('java.lang.Runtime').getMethod('getRuntime')"
            + ".invoke(null).exec('touch MARKER')";
    static final String ENV_FROM_CLASS = ".forName('java.lang.System').getMethod('getenv', ''.getClass())"
            + ".invoke(null, 'PATH')";

    /**
     * One attempt: a name for the report, the expression, and whether it names something that does not exist for
     * models at all (then the engine cannot resolve it) rather than something the sandbox must refuse.
     */
    record Payload(String name, String expression, boolean unknownName) {

        Payload(String name, String expression) {
            this(name, expression, false);
        }

        /** Whether it names the execution or one of the probe's variables, which only a running instance has. */
        boolean usesInstance() {
            String names = expression.replaceAll("'[^']*'", "''");
            return java.util.regex.Pattern.compile("\\b(execution|probe|probeName|inner)\\b").matcher(names).find();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private Payloads() {
    }

    static List<Payload> all() {
        return List.of(
                new Payload("a string literal's class", "${''.getClass()" + FILE_FROM_CLASS + "}"),
                new Payload("a string literal's class as a property", "${''.class" + FILE_FROM_CLASS + "}"),
                new Payload("an OS command from a string", "${'x'.getClass()" + COMMAND_FROM_CLASS + "}"),
                new Payload("the environment into a variable",
                        "${execution.setVariable('leak', ''.getClass()" + ENV_FROM_CLASS + ")}"),
                new Payload("parenthesised execution", "${(execution).getClass()" + FILE_FROM_CLASS + "}"),
                new Payload("parenthesised execution to the engine",
                        "${(execution).processEngine.processEngineConfiguration.expressionManager"
                                + ".createExpression(inner).getValue(execution)}"),
                new Payload("a ternary's execution to the engine",
                        "${(true ? execution : null).processEngineServices.runtimeService"
                                + ".createProcessInstanceQuery().list()}"),
                new Payload("the engine by a getter", "${execution.getProcessEngine().getName()}"),
                new Payload("the engine's services by a getter",
                        "${execution.getProcessEngineServices().getRuntimeService()}"),
                new Payload("the process instance's engine", "${execution.processInstance.processEngine}"),
                new Payload("a computed member of execution", "${execution[probeName].name}"),
                new Payload("a concatenated member name", "${execution['process'.concat('Engine')].name}"),
                new Payload("the variables map's class", "${execution.variables.getClass()" + FILE_FROM_CLASS + "}"),
                new Payload("a method of the variables map", "${execution.variables.entrySet().iterator().next()"
                        + ".getClass()" + FILE_FROM_CLASS + "}"),
                new Payload("a variable's class", "${probe.getClass()" + FILE_FROM_CLASS + "}"),
                new Payload("a variable's bytes", "${probe.bytes.getClass()" + FILE_FROM_CLASS + "}"),
                new Payload("a method on a variable", "${probe.concat('x').getClass()" + FILE_FROM_CLASS + "}"),
                new Payload("getVariable's result", "${execution.getVariable('probe').getClass()"
                        + FILE_FROM_CLASS + "}"),
                new Payload("a building block's class", "${workingDays.getClass()" + FILE_FROM_CLASS + "}"),
                new Payload("a building block's class loader", "${departments.getClass().getClassLoader()"
                        + ".loadClass('java.lang.Runtime')}"),
                new Payload("a building block's field", "${agreements.agreements}"),
                new Payload("a building block's other method", "${workingDays.isWorkingDay(null)}"),
                new Payload("a step run as a method", "${setStatus.execute(execution)}"),
                new Payload("a model method's result", "${departments.list(probe).getClass()" + FILE_FROM_CLASS + "}"),
                new Payload("a date function's class", "${now().getClass()" + FILE_FROM_CLASS + "}"),
                new Payload("a date-time function's method", "${dateTime().toDate().getClass()"
                        + FILE_FROM_CLASS + "}"),
                new Payload("the person acting", "${currentUser().getClass()" + FILE_FROM_CLASS + "}"),
                new Payload("an object stored as a variable", "${execution.setVariable('leak', execution)}"),
                new Payload("a building block stored as a variable", "${execution.setVariable('leak', workingDays)}"),
                new Payload("another Spring bean", "${environment.getProperty('PATH')}", true),
                new Payload("the system environment bean", "${systemEnvironment['PATH']}", true),
                new Payload("the variable context", "${variableContext.resolve('probe').getClass()"
                        + FILE_FROM_CLASS + "}"),
                new Payload("an external task", "${externalTask.getClass()" + FILE_FROM_CLASS + "}"),
                new Payload("#{} instead of ${}", "#{''.getClass()" + FILE_FROM_CLASS + "}"));
    }
}
