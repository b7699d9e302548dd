package org.voxgate.server;

/** Command-line entry point of the {@code voxgate} launcher. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.out.println("voxgate: not wired yet");
    }
}
