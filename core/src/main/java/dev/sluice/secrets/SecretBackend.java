package dev.sluice.secrets;

import java.util.Optional;

/** A place secrets can come from. Implementations never log or echo the values they return. */
public interface SecretBackend {

    Optional<String> lookup(String name);

    /** Where this backend would look for {@code name}, for an error message (never the value). */
    String whereWouldBe(String name);
}
