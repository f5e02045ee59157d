package io.mrk.internal.key;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The caches of derived secrets (the cipher's encryption sessions and decryption keys) that belong
 * to one registry, and so to one keystore session: never process-wide, so two keystores in one JVM
 * never share an entry, and {@link #close()} drops them all with the session.
 *
 * <p>The cipher reaches them through {@link KeyMaterialSource#caches()} and installs its own cache
 * per {@link Slot}; this class knows nothing of what is cached. After {@link #close()} every cache
 * handed out has been told to drop its entries ({@link Cache#drop()}) and to keep none from then on,
 * and {@link #get} returns caches that retain nothing: a handle still used after its session closed
 * keeps working, without leaving secrets behind.
 */
public final class SessionCaches implements AutoCloseable {

  /** A cache kept in a {@link SessionCaches}. */
  public interface Cache {
    /** Drops every entry and retains none from now on. */
    void drop();
  }

  /** Names one kind of cache; compared by identity, so each owner declares its own constant. */
  public static final class Slot<T extends Cache> {
    private final String name;
    private final Supplier<T> factory;

    /** @param factory makes an empty cache of this kind */
    public Slot(String name, Supplier<T> factory) {
      this.name = Objects.requireNonNull(name, "name");
      this.factory = Objects.requireNonNull(factory, "factory");
    }

    @Override
    public String toString() {
      return "Slot[" + name + "]";
    }
  }

  private final ConcurrentHashMap<Slot<?>, Cache> caches = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /** The cache of {@code slot}, made on first use; after {@link #close()} a fresh one that keeps nothing. */
  public <T extends Cache> T get(Slot<T> slot) {
    if (closed) {
      T dropped = slot.factory.get();
      dropped.drop();
      return dropped;
    }
    @SuppressWarnings("unchecked")
    T cache = (T) caches.computeIfAbsent(slot, s -> s.factory.get());
    if (closed) {
      // close() ran concurrently and may have missed this one.
      cache.drop();
    }
    return cache;
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed;
  }

  /** Drops every cache's entries; idempotent. */
  @Override
  public void close() {
    closed = true;
    for (Cache c : caches.values()) {
      c.drop();
    }
    caches.clear();
  }

  @Override
  public String toString() {
    return "SessionCaches[" + caches.size() + " caches" + (closed ? ", closed" : "") + "]";
  }
}
