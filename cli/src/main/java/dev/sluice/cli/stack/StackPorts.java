package dev.sluice.cli.stack;

import java.util.Properties;

/**
 * Every TCP port the local stack binds. Defaults sit in ranges no system service uses (never 9092/8081/8123/9000),
 * so the stack can run next to a real Kafka or ClickHouse on the same machine.
 */
record StackPorts(int kafka, int kafkaController, int registry,
                  int clickHouseHttp, int clickHouseNative, int clickHouseInterserver, int redis) {

    static final StackPorts DEFAULTS = new StackPorts(19092, 19093, 18081, 18123, 19000, 19009, 16379);

    /** One row per port: how it is named on the command line, in the environment and in ports.properties. */
    enum Port {
        KAFKA("--kafka-port", "SLUICE_STACK_KAFKA_PORT", "kafka.port"),
        KAFKA_CONTROLLER("--kafka-controller-port", "SLUICE_STACK_KAFKA_CONTROLLER_PORT", "kafka.controller.port"),
        REGISTRY("--registry-port", "SLUICE_STACK_REGISTRY_PORT", "registry.port"),
        CLICKHOUSE_HTTP("--clickhouse-http-port", "SLUICE_STACK_CLICKHOUSE_HTTP_PORT", "clickhouse.http.port"),
        CLICKHOUSE_NATIVE("--clickhouse-native-port", "SLUICE_STACK_CLICKHOUSE_NATIVE_PORT", "clickhouse.native.port"),
        CLICKHOUSE_INTERSERVER("--clickhouse-interserver-port", "SLUICE_STACK_CLICKHOUSE_INTERSERVER_PORT", "clickhouse.interserver.port"),
        REDIS("--redis-port", "SLUICE_STACK_REDIS_PORT", "redis.port");

        final String option;
        final String envVar;
        final String propertyKey;

        Port(String option, String envVar, String propertyKey) {
            this.option = option;
            this.envVar = envVar;
            this.propertyKey = propertyKey;
        }
    }

    int get(Port port) {
        return switch (port) {
            case KAFKA -> kafka;
            case KAFKA_CONTROLLER -> kafkaController;
            case REGISTRY -> registry;
            case CLICKHOUSE_HTTP -> clickHouseHttp;
            case CLICKHOUSE_NATIVE -> clickHouseNative;
            case CLICKHOUSE_INTERSERVER -> clickHouseInterserver;
            case REDIS -> redis;
        };
    }

    static StackPorts of(java.util.function.ToIntFunction<Port> valueOf) {
        return new StackPorts(valueOf.applyAsInt(Port.KAFKA), valueOf.applyAsInt(Port.KAFKA_CONTROLLER),
                valueOf.applyAsInt(Port.REGISTRY), valueOf.applyAsInt(Port.CLICKHOUSE_HTTP),
                valueOf.applyAsInt(Port.CLICKHOUSE_NATIVE), valueOf.applyAsInt(Port.CLICKHOUSE_INTERSERVER), valueOf.applyAsInt(Port.REDIS));
    }

    Properties toProperties() {
        Properties properties = new Properties();
        for (Port port : Port.values()) {
            properties.setProperty(port.propertyKey, Integer.toString(get(port)));
        }
        return properties;
    }
}
