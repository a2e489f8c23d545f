package dev.sluice.generate;

/** Stateless hashing for values that must be a pure function of (seed, indexes), like an owner's home country. */
final class Mixing {

    private Mixing() {
    }

    /** SplitMix64's finaliser: a good 64-bit mix. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static long mix(long seed, long a, long b) {
        return mix(mix(seed * 0x9e3779b97f4a7c15L + a) + b * 0xc2b2ae3d27d4eb4fL);
    }

    /** A uniform double in [0, 1) from a hash. */
    static double unit(long hash) {
        return (hash >>> 11) * 0x1.0p-53;
    }
}
