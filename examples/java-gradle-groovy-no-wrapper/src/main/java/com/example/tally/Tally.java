package com.example.tally;

import java.util.stream.IntStream;

public class Tally {
    public static void main(String[] args) {
        System.out.println("tally: " + IntStream.rangeClosed(1, 10).sum());
    }
}
