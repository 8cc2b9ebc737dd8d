package io.mcpbridge.audit.local;

import io.mcpbridge.core.audit.AuditLines;

import io.mcpbridge.core.audit.AuditChainVerifier;
import io.mcpbridge.core.audit.AuditRecordForm;
import io.mcpbridge.core.audit.ChainFailure;
import io.mcpbridge.core.audit.SignedCheckpoint;
import io.mcpbridge.core.audit.TrailPosition;
import io.mcpbridge.core.error.BackendUnavailableException;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.AuditRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Verifies a local trail between optional dates: recomputes every hash, follows every link across
 * files, checks every signed checkpoint in range and, when the range reaches the newest file,
 * that no attested record is missing. Reports the first failing line (file and line number).
 * Reads only; safe to run while a sink appends.
 */
public final class LocalAuditVerifier {
  private final TrailLayout layout;
  private final List<PublicKey> trustedKeys;

  /**
   * A verifier of the trail at {@code root}.
   *
   * @param trustedKeys checkpoint public keys to accept; see {@link #trustedKeysOf(Path)}
   */
  public LocalAuditVerifier(Path root, List<PublicKey> trustedKeys) {
    this.layout = new TrailLayout(root);
    this.trustedKeys = List.copyOf(trustedKeys);
  }

  /**
   * The public keys listed next to a trail ({@code audit-signing.pub}). Convenient, but an attacker
   * who can rewrite the trail can rewrite that file too: pin keys out of band for real audits.
   *
   * @throws InvalidInputException if the file is missing or holds no valid key
   */
  public static List<PublicKey> trustedKeysOf(Path root) {
    return readKeys(new TrailLayout(root).publicKeyFile());
  }

  /**
   * Public keys from a file (one base64 X.509 Ed25519 key per line).
   *
   * @throws InvalidInputException if the file is missing or holds no valid key
   */
  public static List<PublicKey> readKeys(Path file) {
    try {
      List<PublicKey> keys = SigningKeyStore.readPublicKeys(file);
      if (keys.isEmpty()) {
        throw new InvalidInputException("no public key in " + file);
      }
      return keys;
    } catch (IOException e) {
      throw new InvalidInputException("cannot read the checkpoint public key file " + file + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(file + " does not hold base64 X.509 Ed25519 public keys");
    }
  }

  /**
   * Verifies records of the days from {@code from} to {@code to} (inclusive, UTC; empty = open).
   *
   * @throws BackendUnavailableException if the files cannot be read
   */
  public LocalVerificationReport verify(Optional<LocalDate> from, Optional<LocalDate> to) {
    try {
      return run(from, to);
    } catch (IOException e) {
      throw new BackendUnavailableException("cannot read the audit trail at " + layout.root() + ": " + e.getMessage(), e);
    }
  }

  private LocalVerificationReport run(Optional<LocalDate> from, Optional<LocalDate> to) throws IOException {
    if (!Files.isDirectory(layout.root())) {
      throw new InvalidInputException("no audit trail at " + layout.root());
    }
    List<TrailLayout.DayFile> all = layout.eventFiles();
    List<TrailLayout.DayFile> files = all.stream()
        .filter(f -> from.map(d -> !f.day().isBefore(d)).orElse(true))
        .filter(f -> to.map(d -> !f.day().isAfter(d)).orElse(true))
        .toList();
    boolean fromStart = files.isEmpty() || all.isEmpty() || files.get(0).equals(all.get(0));
    boolean tailIncluded = files.isEmpty() ? to.isEmpty() : files.get(files.size() - 1).equals(all.get(all.size() - 1));
    AuditChainVerifier verifier = fromStart ? AuditChainVerifier.fromGenesis(trustedKeys) : AuditChainVerifier.fromAnyRecord(trustedKeys);
    Deque<Located<SignedCheckpoint>> checkpoints = readCheckpoints(verifier);
    Path newest = all.isEmpty() ? null : all.get(all.size() - 1).path();
    for (TrailLayout.DayFile file : files) {
      if (verifier.failed()) {
        break;
      }
      String name = layout.display(file.path());
      JsonlLines.read(file.path(), (lineNumber, text, terminated) -> {
        TrailPosition at = new TrailPosition(name, lineNumber);
        if (!terminated && file.path().equals(newest)) {
          verifier.note("torn last line at " + at + " (an interrupted write, never acknowledged); the sink sets it aside on its next start");
          return true;
        }
        return checkLine(verifier, checkpoints, text, at);
      });
    }
    if (!verifier.failed()) {
      Located<SignedCheckpoint> furthest = null;
      while (!checkpoints.isEmpty()) {
        Located<SignedCheckpoint> next = checkpoints.poll();
        if (next.value().checkpoint().sequence() <= verifier.lastSequence()) {
          verifier.checkpoint(next.value(), next.at());
        } else if (furthest == null || next.value().checkpoint().sequence() >= furthest.value().checkpoint().sequence()) {
          furthest = next;
        }
      }
      // The checkpoint attesting most shows how much of the tail is missing.
      if (tailIncluded && furthest != null) {
        verifier.checkpoint(furthest.value(), furthest.at());
      }
    }
    List<String> torn = layout.tornFiles().stream().map(layout::display).toList();
    torn.forEach(t -> verifier.note("torn bytes from an interrupted write are kept in " + t + " (recorded as a system.audit.torn_line event)"));
    if (files.isEmpty()) {
      verifier.note("no record files in the range");
    }
    return new LocalVerificationReport(layout.root(), verifier.finish(tailIncluded), files.size(), torn);
  }

  private boolean checkLine(AuditChainVerifier verifier, Deque<Located<SignedCheckpoint>> checkpoints, String text, TrailPosition at) {
    AuditRecord record;
    try {
      record = AuditLines.record(text);
    } catch (IllegalArgumentException e) {
      verifier.fail(new ChainFailure(ChainFailure.Reason.UNREADABLE, at, -1, "line is not an audit record: " + e.getMessage()));
      return false;
    }
    while (!checkpoints.isEmpty() && checkpoints.peek().value().checkpoint().sequence() < record.sequence()) {
      Located<SignedCheckpoint> next = checkpoints.poll();
      if (!verifier.checkpoint(next.value(), next.at())) {
        return false;
      }
    }
    if (!verifier.record(record, at)) {
      return false;
    }
    if (!AuditRecordForm.line(record).equals(text)) {
      verifier.fail(new ChainFailure(ChainFailure.Reason.EDITED, at, record.sequence(),
          "line is not in the canonical form the sink writes (a field, its order or spacing was changed): the line was edited"));
      return false;
    }
    return true;
  }

  private Deque<Located<SignedCheckpoint>> readCheckpoints(AuditChainVerifier verifier) throws IOException {
    Deque<Located<SignedCheckpoint>> all = new ArrayDeque<>();
    List<TrailLayout.DayFile> files = layout.checkpointFiles();
    for (TrailLayout.DayFile file : files) {
      boolean newest = file.equals(files.get(files.size() - 1));
      String name = layout.display(file.path());
      JsonlLines.read(file.path(), (lineNumber, text, terminated) -> {
        TrailPosition at = new TrailPosition(name, lineNumber);
        if (!terminated && newest) {
          verifier.note("torn last checkpoint line at " + at + " (an interrupted write)");
          return true;
        }
        try {
          all.add(new Located<>(AuditLines.checkpoint(text), at));
          return true;
        } catch (IllegalArgumentException e) {
          verifier.fail(new ChainFailure(ChainFailure.Reason.UNREADABLE, at, -1, "line is not a checkpoint: " + e.getMessage()));
          return false;
        }
      });
    }
    return all;
  }

  private record Located<T>(T value, TrailPosition at) {}
}
