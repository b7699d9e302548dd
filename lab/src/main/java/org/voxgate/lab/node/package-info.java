/**
 * Voxgate nodes for lab runs that bring their own: in this JVM ({@link org.voxgate.lab.node.InProcessNode})
 * or as a child JVM so that its CPU is measured apart from the generator's
 * ({@link org.voxgate.lab.node.ChildNode}); both on loopback with free ports and a demo meeting.
 */
package org.voxgate.lab.node;
