/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine.stage;

import io.netpulse.codec.MessageType;
import io.netpulse.engine.ring.NetworkEvent;
import io.netpulse.engine.status.ErrorLog;
import io.netpulse.engine.status.SystemCounter;
import io.netpulse.engine.status.SystemCounters;
import org.junit.jupiter.api.Test;
import java.util.ArrayList;
import java.util.List;
import static org.junit.jupiter.api.Assertions.assertEquals;

class StageRunnerTest
{
    @Test
    void shouldRunEveryStageInOrderWhateverTheirNumberAndIsolateOneThatThrows()
    {
        // more stages than the runner has position classes for, so the positions' own calls and the generic one run,
        // from the chain's start, from further along it and beside it (as the journaler runs)
        for (int run = 0; run < 6; run++)
        {
            final boolean timed = run % 2 == 1;
            final int firstPosition = run < 2 ? 0 : run < 4 ? 3 : StageRunner.BESIDE_CHAIN;
            final SystemCounters counters = new SystemCounters();
            final ErrorLog errors = new ErrorLog(counters.get(SystemCounter.STAGE_ERRORS));
            final List<String> calls = new ArrayList<>();
            final Stage[] stages = new Stage[7];
            for (int i = 0; i < stages.length; i++)
            {
                stages[i] = new Recording("stage-" + i, calls, i == 2 || i == 6);
            }
            final StageRunner runner = new StageRunner("analytics", stages, errors, null, new ThreadAffinity(false),
                -1, -1, firstPosition);
            if (timed)
            {
                runner.timeStages(new StageStalls());
            }
            final NetworkEvent event = new NetworkEvent();
            event.type = MessageType.KPI_SAMPLE;
            runner.onEvent(event, 0, false);
            runner.onEvent(event, 1, true);

            final List<String> expected = new ArrayList<>();
            for (int sequence = 0; sequence < 2; sequence++)
            {
                for (int i = 0; i < stages.length; i++)
                {
                    expected.add("stage-" + i + "@" + sequence);
                }
            }
            assertEquals(expected, calls, "every stage saw every event, in order, the throwing ones included");
            assertEquals(4, counters.value(SystemCounter.STAGE_ERRORS), "two stages threw on two events");
            assertEquals(List.of("stage-2", "stage-6"),
                errors.observations().stream().map(o -> o.where()).distinct().sorted().toList(),
                "each error under its stage's name");
        }
    }

    private static final class Recording implements Stage
    {
        private final String name;
        private final List<String> calls;
        private final boolean throwing;

        Recording(final String name, final List<String> calls, final boolean throwing)
        {
            this.name = name;
            this.calls = calls;
            this.throwing = throwing;
        }

        public String name()
        {
            return name;
        }

        public void onEvent(final NetworkEvent event, final long sequence, final boolean endOfBatch)
        {
            calls.add(name + "@" + sequence);
            if (throwing)
            {
                throw new IllegalStateException(name + " fails on " + sequence);
            }
        }
    }
}
