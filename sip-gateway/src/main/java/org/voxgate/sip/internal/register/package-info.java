/**
 * Outbound registration to carriers (RFC 3261 section 10.2): one {@link
 * org.voxgate.sip.internal.register.RegistrationMachine} per trunk with a registration, the
 * {@link org.voxgate.sip.internal.register.Registrations} that reconciles them with the live
 * {@link org.voxgate.sip.TrunkDirectory}, and {@link
 * org.voxgate.sip.internal.register.ChallengeAnswerer}, the decision whether and how to answer
 * a carrier's 401/407 Digest challenge (RFC 3261 section 22.2, RFC 8760 algorithms, RFC 7616
 * qop=auth), shared with dial-out.
 *
 * <p>Implements: section 10.2.1 (Call-ID the same for all REGISTERs of a registration, CSeq
 * increasing), 10.2.4 (refresh before expiry, the expiry granted in the 200's Contact or
 * Expires), 10.2.8 (423 Interval Too Brief: retry with Min-Expires), 10.2.2 (Expires: 0 removes
 * the binding), 21.5.4 (503 Retry-After), RFC 3263 section 4.3 (on a 503 or a timeout try the
 * next host).
 *
 * <p>No SIP stack types here: the stack side ({@code internal.stack.RegisterSender}) turns a
 * {@link org.voxgate.sip.internal.register.RegisterRequest} into a REGISTER and each response
 * into a {@link org.voxgate.sip.internal.register.RegisterResponse}. Each machine guards its
 * state with its own monitor; sends never block it (the sender hands them to another thread).
 */
package org.voxgate.sip.internal.register;
