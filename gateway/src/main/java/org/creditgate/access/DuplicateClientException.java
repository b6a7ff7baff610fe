package org.creditgate.access;

/** A client with this id is already registered. */
public final class DuplicateClientException extends RuntimeException {

    public DuplicateClientException(String id) {
        super("a client with id '" + id + "' already exists", null, false, false);
    }
}
