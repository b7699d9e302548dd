/** Meeting link: broker, relay and the MPSL packet layer. Not built yet; see the module README. */
package org.voxgate.meeting;
