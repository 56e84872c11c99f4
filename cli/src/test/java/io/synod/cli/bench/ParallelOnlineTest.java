package io.synod.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.synod.threshold.inprocess.InProcessGroup;
import io.synod.threshold.inprocess.StepObserver;
import io.synod.threshold.sharing.IndexSet;

class ParallelOnlineTest {

    @Test
    void signaturesMadeAcrossThreadsAllVerify() {
        InProcessGroup g = InProcessGroup.of(7, new SecureRandom());
        var dkg = g.dkg(InProcessGroup.sessionId("par-test", 1), IndexSet.range(7), 2);
        ThresholdBench.Parallel p = ParallelOnline.measure(g, dkg, IndexSet.range(5), 3, 2, StepObserver.DIRECT);
        assertEquals(3, p.signatures());
        assertEquals(3, p.verified(), "every signature made from partials of two threads verifies");
        assertTrue(p.medianMs() > 0 && p.maxMs() >= p.medianMs());
    }

    @Test
    void crewRunsEveryStepAndReportsFailures() {
        AtomicInteger ran = new AtomicInteger();
        try (SpinningCrew crew = new SpinningCrew(2)) {
            for (int round = 0; round < 50; round++) {
                crew.start(0, ran::incrementAndGet);
                crew.start(1, ran::incrementAndGet);
                crew.awaitAll();
            }
            assertEquals(100, ran.get());
            crew.start(1, () -> {
                throw new IllegalArgumentException("boom");
            });
            IllegalStateException e = assertThrows(IllegalStateException.class, crew::awaitAll);
            assertEquals("boom", e.getCause().getMessage());
        }
    }
}
