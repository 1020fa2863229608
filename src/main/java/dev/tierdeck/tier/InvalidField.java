package dev.tierdeck.tier;

/** One rejected input: the field as the API and the form name it, and what is wrong with it. */
public record InvalidField(String field, String message) {}
