/** Test helpers every module's tests share: leak check, fake clock, seeded lossy link, packet builders, and runners for real peers (SIPp, Kamailio). */
package org.voxgate.testing;
