package com.example.core;

public final class Greeter {
    private Greeter() {}

    public static String greet(String who) {
        return "core greets " + who;
    }
}
