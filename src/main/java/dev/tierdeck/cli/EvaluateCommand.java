package dev.tierdeck.cli;

import java.io.PrintStream;

final class EvaluateCommand {

    private EvaluateCommand() {}

    static int run(String[] args, PrintStream out, PrintStream err) {
        err.println("tierdeck: this command is not built yet");
        return Cli.INTERNAL_ERROR;
    }
}
