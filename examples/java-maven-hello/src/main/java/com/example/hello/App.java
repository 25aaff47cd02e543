package com.example.hello;

import java.time.LocalDate;

public class App {
    public static void main(String[] args) {
        System.out.println("hello from java " + Runtime.version().feature());
        System.out.println("leap year 2028: " + LocalDate.of(2028, 1, 1).isLeapYear());
    }
}
