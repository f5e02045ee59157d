package io.mrk.cli;

import io.mrk.KeystoreSession;
import io.mrk.MrkKeystore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The keystore a command line will open, opened on a second thread as soon as {@code main} starts,
 * so that the password KDF (one Argon2id run, most of a command's time) overlaps the building and
 * parsing of the command line instead of following it.
 *
 * <p>The guess is made from the raw arguments and the environment, before picocli has seen them:
 * the command's name, {@code --keystore} (else {@code $MRK_KEYSTORE}, else {@code ./keystore.mrk})
 * and {@code $MRK_KEYSTORE_PASSWORD}; a command line that needs a prompt, asks for help or names the
 * keystore twice is not guessed. A command uses the result only through {@link #take}, which hands it
 * out when the parsed command line names the same file and the same password, so a wrong guess costs
 * CPU and never changes what a command does:
 * <ul>
 *   <li>opening only reads the file (no lock is taken, nothing is written, no audit event is
 *       recorded), so an unused session leaves no trace once {@link #release} has closed it;
 *   <li>{@link #take} refreshes the session, so the command sees the file as of the moment it uses it,
 *       as an open at that moment would;
 *   <li>a write through the session re-reads the file under its lock (what {@code MrkKeystore.update}
 *       does), so a write another process committed meanwhile is never lost;
 *   <li>a failed open (wrong password, corrupt file) fails the command with the same exception the
 *       command's own open would have thrown.
 * </ul>
 */
final class EarlyOpen {

  /** Nothing guessed: {@link #take} always answers null. */
  static final EarlyOpen NONE = new EarlyOpen(null, null, null);

  private final Path file;
  private final char[] password;
  private final CompletableFuture<KeystoreSession> opened;
  private boolean taken;

  private EarlyOpen(Path file, char[] password, CompletableFuture<KeystoreSession> opened) {
    this.file = file;
    this.password = password;
    this.opened = opened;
  }

  /** How the command line opens keystores; made on the second thread, where its first use costs no start-up time. */
  interface Keystores {
    MrkKeystore get() throws Mrk.ConfigurationException;
  }

  /**
   * Starts opening the keystore {@code args} will use, when it can tell which one that is without a
   * prompt; otherwise returns {@link #NONE}.
   *
   * @param keystores how the command will open keystores (the same KDF settings and audit warnings);
   *     when it fails, nothing is opened and the command reports the failure itself
   */
  static EarlyOpen start(String[] args, Map<String, String> env, Map<String, String> undecodable,
      Keystores keystores) {
    Class<?> command = Mrk.named(args);
    if (command == null || !(KmsCommand.Reading.class.isAssignableFrom(command)
        || KmsCommand.Writing.class.isAssignableFrom(command)) || asksForHelp(args)) {
      return NONE;
    }
    String secret = env.get("MRK_KEYSTORE_PASSWORD");
    if (secret == null || secret.isEmpty() || undecodable.containsKey("MRK_KEYSTORE_PASSWORD")) {
      return NONE;
    }
    List<String> named = keystoreOptions(args);
    if (named.size() > 1) {
      return NONE;
    }
    Path file;
    try {
      file = Mrk.keystorePath(named.isEmpty() ? null : Path.of(named.get(0)), env);
    } catch (java.nio.file.InvalidPathException e) {
      return NONE; // picocli refuses it with the parameter's name
    }
    char[] password = secret.toCharArray();
    char[] forOpen = secret.toCharArray();
    CompletableFuture<KeystoreSession> opened = new CompletableFuture<>();
    Thread opener = new Thread(() -> {
      try {
        MrkKeystore configured;
        try {
          configured = keystores.get();
        } catch (Mrk.ConfigurationException e) {
          opened.complete(null);
          return;
        }
        opened.complete(configured.open(file, forOpen));
      } catch (IOException e) {
        opened.completeExceptionally(new UncheckedIOException(e));
      } catch (RuntimeException | Error e) {
        opened.completeExceptionally(e);
      } finally {
        java.util.Arrays.fill(forOpen, '\0');
      }
    }, "mrk-early-open");
    opener.setDaemon(true);
    opener.start();
    return new EarlyOpen(file, password, opened);
  }

  /**
   * The session opened early when it is on {@code file} with {@code password}, refreshed; the caller
   * owns it from now on. Null when nothing was guessed or the guess was another file or password (the
   * caller then opens the file itself). At most one call gets the session.
   */
  synchronized KeystoreSession take(Path file, char[] password) throws IOException {
    if (opened == null || taken || !sameFile(file) || !samePassword(password)) {
      return null;
    }
    taken = true;
    KeystoreSession session;
    try {
      session = opened.join();
      if (session == null) {
        return null;
      }
    } catch (CompletionException e) {
      if (e.getCause() instanceof UncheckedIOException io) {
        throw io.getCause();
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw (Error) e.getCause();
    }
    try {
      session.refresh();
    } catch (IOException | RuntimeException e) {
      session.close();
      throw e;
    }
    return session;
  }

  /**
   * Closes the session opened early unless a command took it, and wipes the guessed password. With
   * {@code wait} false an open still running is closed when it ends (a process about to exit need not
   * wait for a KDF it will not use); with {@code wait} true this returns only after that.
   */
  synchronized void release(boolean wait) {
    if (opened == null) {
      return;
    }
    java.util.Arrays.fill(password, '\0');
    if (taken) {
      return;
    }
    taken = true;
    CompletableFuture<Void> closed = opened.thenAccept(session -> {
      if (session != null) {
        session.close();
      }
    });
    if (wait) {
      try {
        closed.join();
      } catch (CompletionException e) {
        // The open failed: there is no session to close, and no command used the failure.
      }
    }
  }

  /** Whether the early open has ended, with a session or a failure (tests order events with it). */
  boolean ended() {
    return opened == null || opened.isDone();
  }

  private boolean sameFile(Path other) {
    return file.toAbsolutePath().normalize().equals(other.toAbsolutePath().normalize());
  }

  /** Equal passwords, compared in time that depends only on the lengths. */
  private boolean samePassword(char[] other) {
    int diff = password.length ^ other.length;
    for (int i = 0; i < Math.min(password.length, other.length); i++) {
      diff |= password[i] ^ other[i];
    }
    return diff == 0;
  }

  /** Help of any spelling needs no keystore. */
  private static boolean asksForHelp(String[] args) {
    for (String a : args) {
      if (a.equals("-h") || a.equals("--help") || a.equals("help") || a.startsWith("--generate-cli-skeleton")) {
        return true;
      }
    }
    return false;
  }

  /** Every value given to {@code --keystore} (either spelling), up to a {@code --} that ends options. */
  private static List<String> keystoreOptions(String[] args) {
    List<String> values = new java.util.ArrayList<>(1);
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--")) {
        break;
      }
      if (a.equals("--keystore")) {
        if (i + 1 < args.length) {
          values.add(args[++i]);
        }
      } else if (a.startsWith("--keystore=")) {
        values.add(a.substring("--keystore=".length()));
      }
    }
    return values;
  }
}
