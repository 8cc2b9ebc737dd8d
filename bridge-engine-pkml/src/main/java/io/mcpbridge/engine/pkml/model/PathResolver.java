package io.mcpbridge.engine.pkml.model;

/**
 * Resolves object paths of formula references relative to the entity that uses the formula, the
 * way OSP Core does for a built model.
 *
 * <ul>
 *   <li>a path starting with {@code ..} walks up from the user ({@code ..} = parent) and down by
 *       child names;
 *   <li>otherwise it is first tried as a child path of the user, then as a root-absolute path if
 *       its first element is the root name, then with the first element dropped if that element is
 *       the user's own name.
 * </ul>
 */
public final class PathResolver {
  private final Entity root;

  public PathResolver(Entity root) {
    this.root = root;
  }

  /** The entity the path leads to from {@code user}, or null if it leads nowhere. */
  public Entity resolve(Entity user, String path) {
    String[] parts = path.split("\\|", -1);
    if (parts.length == 0 || path.isEmpty()) {
      return null;
    }
    if (parts[0].equals("..")) {
      return walk(user, parts, 0);
    }
    Entity asChild = walk(user, parts, 0);
    if (asChild != null) {
      return asChild;
    }
    if (parts[0].equals(root.name())) {
      Entity fromRoot = walk(root, parts, 1);
      if (fromRoot != null) {
        return fromRoot;
      }
    }
    if (parts[0].equals(user.name())) {
      return walk(user, parts, 1);
    }
    return null;
  }

  private static Entity walk(Entity from, String[] parts, int start) {
    Entity current = from;
    for (int i = start; i < parts.length && current != null; i++) {
      current = parts[i].equals("..") ? current.parent() : current.child(parts[i]);
    }
    return current;
  }

  /** The entity with this path without root name (as in output selections), or null. */
  public Entity byPath(String pathWithoutRoot) {
    if (pathWithoutRoot.isEmpty()) {
      return null;
    }
    return walk(root, pathWithoutRoot.split("\\|", -1), 0);
  }
}
