/*
 * Copyright 2026 the netpulse authors.
 */
package io.netpulse.perf;

/**
 * The one place the JVM flags for benchmark forks live (the launcher and the Surefire configuration keep their
 * own single copies). Bounds checks are off, as in production runs.
 */
public final class JvmFlags
{
    /** Flags appended to every forked benchmark JVM. */
    public static final String[] FORK_FLAGS = {
        "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
        "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
        "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
        "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
        "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
        "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
        "--add-opens=java.base/java.io=ALL-UNNAMED",
        "--add-opens=java.base/java.util=ALL-UNNAMED",
        "--add-opens=java.base/java.util.zip=ALL-UNNAMED",
        "-Dchronicle.analytics.disable=true",
        "-Dchronicle.disk.monitor.disable=true",
        "-Dagrona.disable.bounds.checks=true",
    };

    private JvmFlags()
    {
    }
}
