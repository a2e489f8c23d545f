package dev.sluice.generate;

import dev.sluice.config.EntityConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One pool of ids per entity of the domain, and which entity owns which.
 *
 * <p>Ids are {@code idPrefix} + the zero-padded index ({@code u_000042}), so every stream of the domain draws from
 * the same id space and joins across topics work.
 *
 * <p>Ownership gives referential integrity without per-domain code: when sessions name an owner entity (say
 * {@code user}), every other entity with at least as many members as the owner (cards, devices, sessions) is
 * <em>owned</em>: its pool is cut into consecutive blocks, one per owner, so owner {@code i} holds items
 * {@code [i*M/N, (i+1)*M/N)}. The assignment is a pure function of the indexes, so a user's clicks, transactions and
 * device events always carry that user's own cards and devices, and a test can check it from the ids alone.
 * Entities with fewer members than the owner (merchants, products) are <em>shared</em>: anyone may use any of them.
 */
public final class EntityPools {

    /** Pools up to this size keep their id strings once made; bigger ones build them on demand. */
    private static final int MAX_CACHED = 4_000_000;

    private final List<Pool> pools;
    private final Map<String, Integer> indexByName;
    private final int ownerEntity;

    public EntityPools(Map<String, EntityConfig> entities, String ownerEntityName) {
        this.pools = new ArrayList<>();
        this.indexByName = new LinkedHashMap<>();
        entities.forEach((name, config) -> {
            indexByName.put(name, pools.size());
            String prefix = config.idPrefix() != null ? config.idPrefix() : name + "_";
            pools.add(new Pool(name, prefix, Math.max(1, config.poolSize())));
        });
        Integer owner = ownerEntityName == null ? null : indexByName.get(ownerEntityName);
        this.ownerEntity = owner == null ? -1 : owner;
    }

    public int entityIndex(String name) {
        Integer index = indexByName.get(name);
        if (index == null) {
            throw new IllegalArgumentException("no entity '" + name + "'; entities are " + indexByName.keySet());
        }
        return index;
    }

    /** Number of entities (pools). */
    public int count() {
        return pools.size();
    }

    public String entityName(int entity) {
        return pools.get(entity).name;
    }

    public int size(int entity) {
        return pools.get(entity).size;
    }

    /** The owner entity of sessions, or -1 when the domain has no sessions. */
    public int ownerEntity() {
        return ownerEntity;
    }

    public boolean isOwner(int entity) {
        return entity == ownerEntity;
    }

    /** Owned entities have a fixed owner per item; see the class comment. */
    public boolean isOwned(int entity) {
        return ownerEntity >= 0 && entity != ownerEntity && pools.get(entity).size >= pools.get(ownerEntity).size;
    }

    /** First item of {@code owner}'s block of the owned {@code entity}. */
    public int firstOwned(int entity, int owner) {
        long m = pools.get(entity).size;
        long n = pools.get(ownerEntity).size;
        return (int) (owner * m / n);
    }

    /** How many items of the owned {@code entity} {@code owner} holds (at least 1). */
    public int ownedCount(int entity, int owner) {
        return firstOwned(entity, owner + 1) - firstOwned(entity, owner);
    }

    /** The owner of item {@code item} of an owned entity: the inverse of {@link #firstOwned}. */
    public int ownerOf(int entity, int item) {
        long m = pools.get(entity).size;
        long n = pools.get(ownerEntity).size;
        return (int) (((item + 1L) * n - 1) / m);
    }

    /** A uniformly drawn member. */
    public int uniform(int entity, SplittableRandom random) {
        return random.nextInt(pools.get(entity).size);
    }

    /**
     * A popularity-skewed member of a shared entity: the index is {@code size * u^2}, so the first 1% of items get 10%
     * of the picks and the first 25% get half, like best-selling products or big merchants.
     */
    public int popular(int entity, SplittableRandom random) {
        double u = random.nextDouble();
        return (int) (pools.get(entity).size * (u * u));
    }

    public String id(int entity, int index) {
        return pools.get(entity).id(index);
    }

    /** The index an id was made from, or -1 when it is not an id of this entity. For tests and reconciliation. */
    public int indexOf(int entity, String id) {
        Pool pool = pools.get(entity);
        if (id == null || !id.startsWith(pool.prefix)) {
            return -1;
        }
        try {
            int index = Integer.parseInt(id.substring(pool.prefix.length()));
            return index < pool.size ? index : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static final class Pool {
        final String name;
        final String prefix;
        final int size;
        final int width;
        final String[] cache;

        Pool(String name, String prefix, int size) {
            this.name = name;
            this.prefix = prefix;
            this.size = size;
            this.width = Math.max(6, Integer.toString(size - 1).length());
            this.cache = size <= MAX_CACHED ? new String[size] : null;
        }

        String id(int index) {
            if (cache == null) {
                return format(index);
            }
            String id = cache[index];
            if (id == null) {
                id = format(index);
                cache[index] = id;
            }
            return id;
        }

        private String format(int index) {
            char[] out = new char[prefix.length() + width];
            prefix.getChars(0, prefix.length(), out, 0);
            int value = index;
            for (int i = out.length - 1; i >= prefix.length(); i--) {
                out[i] = (char) ('0' + value % 10);
                value /= 10;
            }
            return new String(out);
        }
    }
}
