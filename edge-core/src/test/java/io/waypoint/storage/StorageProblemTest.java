package io.waypoint.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import org.junit.jupiter.api.Test;

/** The errno texts Linux gives Java, and what a node reports for each. */
class StorageProblemTest {
    @Test
    void aFullCardAFileSizeLimitAndAQuotaAreDiskFull() {
        assertThat(StorageProblem.of(new IOException("No space left on device"))).isEqualTo(StorageProblem.FULL);
        assertThat(StorageProblem.of(new IOException("File too large"))).isEqualTo(StorageProblem.FULL);
        assertThat(StorageProblem.of(new IOException("Disk quota exceeded"))).isEqualTo(StorageProblem.FULL);
        assertThat(StorageProblem.FULL.reason()).isEqualTo("disk_full");
    }

    @Test
    void aReadOnlyMountAndMissingPermissionAreReadOnlyFoundThroughTheCauses() {
        assertThat(StorageProblem.of(new IOException("Read-only file system"))).isEqualTo(StorageProblem.READ_ONLY);
        assertThat(StorageProblem.of(new AccessDeniedException("/var/lib/waypoint/well-01/outbox/lock"))).isEqualTo(StorageProblem.READ_ONLY);
        assertThat(StorageProblem.of(new RuntimeException("outbox: cannot write", new IOException("Permission denied"))))
                .isEqualTo(StorageProblem.READ_ONLY);
        assertThat(StorageProblem.READ_ONLY.reason()).isEqualTo("read_only");
    }

    @Test
    void anythingElseIsAFailingCard() {
        assertThat(StorageProblem.of(new IOException("Input/output error"))).isEqualTo(StorageProblem.FAILING);
        assertThat(StorageProblem.of(new IOException((String) null))).isEqualTo(StorageProblem.FAILING);
        assertThat(StorageProblem.FAILING.reason()).isEqualTo("io_error");
    }
}
