/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HugePagesTest
{
    private static final String ENABLED = "always [madvise] never\n";
    private static final String SHMEM_NEVER = "always within_size advise [never] deny force\n";
    private static final String SHMEM_ADVISE = "always within_size [advise] never deny force\n";

    @Test
    void shouldReadTheSettingThatGovernsTheCollectorsHeap()
    {
        assertEquals("transparent, shmem_enabled advise", HugePages.describe(true, true, ENABLED, SHMEM_ADVISE));
        assertEquals("transparent, shmem_enabled never (normal pages)",
            HugePages.describe(true, true, ENABLED, SHMEM_NEVER));
        assertEquals("transparent, enabled madvise", HugePages.describe(true, false, ENABLED, SHMEM_NEVER));
        assertEquals("transparent, enabled never (normal pages)",
            HugePages.describe(true, false, "always madvise [never]", SHMEM_ADVISE));
    }

    @Test
    void shouldSayOffWhenNotRequestedAndUnknownWhereUnreadable()
    {
        assertEquals("off", HugePages.describe(false, true, ENABLED, SHMEM_ADVISE));
        assertEquals("transparent, shmem_enabled unknown (normal pages)", HugePages.describe(true, true, null, null));
    }
}
