/** H.323 room systems: H.225.0 call signalling, H.245, RAS. Not built yet; see the module README. */
package org.voxgate.h323;
