package io.waypoint.outbox;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One pass over a segment file: where its valid records lie and where the damage is. A record is
 * valid when its length is plausible, its CRC matches and it comes after the previous valid record
 * in (boot, seq) order; after damage the scan resynchronises on the next valid record.
 *
 * @param headerValid whether the file starts with the segment header
 * @param extents     [start, end) byte ranges made of valid records, ascending
 * @param firstBad    where the first damage starts, or -1 if none
 * @param lastBoot    boot of the last valid record, or the previous segment's if none
 * @param lastSeq     seq of the last valid record, or the previous segment's if none
 */
record SegmentScan(boolean headerValid, List<long[]> extents, long firstBad, long lastBoot, long lastSeq) {

    /**
     * Scans {@code size} bytes through {@code reader} (already pointed at the file), putting the valid
     * records' (boot, seq) into {@code into}; records must come after (prevBoot, prevSeq).
     */
    static SegmentScan of(RecordReader reader, long size, long prevBoot, long prevSeq, Segment into)
            throws IOException {
        into.resetContents(List.of(), 0);
        boolean header = reader.header(size);
        List<long[]> extents = new ArrayList<>(1);
        long firstBad = -1;
        long pos = RecordCodec.HEADER;
        if (!header) {
            firstBad = 0;
            long next = reader.resync(0, size, prevBoot, prevSeq);
            pos = next < 0 ? size : next;
        }
        long start = -1;
        while (pos < size) {
            int n = reader.read(pos, size);
            if (n > 0 && RecordCodec.after(reader.boot(), reader.seq(), prevBoot, prevSeq)) {
                if (start < 0) {
                    start = pos;
                }
                prevBoot = reader.boot();
                prevSeq = reader.seq();
                into.add(prevBoot, prevSeq);
                pos += n;
                continue;
            }
            if (start >= 0) {
                extents.add(new long[] {start, pos});
                start = -1;
            }
            if (firstBad < 0) {
                firstBad = pos;
            }
            long next = reader.resync(pos + 1, size, prevBoot, prevSeq);
            pos = next < 0 ? size : next;
        }
        if (start >= 0) {
            extents.add(new long[] {start, pos});
        }
        return new SegmentScan(header, extents, firstBad, prevBoot, prevSeq);
    }

    boolean clean() {
        return headerValid && firstBad < 0;
    }

    /**
     * Whether the valid records are exactly [header, firstBad) and nothing valid follows: what a write
     * cut short by a power loss leaves, so truncating at {@code firstBad} loses nothing readable.
     */
    boolean damagedOnlyAtEnd() {
        if (!headerValid || firstBad < 0) {
            return false;
        }
        if (extents.isEmpty()) {
            return firstBad == RecordCodec.HEADER;
        }
        return extents.size() == 1 && extents.get(0)[0] == RecordCodec.HEADER && extents.get(0)[1] == firstBad;
    }

    /** The size of the file holding only the header and the valid records. */
    long repairedSize() {
        long n = RecordCodec.HEADER;
        for (long[] e : extents) {
            n += e[1] - e[0];
        }
        return n;
    }
}
