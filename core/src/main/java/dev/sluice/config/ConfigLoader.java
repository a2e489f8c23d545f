package dev.sluice.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.secrets.DirectorySecretBackend;
import dev.sluice.secrets.DotenvSecretBackend;
import dev.sluice.secrets.EnvironmentSecretBackend;
import dev.sluice.secrets.SecretBackend;
import dev.sluice.secrets.SecretMasker;
import dev.sluice.secrets.SecretResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads {@code config/platform.yaml}, every {@code config/domains/*.yaml} and the chosen {@code environments/<env>.yaml}
 * overlay from a repository, resolves {@code ${env:...}} and {@code ${secret:...}}, binds the typed records and
 * validates them, reporting every problem at once with file, line, column and field path.
 */
public final class ConfigLoader {

    public static final String PLATFORM_FILE = "config/platform.yaml";
    public static final String DOMAINS_DIR = "config/domains";
    public static final String ENVIRONMENTS_DIR = "environments";

    /** No secrets.backends (or an empty list): the environment, a .env file, then mounted secret files (SecretsConfig's doc). */
    private static final List<SecretBackendConfig> DEFAULT_SECRET_BACKENDS = List.of(
            ConfigDefaults.of(SecretBackendConfig.class, Map.of("type", "env")),
            ConfigDefaults.of(SecretBackendConfig.class, Map.of("type", "dotenv", "path", ".env")),
            ConfigDefaults.of(SecretBackendConfig.class, Map.of("type", "directory", "path", "/run/secrets/sluice")));

    private final Path root;
    private final Map<String, String> environment;
    private final boolean missingSecretsAllowed;

    private ConfigLoader(Path root, Map<String, String> environment, boolean missingSecretsAllowed) {
        this.root = root;
        this.environment = environment;
        this.missingSecretsAllowed = missingSecretsAllowed;
    }

    public static ConfigLoader forRepository(Path root) {
        return new ConfigLoader(root, System.getenv(), false);
    }

    /** For tests: a fixed set of environment variables instead of the process's. */
    public static ConfigLoader forRepository(Path root, Map<String, String> environment) {
        return new ConfigLoader(root, environment, false);
    }

    /**
     * A loader that reports secrets it cannot find in {@link LoadedConfig#missingSecrets()} instead of failing: for
     * validating another environment's configuration on a machine that does not hold that environment's secrets.
     */
    public ConfigLoader allowingMissingSecrets() {
        return new ConfigLoader(root, environment, true);
    }

    /** Loads the configuration for {@code environmentName} (dev, staging, prod...). */
    public SluiceConfig load(String environmentName) {
        return loadWithSecrets(environmentName).config();
    }

    /** The configuration plus what is needed to show it safely: the masker knows every resolved secret value. */
    public LoadedConfig loadWithSecrets(String environmentName) {
        List<ConfigError> errors = new ArrayList<>();
        ConfigTree tree = new ConfigTree();
        tree.mount("/platform", read(PLATFORM_FILE, errors));
        Set<String> unparsedDomains = new HashSet<>();
        for (Path domainFile : domainFiles()) {
            String fileName = domainFile.getFileName().toString();
            String domainName = fileName.substring(0, fileName.length() - ".yaml".length());
            YamlDocument document = read(DOMAINS_DIR + "/" + fileName, errors);
            tree.mount("/domains/" + domainName, document);
            if (!document.parsed) {
                unparsedDomains.add(domainName);
            }
        }
        applyOverlay(environmentName, tree, errors);

        int errorsBeforeInterpolation = errors.size();
        SecretMasker masker = new SecretMasker();
        Set<String> secretPaths = new HashSet<>();
        // The secrets section may only use ${env:...}: it configures where ${secret:...} values come from.
        JsonNode secretsNode = tree.at("/platform/secrets");
        SecretResolver noSecrets = new SecretResolver(List.of());
        if (secretsNode != null) {
            new Interpolator(environment, noSecrets, masker, secretPaths, tree, errors, errors).interpolate(secretsNode, "/platform/secrets");
        }
        RecordBinder binder = new RecordBinder(tree, errors);
        SecretsConfig secretsConfig = secretsNode == null ? ConfigDefaults.of(SecretsConfig.class)
                : binder.bind(secretsNode, SecretsConfig.class, "/platform/secrets");
        SecretResolver resolver = new SecretResolver(backends(secretsConfig));
        List<ConfigError> missingSecrets = new ArrayList<>();
        new Interpolator(environment, resolver, masker, secretPaths, tree, missingSecretsAllowed ? missingSecrets : errors, errors)
                .interpolate(tree.root, "");
        // A value that could not be resolved is empty; checking it further would only report the same problem twice.
        boolean interpolationFailed = errors.size() > errorsBeforeInterpolation;

        PlatformConfig platform = binder.bind(tree.root.get("platform"), PlatformConfig.class, "/platform");
        Map<String, DomainConfig> domains = new LinkedHashMap<>();
        JsonNode domainsNode = tree.root.get("domains");
        if (domainsNode != null) {
            domainsNode.fields().forEachRemaining(entry -> {
                // A file that did not parse has had its error reported; binding its remains would only add noise.
                if (!unparsedDomains.contains(entry.getKey())) {
                    bindDomain(entry.getKey(), entry.getValue(), tree, binder, errors, domains);
                }
            });
        }
        if (platform != null && !interpolationFailed) {
            validatePlatform(platform, tree, errors);
            validateRedisPresent(platform, domains, tree, errors);
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors.stream().map(e -> maskError(e, masker)).toList());
        }
        return new LoadedConfig(new SluiceConfig(environmentName, platform, domains), masker, secretPaths, missingSecrets);
    }

    /** The environments that have an overlay file. */
    public List<String> environments() {
        Path dir = root.resolve(ENVIRONMENTS_DIR);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - ".yaml".length())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void bindDomain(String domainName, JsonNode node, ConfigTree tree, RecordBinder binder,
                            List<ConfigError> errors, Map<String, DomainConfig> domains) {
        String path = "/domains/" + domainName;
        int before = errors.size();
        if (node.isObject() && node.has("name") && !domainName.equals(node.get("name").asText())) {
            errors.add(tree.error(path + "/name", "domain name '" + node.get("name").asText() + "' differs from its file name '"
                    + domainName + ".yaml'", "rename the file or the domain so they match"));
            return;
        }
        DomainConfig domain = binder.bind(node, DomainConfig.class, path);
        if (domain != null && domain.name() == null) {
            domain = null;
        }
        // Cross-reference checks on a domain that did not bind cleanly would only repeat its errors in other words.
        if (domain != null && errors.size() == before) {
            new DomainValidator(tree, errors).validate(domain, path);
        }
        if (domain != null) {
            domains.put(domainName, domain);
        }
    }

    private void applyOverlay(String environmentName, ConfigTree tree, List<ConfigError> errors) {
        String file = ENVIRONMENTS_DIR + "/" + environmentName + ".yaml";
        if (!Files.isRegularFile(root.resolve(file))) {
            errors.add(new ConfigError(new SourceLocation(file, 0, 0), "", "environment '" + environmentName + "' has no overlay file",
                    Suggestions.fixFor(environmentName, environments(), "environments")));
            return;
        }
        YamlDocument overlay = read(file, errors);
        overlay.root.fieldNames().forEachRemaining(key -> {
            if (!key.equals("platform") && !key.equals("domains")) {
                errors.add(keyError(overlay, "/" + key, "unknown key '" + key + "'",
                        Suggestions.fixFor(key, List.of("platform", "domains"), "an overlay holds")));
            }
        });
        JsonNode overlayDomains = overlay.root.get("domains");
        if (overlayDomains != null && overlayDomains.isObject()) {
            JsonNode baseDomains = tree.root.get("domains");
            List<String> known = new ArrayList<>();
            if (baseDomains != null) {
                baseDomains.fieldNames().forEachRemaining(known::add);
            }
            overlayDomains.fieldNames().forEachRemaining(name -> {
                if (!known.contains(name)) {
                    errors.add(keyError(overlay, "/domains/" + name, "overlay for unknown domain '" + name + "'",
                            Suggestions.fixFor(name, known, "domains")));
                }
            });
        }
        tree.overlay(overlay);
    }

    private static ConfigError keyError(YamlDocument document, String path, String message, String fix) {
        SourceLocation location = document.keyLocations.getOrDefault(path, new SourceLocation(document.file, 0, 0));
        return new ConfigError(location, ConfigPaths.display(path, ""), message, fix);
    }

    /**
     * Runs even when binding reported errors, so that every problem is listed at once: here a required section or a
     * value that did not bind may be null, which the guards below allow for (a loaded config has neither).
     */
    private void validatePlatform(PlatformConfig platform, ConfigTree tree, List<ConfigError> errors) {
        checkUrl(platform.registry() == null ? null : platform.registry().url(), "/platform/registry/url", tree, errors);
        checkUrl(platform.clickhouse() == null ? null : platform.clickhouse().url(), "/platform/clickhouse/url", tree, errors);
        if (platform.redis() != null) {
            checkRedis(platform.redis(), tree, errors);
        }
        if (platform.metrics().port() < 1 || platform.metrics().port() > 65535) {
            errors.add(tree.error("/platform/metrics/port", "port must be between 1 and 65535", null));
        }
        if (platform.spark().shufflePartitions() < 1) {
            errors.add(tree.error("/platform/spark/shufflePartitions", "shufflePartitions must be at least 1", null));
        }
        if (platform.clickhouse() != null && platform.clickhouse().database() != null
                && !DomainValidator.IDENTIFIER.matcher(platform.clickhouse().database()).matches()) {
            errors.add(tree.error("/platform/clickhouse/database", "database '" + platform.clickhouse().database()
                    + "' is not a lower_snake_case identifier", null));
        }
    }

    /** An online aggregation writes to platform.redis, so the platform must say where Redis is. */
    private static void validateRedisPresent(PlatformConfig platform, Map<String, DomainConfig> domains, ConfigTree tree,
                                             List<ConfigError> errors) {
        // redis has a required url, so a platform without a redis: section has none (null), unlike its optional sections.
        if (platform.redis() != null) {
            return;
        }
        domains.forEach((domainName, domain) -> domain.aggregations().forEach((name, aggregation) -> {
            if (aggregation.online() != null) {
                errors.add(tree.keyError("/domains/" + domainName + "/aggregations/" + name + "/online",
                        "online features need a Redis, but " + PLATFORM_FILE + " has no redis section",
                        "add redis: { url: redis://host:6379 } to " + PLATFORM_FILE + " (or the environment's overlay), or remove online"));
            }
        }));
    }

    private static void checkRedis(RedisConfig redis, ConfigTree tree, List<ConfigError> errors) {
        if (redis.url() == null || redis.url().isEmpty()) {
            return;
        }
        String path = "/platform/redis/url";
        try {
            URI uri = URI.create(redis.url());
            if (uri.getRawUserInfo() != null) {
                // The URL is logged and shown by config show; a password belongs in redis.password, which is masked.
                errors.add(tree.error(path, "the Redis URL carries credentials", "move them to redis.username and redis.password: ${secret:redis_password}"));
            } else if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme()) || uri.getHost() == null) {
                errors.add(tree.error(path, "'" + redis.url() + "' is not a redis:// URL", "write it like redis://host:6379 (rediss:// for TLS)"));
            } else if (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().matches("/\\d{1,2}")) {
                errors.add(tree.error(path, "'" + uri.getPath() + "' is not a database number", "write redis://host:6379/0, or leave the path out"));
            }
        } catch (IllegalArgumentException e) {
            errors.add(tree.error(path, "'" + redis.url() + "' is not a valid URL", "write it like redis://host:6379"));
        }
        if (redis.keyPrefix() != null && !redis.keyPrefix().matches("[A-Za-z0-9_.-]+")) {
            errors.add(tree.error("/platform/redis/keyPrefix", "key prefix '" + redis.keyPrefix() + "' may only hold letters, digits, '_', '.' and '-'",
                    "keys are <keyPrefix>:<domain>:<aggregation>:<id>, so the prefix must not contain ':'"));
        }
        if (redis.batchSize() < 1) {
            errors.add(tree.error("/platform/redis/batchSize", "batchSize must be at least 1", null));
        }
        if (redis.timeout() != null && (redis.timeout().isZero() || redis.timeout().isNegative())) {
            errors.add(tree.error("/platform/redis/timeout", "must be longer than zero", "write e.g. timeout: 2s"));
        }
    }

    private static void checkUrl(String url, String path, ConfigTree tree, List<ConfigError> errors) {
        if (url == null || url.isEmpty()) {
            return;
        }
        try {
            URI uri = URI.create(url);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                errors.add(tree.error(path, "'" + url + "' is not an http(s) URL", "write it like http://host:port"));
            }
        } catch (IllegalArgumentException e) {
            errors.add(tree.error(path, "'" + url + "' is not a valid URL", "write it like http://host:port"));
        }
    }

    private List<SecretBackend> backends(SecretsConfig config) {
        List<SecretBackendConfig> configured = config.backends().isEmpty() ? DEFAULT_SECRET_BACKENDS : config.backends();
        List<SecretBackend> backends = new ArrayList<>();
        for (SecretBackendConfig backend : configured) {
            if (backend.type() == null) {
                continue;
            }
            switch (backend.type()) {
                case ENV -> backends.add(new EnvironmentSecretBackend(backend.prefix(), environment));
                case DOTENV -> backends.add(new DotenvSecretBackend(root.resolve(backend.path() == null ? ".env" : backend.path())));
                case DIRECTORY -> backends.add(new DirectorySecretBackend(root.resolve(backend.path() == null ? "/run/secrets" : backend.path())));
                default -> throw new IllegalStateException("bug: secret backend " + backend.type());
            }
        }
        return backends;
    }

    private List<Path> domainFiles() {
        Path dir = root.resolve(DOMAINS_DIR);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private YamlDocument read(String relativeFile, List<ConfigError> errors) {
        Path file = root.resolve(relativeFile);
        if (!Files.isRegularFile(file)) {
            errors.add(new ConfigError(new SourceLocation(relativeFile, 0, 0), "", "file not found under " + root, "create it"));
            return YamlDocument.parse(relativeFile, "", errors);
        }
        try {
            return YamlDocument.parse(relativeFile, Files.readString(file), errors);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static ConfigError maskError(ConfigError error, SecretMasker masker) {
        return new ConfigError(error.location(), error.path(), masker.mask(error.message()),
                error.fix() == null ? null : masker.mask(error.fix()));
    }
}
