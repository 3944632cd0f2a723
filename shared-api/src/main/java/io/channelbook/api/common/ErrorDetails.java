package io.channelbook.api.common;

/**
 * Why a command or query was refused, as it crosses from the command side to the edge (the details of an Axon
 * {@code CommandExecutionException}). {@code code} is stable and documented; {@code message} is for people.
 */
public record ErrorDetails(String code, String message, ErrorKind kind) {
}
