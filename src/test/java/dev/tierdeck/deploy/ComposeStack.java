package dev.tierdeck.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** compose.yaml, parsed, with the few look-ups the tests need. */
record ComposeStack(JsonNode root) {

    static final Path FILE = Path.of("compose.yaml");

    static ComposeStack load() {
        try {
            return new ComposeStack(YAMLMapper.builder().build().readTree(Files.readString(FILE)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode service(String name) {
        var service = root.path("services").path(name);
        assertThat(service.isObject()).as("service %s in %s", name, FILE).isTrue();
        return service;
    }

    List<String> serviceNames() {
        return root.path("services").propertyNames().stream().toList();
    }

    /** A service's environment, whether written as a map or as a list of NAME=value. */
    Map<String, String> environment(String service) {
        var environment = service(service).path("environment");
        var values = new LinkedHashMap<String, String>();
        if (environment.isObject()) {
            environment
                    .properties()
                    .forEach(e -> values.put(e.getKey(), e.getValue().asString()));
        } else {
            environment.valueStream().map(JsonNode::asString).forEach(line -> {
                int equals = line.indexOf('=');
                values.put(line.substring(0, equals), line.substring(equals + 1));
            });
        }
        return values;
    }

    /** Published ports as container port -> host port ("[ip:]host:container" short syntax). */
    Map<Integer, Integer> publishedPorts(String service) {
        var ports = new LinkedHashMap<Integer, Integer>();
        service(service).path("ports").valueStream().map(JsonNode::asString).forEach(mapping -> {
            var parts = mapping.split(":");
            assertThat(parts.length).as("port mapping %s", mapping).isGreaterThanOrEqualTo(2);
            ports.put(Integer.parseInt(parts[parts.length - 1]), Integer.parseInt(parts[parts.length - 2]));
        });
        return ports;
    }

    /** Bind mounts as container path -> host path, from "host:container[:mode]" entries. */
    Map<String, String> bindMounts(String service) {
        var mounts = new LinkedHashMap<String, String>();
        service(service).path("volumes").valueStream().map(JsonNode::asString).forEach(volume -> {
            var parts = volume.split(":");
            if (parts[0].startsWith(".") || parts[0].startsWith("/")) {
                mounts.put(parts[1], parts[0]);
            }
        });
        return mounts;
    }

    List<String> networkAliases(String service) {
        return service(service)
                .path("networks")
                .path("default")
                .path("aliases")
                .valueStream()
                .map(JsonNode::asString)
                .toList();
    }
}
