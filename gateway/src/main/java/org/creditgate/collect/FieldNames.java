package org.creditgate.collect;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A fixed list of key names, found by their position: from a String, or straight from the UTF-8 bytes of a
 * line without decoding them. Immutable and thread-safe.
 */
final class FieldNames {

    static final int NOT_FOUND = -1;

    private final String[] names;
    private final byte[][] utf8;
    private final Map<String, Integer> byName = new HashMap<>();
    /** Open addressing over the UTF-8 hash: a position + 1, or 0 for an empty slot. */
    private final int[] slots;
    private final int mask;

    FieldNames(List<String> names) {
        this.names = names.toArray(new String[0]);
        this.utf8 = new byte[this.names.length][];
        int size = Integer.highestOneBit(Math.max(4, this.names.length * 4) - 1) << 1;
        this.slots = new int[size];
        this.mask = size - 1;
        for (int i = 0; i < this.names.length; i++) {
            if (byName.putIfAbsent(this.names[i], i) != null) {
                throw new IllegalArgumentException("the name " + this.names[i] + " appears twice");
            }
            utf8[i] = this.names[i].getBytes(StandardCharsets.UTF_8);
            int slot = hash(utf8[i], 0, utf8[i].length) & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = i + 1;
        }
    }

    int size() {
        return names.length;
    }

    String name(int position) {
        return names[position];
    }

    byte[] utf8(int position) {
        return utf8[position];
    }

    int indexOf(String name) {
        Integer position = byName.get(name);
        return position == null ? NOT_FOUND : position;
    }

    /** The position of the name whose UTF-8 encoding is {@code buf[from, to)}. */
    int indexOf(byte[] buf, int from, int to) {
        int slot = hash(buf, from, to) & mask;
        int entry;
        while ((entry = slots[slot]) != 0) {
            if (matches(utf8[entry - 1], buf, from, to)) {
                return entry - 1;
            }
            slot = (slot + 1) & mask;
        }
        return NOT_FOUND;
    }

    /** Names are short: a plain loop beats Arrays.equals, whose range checks and stub call cost more than that. */
    private static boolean matches(byte[] name, byte[] buf, int from, int to) {
        if (name.length != to - from) {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            if (name[i] != buf[from + i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * From the length and three bytes only: names of one list rarely share all four, and a shared slot costs one
     * more comparison, while a full hash would cost a multiplication per byte of every key of every line.
     */
    private static int hash(byte[] buf, int from, int to) {
        int length = to - from;
        if (length == 0) {
            return 0;
        }
        int h = length * 31 + buf[from];
        h = h * 31 + buf[to - 1];
        h = h * 31 + buf[from + (length >> 1)];
        return h ^ (h >>> 7);
    }
}
