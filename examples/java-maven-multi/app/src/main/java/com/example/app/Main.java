package com.example.app;

import com.example.core.Greeter;
import java.util.logging.Logger;

public class Main {
    private static final Logger LOG = Logger.getLogger(Main.class.getName());

    public static void main(String[] args) {
        LOG.fine("starting");
        System.out.println(Greeter.greet("the app module"));
    }
}
