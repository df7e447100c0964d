package io.waypoint.storage;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.ReadOnlyFileSystemException;
import java.util.Locale;

/**
 * Why a node's data dir refused a write, as a node reports it in a {@code fault} event
 * ({@code "part":"storage","reason":...}): the reason tells a technician far away whether to bring a
 * new SD card or to free space.
 *
 * <p>Classified from the operating system's error text (what {@link IOException#getMessage()} carries
 * on Linux: {@code strerror} of the errno), walking the cause chain: Java has no portable errno.
 */
public enum StorageProblem {
    /** ENOSPC, EDQUOT, EFBIG (a file size limit): nothing more fits. */
    FULL("disk_full", "the SD card is full: free space (old logs, the outbox's corrupt/ copies) or fit a bigger card"),
    /** EROFS, EACCES, EPERM: the card was remounted read-only (the kernel does that on errors) or its permissions changed. */
    READ_ONLY("read_only", "the data dir cannot be written (a card the kernel remounted read-only after errors, or wrong "
            + "permissions): check `dmesg` for card errors, run fsck, or replace the SD card"),
    /** EIO and anything else: the card is failing. */
    FAILING("io_error", "the SD card fails to write: check `dmesg` and replace the card");

    private final String reason;
    private final String whatToDo;

    StorageProblem(String reason, String whatToDo) {
        this.reason = reason;
        this.whatToDo = whatToDo;
    }

    /** The reason on the wire: {@code disk_full}, {@code read_only} or {@code io_error}. */
    public String reason() {
        return reason;
    }

    /** One sentence for the log: what a technician should do about it. */
    public String whatToDo() {
        return whatToDo;
    }

    /** The problem {@code failure} (or a cause of it) reports; {@link #FAILING} when none is recognised. */
    public static StorageProblem of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AccessDeniedException || t instanceof ReadOnlyFileSystemException) {
                return READ_ONLY;
            }
            String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (m.contains("no space left") || m.contains("file too large") || m.contains("quota exceeded")) {
                return FULL;
            }
            if (m.contains("read-only file system") || m.contains("permission denied")
                    || m.contains("operation not permitted")) {
                return READ_ONLY;
            }
        }
        return FAILING;
    }
}
