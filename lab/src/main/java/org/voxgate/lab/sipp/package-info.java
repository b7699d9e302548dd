/**
 * SIPp as a second call generator, and finding reference programs ({@link org.voxgate.lab.sipp.PeerCommands}): {@link org.voxgate.lab.sipp.SippRun} runs it with
 * {@code -trace_rtt} and reads its set-up times, {@link org.voxgate.lab.sipp.TonePcapFile} writes
 * the 1 kHz PCMU tone it plays ({@code play_pcap_audio}). Used by {@code lab load --generator sipp}
 * and by the report's SIPp references.
 */
package org.voxgate.lab.sipp;
