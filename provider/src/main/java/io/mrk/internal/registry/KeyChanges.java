package io.mrk.internal.registry;

import io.mrk.internal.registry.LocalKeyRegistry.Outcome;
import io.mrk.kms.KmsException;
import java.time.Instant;

/**
 * The two shapes of a change to one key, shared by the transitions: a change to one Region's copy
 * (authorised by that Region's policy), and a change to the shared properties (authorised, then
 * allowed only through an enabled primary). Pure: the result is a function of the arguments.
 */
final class KeyChanges {

  private KeyChanges() {}

  /** A change to this Region's copy of one key. */
  interface LocalChange {
    RegionalKey apply(ResolvedKey key) throws KmsException;
  }

  /** A change to the shared properties of one key at {@code now}. */
  interface SharedChange {
    LogicalKey apply(ResolvedKey key, Instant now) throws KmsException;
  }

  /** Authorises {@code action} on {@code keyId} and replaces its copy in the actor's Region. */
  static Outcome<ResolvedKey> local(Actor actor, Snapshot s, String keyId, String action, LocalChange change)
      throws KmsException {
    ResolvedKey k = actor.authorize(s, keyId, action);
    return new Outcome<>(s.with(change.apply(k)), k);
  }

  /** Authorises {@code kms:<operation>}, requires the enabled primary, and replaces the shared properties. */
  static Outcome<LogicalKey> shared(Actor actor, Snapshot s, Instant now, String keyId, String operation,
                                    SharedChange change) throws KmsException {
    ResolvedKey k = actor.authorize(s, keyId, "kms:" + operation);
    actor.requirePrimary(k, operation);
    StateRules.requireEnabled(k.local().state(), k.arn());
    LogicalKey next = change.apply(k, now);
    return new Outcome<>(s.with(next), next);
  }
}
