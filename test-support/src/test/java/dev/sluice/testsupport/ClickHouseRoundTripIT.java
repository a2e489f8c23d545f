package dev.sluice.testsupport;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Proves the ClickHouse the tests get is a real server, through the client the pipeline uses (client-v2) in the
 * configuration that works from ClickHouse 18.16 to current: no compressed responses, JSONEachRow in, TabSeparated out.
 *
 * <p>Table names are qualified with the database: client-v2 sends its default database as the X-ClickHouse-Database
 * header, which 18.16 ignores (it only reads the {@code database} URL parameter), so unqualified names would land
 * in {@code default} there.
 */
@ExtendWith(RealStack.class)
class ClickHouseRoundTripIT {

    @Test
    void insertsAndSelectsThroughClientV2(StackEndpoints stack, ClickHouseTestDatabase database) throws Exception {
        String table = database.name() + ".page_views";
        try (Client client = new Client.Builder()
                .addEndpoint(stack.clickhouseUrl())
                .setUsername("default")
                .setPassword("")
                .compressServerResponse(false)
                .build()) {
            client.execute("CREATE TABLE " + table + " (user String, views UInt32) ENGINE = MergeTree ORDER BY user")
                    .get(30, TimeUnit.SECONDS).close();
            byte[] rows = "{\"user\":\"ada\",\"views\":3}\n{\"user\":\"bob\",\"views\":5}\n".getBytes(StandardCharsets.UTF_8);
            client.insert(table, new ByteArrayInputStream(rows), ClickHouseFormat.JSONEachRow)
                    .get(30, TimeUnit.SECONDS).close();

            try (QueryResponse response = client.query("SELECT user, views FROM " + table + " ORDER BY user",
                    new QuerySettings().setFormat(ClickHouseFormat.TabSeparated)).get(30, TimeUnit.SECONDS)) {
                String tsv = new String(response.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals("ada\t3\nbob\t5\n", tsv);
            }
        }
        // The same rows through the plain-HTTP helper, in the class's own database.
        assertEquals("8\n", database.sql("SELECT sum(views) FROM page_views"));
    }
}
