package dev.tierdeck.cli;

import java.io.PrintStream;

final class BenchCommand {

    private BenchCommand() {}

    static int run(String[] args, PrintStream out, PrintStream err) {
        err.println("tierdeck: this command is not built yet");
        return Cli.INTERNAL_ERROR;
    }
}
