package io.mrk.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Prints a bash/zsh completion script: {@code source <(./mrk completion)}. */
@Command(name = "completion", description = "Prints a bash/zsh completion script: source <(./mrk completion).")
final class CompletionCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().getOut().print(AutoComplete.bash("mrk", spec.root().commandLine()));
    spec.commandLine().getOut().flush();
  }
}
