package io.mcpbridge.engine.pkml.xml;

import io.mcpbridge.engine.pkml.model.Entity;
import io.mcpbridge.engine.pkml.model.EntityKind;
import io.mcpbridge.engine.pkml.model.FormulaDef;
import io.mcpbridge.engine.pkml.model.ModelDefinitionException;
import io.mcpbridge.engine.pkml.model.ReactionPartner;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamException;

/** Reads the {@code <Model>} element: the container tree and the formula cache. */
final class ModelReader {
  private final XmlCursor cursor;
  private final Map<String, Entity> entitiesById = new HashMap<>();
  private Entity root;
  private Map<String, FormulaDef> formulas = Map.of();
  private final Map<String, String> strings = new HashMap<>();

  ModelReader(XmlCursor cursor) {
    this.cursor = cursor;
  }

  /** Reads the model element the cursor is on, up to and including its end element. */
  void read() throws XMLStreamException {
    while (cursor.nextChild()) {
      String element = cursor.name();
      if (element.equals("Root") || element.equals("RootContainer")) {
        if (root != null) {
          throw new ModelDefinitionException("the model has more than one root container");
        }
        root = newEntity(EntityKind.CONTAINER);
        readBody(root);
      } else if (element.equals("FormulaCache")) {
        formulas = FormulaCacheReader.read(cursor, strings);
      } else {
        cursor.skip();
      }
    }
    if (root == null) {
      throw new ModelDefinitionException("the model has no root container");
    }
    for (Entity e : entitiesById.values()) {
      if (e.objectPath() != null) {
        String path = strings.get(e.objectPath());
        if (path == null) {
          throw new ModelDefinitionException(e.path() + ": object path key " + e.objectPath()
              + " is missing from the string map");
        }
        e.setObjectPath(path);
      }
    }
  }

  Entity root() {
    return root;
  }

  Map<String, FormulaDef> formulas() {
    return formulas;
  }

  Map<String, Entity> entitiesById() {
    return entitiesById;
  }

  private Entity newEntity(EntityKind kind) {
    Entity e = new Entity(kind, cursor.attribute("id"), cursor.attribute("name"), cursor.attributes());
    return e;
  }

  private void register(Entity e) {
    if (e.id() != null && entitiesById.put(e.id(), e) != null) {
      throw new ModelDefinitionException(e.path() + ": entity id " + e.id() + " occurs twice");
    }
  }

  /** Reads the inside of an entity element (children, partners, object path). */
  private void readBody(Entity entity) throws XMLStreamException {
    register(entity);
    while (cursor.nextChild()) {
      switch (cursor.name()) {
        case "Children":
          while (cursor.nextChild()) {
            EntityKind kind = EntityKind.forElement(cursor.name());
            if (kind == null || cursor.name().equals("Root") || cursor.name().equals("RootContainer")) {
              String where = entity.path().isEmpty() ? "the root container" : entity.path();
              throw new ModelDefinitionException(where + ": unsupported element kind <" + cursor.name() + ">");
            }
            Entity child = newEntity(kind);
            entity.addChild(child);
            readBody(child);
          }
          break;
        case "Educts":
          readPartners(entity, entity.educts());
          break;
        case "Products":
          readPartners(entity, entity.products());
          break;
        case "ObjectPath":
          entity.setObjectPath(cursor.attribute("path"));
          cursor.skip();
          break;
        default:
          cursor.skip();
      }
    }
  }

  private void readPartners(Entity reaction, List<ReactionPartner> into) throws XMLStreamException {
    while (cursor.nextChild()) {
      if (cursor.name().equals("ReactionPartner")) {
        String partner = cursor.attribute("partner");
        if (partner == null) {
          throw new ModelDefinitionException(reaction.path() + ": reaction partner without 'partner' id");
        }
        String coefficient = cursor.attribute("stoichiometricCoefficient");
        into.add(new ReactionPartner(partner, coefficient == null ? 1.0
            : XmlCursor.number(coefficient, reaction.path() + " stoichiometric coefficient")));
      }
      cursor.skip();
    }
  }
}
