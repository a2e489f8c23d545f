package dev.sluice.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The facts a command's closing summary reports, collected while it runs: {@code --json} prints them as one object.
 * Process-wide on purpose: the streaming job and the replay run in-process behind {@code SparkSubmit.main}, and the
 * demo runs other commands in-process; each adds what it knows without being handed a summary object.
 */
public final class Summary {

    private static final Map<String, Object> FACTS = new LinkedHashMap<>();

    private Summary() {
    }

    public static synchronized void put(String key, Object value) {
        FACTS.put(key, value);
    }

    /** Appends {@code item} to the list under {@code key}. */
    @SuppressWarnings("unchecked")
    public static synchronized void add(String key, Object item) {
        Object existing = FACTS.get(key);
        List<Object> list = existing instanceof List<?> l ? (List<Object>) l : new ArrayList<>();
        list.add(item);
        FACTS.put(key, list);
    }

    public static synchronized Map<String, Object> snapshot() {
        return new LinkedHashMap<>(FACTS);
    }

    public static synchronized void reset() {
        FACTS.clear();
    }
}
