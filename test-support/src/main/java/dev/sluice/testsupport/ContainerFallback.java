package dev.sluice.testsupport;

import java.util.Map;
import java.util.Set;

/** Starts services in containers when no running ones were found. Only possible where a Docker engine runs. */
interface ContainerFallback {

    /** Whether containers can be started here; false on machines without a Docker engine. */
    boolean available();

    /** Starts the given services and returns their endpoints. They stop when the test run ends. */
    Map<StackPart, String> start(Set<StackPart> parts);
}
