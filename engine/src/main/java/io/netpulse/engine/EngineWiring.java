/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.engine;

import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.EventHandlerGroup;
import io.netpulse.engine.ring.NetworkEvent;
import io.netpulse.engine.stage.JournalStage;
import io.netpulse.engine.stage.Stage;
import io.netpulse.engine.stage.StageRunner;
import io.netpulse.engine.stage.ThreadAffinity;
import io.netpulse.engine.status.ErrorLog;
import io.netpulse.engine.status.LatencyTracker;

import java.util.ArrayList;
import java.util.List;

/**
 * The one place the stage graph is declared. Whatever the thread mode, the journaler consumes the ring in
 * parallel with the analytics path, and the analytics stages run in the same order:
 * <pre>
 *                      +--> journaler
 *   publishers --> ring|
 *                      +--> router --> [window] --> [anomaly] --> [cube] --> [sla] --> [yours] --> (latency)
 * </pre>
 * {@code fused} runs the analytics path on one thread; {@code pipelined} gives each stage its own thread
 * with a ring barrier between each and the next.
 * <p>
 * {@code sharded:N} runs the router on its own thread and, after it, N shard threads side by side, each running
 * its own instance of every stage after the router (built-in and {@code EngineBuilder.stage(...)} alike: the
 * engine calls each stage's factory once per shard with {@code StageContext.shard()} set):
 * <pre>
 *                      +--> journaler
 *   publishers --> ring|                +--> shard 0: [window] --> [anomaly] --> ... (events of shard 0's regions)
 *                      +--> router -----+--> shard 1: [window] --> [anomaly] --> ... (events of shard 1's regions)
 *                                       +--> ...
 * </pre>
 * The router writes each data event's shard (by region; see {@code topology.ShardAssigner}) and the watermark
 * into the slot. Shard thread {@code s} passes its instances the data events of shard {@code s} and every
 * control event, and the watermark of the rest at the end of each batch; so each instance is the single writer
 * of its regions' state, and region roll-ups need no traffic between shards. State that spans shards (the
 * network roll-up) is merged from the shards' region results in one canonical order; state hashes of a stage's
 * instances are added up. The same input therefore gives the same state hash in every mode.
 */
final class EngineWiring
{
    private EngineWiring()
    {
    }

    /**
     * Connects the stages to the ring.
     *
     * @param ring        the event ring, not yet started.
     * @param mode        the thread mode.
     * @param journal     the journaler, or null when journaling is off.
     * @param router      the topology router, first analytics stage.
     * @param shardStages the stages after the router, per shard: {@code [shard][position]}; one shard unless
     *                    sharded.
     * @param errorLog    where stage errors go.
     * @param latencies   publish-to-last-stage latency, one tracker per shard.
     * @param affinity    thread pinning.
     * @param cpus        CPUs in thread order: journaler first, then analytics threads.
     * @return the runners created, journaler first.
     */
    static List<StageRunner> wire(
        final Disruptor<NetworkEvent> ring,
        final ThreadMode mode,
        final JournalStage journal,
        final Stage router,
        final Stage[][] shardStages,
        final ErrorLog errorLog,
        final LatencyTracker[] latencies,
        final ThreadAffinity affinity,
        final int[] cpus)
    {
        final List<StageRunner> runners = new ArrayList<>();
        if (null != journal)
        {
            final StageRunner journaler = new StageRunner(
                journal.name(), new Stage[]{ journal }, errorLog, null, affinity, cpu(cpus, runners.size()), -1,
                StageRunner.BESIDE_CHAIN);
            runners.add(journaler);
            ring.handleEventsWith(journaler);
        }

        switch (mode.kind())
        {
            case FUSED:
            {
                final Stage[] stages = new Stage[1 + shardStages[0].length];
                stages[0] = router;
                System.arraycopy(shardStages[0], 0, stages, 1, shardStages[0].length);
                final StageRunner fused = new StageRunner(
                    "analytics", stages, errorLog, latencies[0], affinity, cpu(cpus, runners.size()));
                runners.add(fused);
                ring.handleEventsWith(fused);
                break;
            }

            case PIPELINED:
            {
                final Stage[] stages = shardStages[0];
                final StageRunner first = new StageRunner(
                    router.name(), new Stage[]{ router }, errorLog, 0 == stages.length ? latencies[0] : null,
                    affinity, cpu(cpus, runners.size()));
                runners.add(first);
                EventHandlerGroup<NetworkEvent> group = ring.handleEventsWith(first);
                for (int i = 0; i < stages.length; i++)
                {
                    final Stage stage = stages[i];
                    final boolean last = i == stages.length - 1;
                    final StageRunner runner = new StageRunner(
                        stage.name(), new Stage[]{ stage }, errorLog, last ? latencies[0] : null, affinity,
                        cpu(cpus, runners.size()), -1, 1 + i);
                    runners.add(runner);
                    group = group.then(runner);
                }
                break;
            }

            case SHARDED:
            {
                final StageRunner routing = new StageRunner(
                    router.name(), new Stage[]{ router }, errorLog, null, affinity, cpu(cpus, runners.size()));
                runners.add(routing);
                final StageRunner[] shards = new StageRunner[shardStages.length];
                for (int s = 0; s < shards.length; s++)
                {
                    shards[s] = new StageRunner(
                        "shard-" + s, shardStages[s], errorLog, latencies[s], affinity, cpu(cpus, runners.size()), s,
                        1);
                    runners.add(shards[s]);
                }
                ring.handleEventsWith(routing).then(shards);
                break;
            }

            default:
                throw new UnsupportedOperationException("thread mode " + mode + " is not available");
        }

        return runners;
    }

    private static int cpu(final int[] cpus, final int threadIndex)
    {
        return threadIndex < cpus.length ? cpus[threadIndex] : -1;
    }
}
