package dev.tierdeck.engine.model;

/** One entry of a rule's {@code ports}/{@code notPorts}: a number, a {@code start:end} range or a named port. */
public sealed interface Port {

    /** A port range, inclusive; a single port has {@code first == last}. */
    record Range(int first, int last) implements Port {
        public static Range of(int port) {
            return new Range(port, port);
        }

        public boolean contains(int port) {
            return port >= first && port <= last;
        }

        @Override
        public String toString() {
            return first == last ? Integer.toString(first) : first + ":" + last;
        }
    }

    /** A named port, resolved per endpoint (calico-semantics §2.7). */
    record Named(String name) implements Port {
        @Override
        public String toString() {
            return name;
        }
    }
}
