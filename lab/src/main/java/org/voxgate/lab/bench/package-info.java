/**
 * Shared JMH settings ({@link org.voxgate.lab.bench.BenchmarkDefaults}) and the pieces
 * {@code voxgate lab report} uses to run JMH in a child JVM ({@link org.voxgate.lab.bench.JmhRunner})
 * and read its JSON result file ({@link org.voxgate.lab.bench.JmhResult}).
 */
package org.voxgate.lab.bench;
