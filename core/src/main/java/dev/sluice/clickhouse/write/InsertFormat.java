package dev.sluice.clickhouse.write;

import com.clickhouse.data.ClickHouseFormat;

/** Body formats the writer sends; both work on 18.16 and current servers. */
public enum InsertFormat {
    /** One JSON object per line, keys = column names (what Spark's to_json produces). */
    JSON_EACH_ROW(ClickHouseFormat.JSONEachRow),
    /** ClickHouse's row-wise binary encoding, in the column order of the request. */
    ROW_BINARY(ClickHouseFormat.RowBinary);

    private final ClickHouseFormat clickHouseFormat;

    InsertFormat(ClickHouseFormat clickHouseFormat) {
        this.clickHouseFormat = clickHouseFormat;
    }

    public ClickHouseFormat clickHouseFormat() {
        return clickHouseFormat;
    }
}
