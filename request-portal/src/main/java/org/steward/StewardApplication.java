package org.steward;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Steward: city departments share data through a written-down, followed and provable process. */
@SpringBootApplication
public class StewardApplication {

    public static void main(String[] args) {
        SpringApplication.run(StewardApplication.class, args);
    }
}
