package dev.tierdeck.engine.manifest;

/**
 * One error or warning found while reading manifests.
 *
 * @param source the file name (or the name the caller gave)
 * @param document 1-based index of the YAML document in the source ({@code 0} when the whole source is concerned)
 * @param path the field, e.g. {@code spec.ingress[1].destination.ports[0]} (empty when the whole document)
 * @param message what is wrong
 */
public record ManifestProblem(String source, int document, String path, String message) {

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(source);
        if (document > 0) {
            s.append(": document ").append(document);
        }
        if (!path.isEmpty()) {
            s.append(": ").append(path);
        }
        return s.append(": ").append(message).toString();
    }
}
