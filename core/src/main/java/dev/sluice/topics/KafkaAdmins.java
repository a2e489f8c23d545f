package dev.sluice.topics;

import dev.sluice.config.KafkaConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.util.Properties;

/** Builds an admin client from the platform's Kafka settings (bootstrap servers plus clientProperties for TLS/SASL). */
public final class KafkaAdmins {

    private KafkaAdmins() {
    }

    public static Admin create(KafkaConfig kafka) {
        Properties props = new Properties();
        props.putAll(kafka.clientProperties());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "sluice-admin");
        // Fail within half a minute when the cluster is unreachable instead of the default minute-long waits.
        props.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        props.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        return Admin.create(props);
    }
}
