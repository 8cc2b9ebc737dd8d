package io.mcpbridge.mcp;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

/**
 * Changes of the tool, prompt and resource lists, fanned out to every open
 * {@code subscriptions/listen} stream of this process. The server announces {@code listChanged}
 * only when the features it serves can actually change ({@link #announced()}); the bridge's own
 * lists are fixed per role, so its product server does not. Thread-safe.
 */
public final class ListChanges {
  /** Which list changed. */
  public enum Kind {
    TOOLS("notifications/tools/list_changed", "toolsListChanged"),
    PROMPTS("notifications/prompts/list_changed", "promptsListChanged"),
    RESOURCES("notifications/resources/list_changed", "resourcesListChanged");

    private final String method;
    private final String filterField;

    Kind(String method, String filterField) {
      this.method = method;
      this.filterField = filterField;
    }

    /** The notification method. */
    public String method() {
      return method;
    }

    /** The field of the subscriptions/listen filter that opts in. */
    public String filterField() {
      return filterField;
    }
  }

  private final boolean announced;
  private final Set<Consumer<Kind>> listeners = new CopyOnWriteArraySet<>();

  private ListChanges(boolean announced) {
    this.announced = announced;
  }

  /** Lists that never change: capabilities say {@code listChanged: false}. */
  public static ListChanges fixed() {
    return new ListChanges(false);
  }

  /** Lists that may change: capabilities say {@code listChanged: true}. */
  public static ListChanges announced() {
    return new ListChanges(true);
  }

  /** True if the server tells clients it notifies list changes. */
  public boolean isAnnounced() {
    return announced;
  }

  /** Tells every listener that a list changed. */
  public void publish(Kind kind) {
    listeners.forEach(l -> l.accept(kind));
  }

  /** Registers a listener until the returned handle is closed. */
  public AutoCloseable listen(Consumer<Kind> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }
}
