plugins {
    application
}

dependencies {
    implementation("info.picocli:picocli:4.7.7")
}

java {
    toolchain {
        languageVersion = JavaLanguageVersion.of(17)
    }
}

application {
    mainClass = "com.example.cli.WordCount"
}
