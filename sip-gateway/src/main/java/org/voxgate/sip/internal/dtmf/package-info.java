/**
 * DTMF carried in SIP INFO bodies: {@code application/dtmf-relay} (the de-facto Cisco format,
 * "Signal=5\r\nDuration=160") and {@code application/dtmf} (draft-kaplan-dispatch-info-dtmf-package:
 * the digit alone). Digits found here are fed into the leg's one DTMF stream with
 * {@link org.voxgate.bridge.api.DtmfSource#SIP_INFO}.
 */
package org.voxgate.sip.internal.dtmf;
