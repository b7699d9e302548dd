package org.voxgate.server.cli;

/** The API refused a request the config commands needed; carries the answer to print. */
final class ApiException extends Exception {

    private final transient AdminClient.Answer answer;

    ApiException(String doing, AdminClient.Answer answer) {
        super(doing, null, false, false);
        this.answer = answer;
    }

    AdminClient.Answer answer() {
        return answer;
    }
}
