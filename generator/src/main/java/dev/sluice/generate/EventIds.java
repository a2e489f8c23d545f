package dev.sluice.generate;

import java.util.SplittableRandom;

/** Random (version 4) UUID strings from the stream's seeded random source, so seeded runs repeat their ids. */
final class EventIds {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private final SplittableRandom random;

    EventIds(SplittableRandom random) {
        this.random = random;
    }

    String next() {
        long high = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long low = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        char[] out = new char[36];
        hex(high >>> 32, 8, out, 0);
        out[8] = '-';
        hex(high >>> 16, 4, out, 9);
        out[13] = '-';
        hex(high, 4, out, 14);
        out[18] = '-';
        hex(low >>> 48, 4, out, 19);
        out[23] = '-';
        hex(low, 12, out, 24);
        return new String(out);
    }

    private static void hex(long value, int digits, char[] out, int offset) {
        for (int i = offset + digits - 1; i >= offset; i--) {
            out[i] = HEX[(int) (value & 0xf)];
            value >>>= 4;
        }
    }
}
