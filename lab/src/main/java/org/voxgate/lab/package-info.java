/** Load generators, interop harness and JMH benchmarks. */
package org.voxgate.lab;
