package org.voxgate.lab;

import org.voxgate.lab.load.LoadCommand;
import org.voxgate.lab.quality.QualityCommand;
import org.voxgate.lab.report.ReportCommand;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ./voxgate lab ...} (the lab jar's main for tools; JMH keeps the jar's own main). */
@Command(name = "voxgate lab", mixinStandardHelpOptions = true,
        description = "Voxgate lab tools: load generation and audio quality measurement against a node.",
        subcommands = {LoadCommand.class, QualityCommand.class, ReportCommand.class, CommandLine.HelpCommand.class})
public final class LabMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LabMain()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
