/**
 * {@code voxgate lab report}: runs the load and quality measurements, draws their charts and
 * rewrites the generated sections of {@code docs/BENCHMARKS.md} between
 * {@code <!-- lab:NAME:begin -->} and {@code <!-- lab:NAME:end -->} markers, leaving the
 * hand-written text around them alone.
 */
package org.voxgate.lab.report;
