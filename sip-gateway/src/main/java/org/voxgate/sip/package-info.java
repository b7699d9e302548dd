/** SIP user agent server and B2BUA for dial-in conferencing, on JAIN-SIP. */
package org.voxgate.sip;
