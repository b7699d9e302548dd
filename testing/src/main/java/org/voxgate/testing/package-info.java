/** Test helpers every module's tests share: leak check, fake clock, seeded lossy link, packet builders. */
package org.voxgate.testing;
