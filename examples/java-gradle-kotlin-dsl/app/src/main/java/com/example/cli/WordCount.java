package com.example.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "wordcount", mixinStandardHelpOptions = true, description = "Counts words.")
public class WordCount implements Callable<Integer> {
    @Parameters(defaultValue = "the quick brown fox")
    private String text;

    @Override
    public Integer call() {
        System.out.println("words: " + text.trim().split("\\s+").length);
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new WordCount()).execute(args));
    }
}
