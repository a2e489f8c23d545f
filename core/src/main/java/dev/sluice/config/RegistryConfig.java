package dev.sluice.config;

import java.time.Duration;

public record RegistryConfig(
        @Required @Doc("Base URL of the Confluent-compatible REST API, e.g. http://host:8081 or http://host:8080/apis/ccompat/v7.") String url,
        @Default("topic") @Doc("How subjects are named: topic (<topic>-value), record (<namespace>.<record>), topic_record (<topic>-<namespace>.<record>).")
        SubjectNameStrategy subjectNameStrategy,
        @Default("backward") @Doc("Compatibility mode set on subjects whose event type does not choose one.") CompatibilityMode defaultCompatibility,
        @Doc("Basic-auth user, if the registry needs one.") String username,
        @Doc("Basic-auth password; use ${secret:name}.") String password,
        @Default("10s") @Doc("HTTP timeout for registry calls.") Duration timeout) {
}
