package dev.tierdeck.tenancy;

/**
 * One rejected input of a team.
 *
 * @param field the field as the API names it, with the index of a list entry: {@code name},
 *     {@code namespacePatterns[1]}, {@code groups}
 * @param message what is wrong and how to fix it
 */
public record TeamField(String field, String message) {}
