package dev.tierdeck.cli;

/** Input the user must fix; the message names the file, the place and the problem (exit status 2). */
final class BadInputException extends Exception {
    BadInputException(String message) {
        super(message);
    }
}
