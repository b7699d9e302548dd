/**
 * Prometheus metrics and health checks of a node: {@link org.voxgate.server.metrics.NodeMeters}
 * turns the bridge's and the SIP gateway's counters (and JVM/process figures) into Micrometer
 * meters; {@link org.voxgate.server.metrics.MetricsEndpoint} serves {@code /metrics} (Prometheus
 * text exposition format 0.0.4), {@code /health/live} and {@code /health/ready} over plain HTTP
 * on the metrics port.
 */
package org.voxgate.server.metrics;
