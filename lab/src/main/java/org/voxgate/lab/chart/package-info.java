/**
 * PNG charts for the lab's reports, drawn with {@code java.awt} (headless) and written with
 * {@code ImageIO}: line charts (several series) and bar charts, with axes, ticks and labels.
 */
package org.voxgate.lab.chart;
