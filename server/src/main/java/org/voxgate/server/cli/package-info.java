/**
 * The {@code voxgate trunk|number|meeting} commands: a picocli client of the admin API over
 * HTTPS. The API key comes from {@code VOXGATE_ADMIN_KEY} and secrets from environment
 * variables, never from the command line.
 */
package org.voxgate.server.cli;
