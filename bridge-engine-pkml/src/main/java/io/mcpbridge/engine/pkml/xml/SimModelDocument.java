package io.mcpbridge.engine.pkml.xml;

import io.mcpbridge.engine.pkml.model.TablePoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The content of a SimModel XML file as read, before it is turned into a container tree: every
 * list element of the kernel format with ids still unresolved. Mutable while the reader fills it.
 */
final class SimModelDocument {
  /** Which list a quantity came from. */
  enum QuantityList { PARAMETER, VARIABLE, OBSERVER }

  /** One {@code P}, {@code V} or {@code Observer} of the top-level lists. */
  static final class Quantity {
    QuantityList list;
    String id;
    String name;
    String path;
    String unit;
    String value;
    String formulaId;
    boolean persistable;
    String negativeValuesAllowed;
    String scaleFactor;
    final List<String> rhsFormulaIds = new ArrayList<>();
  }

  /** One reference of a formula: alias and quantity id ({@code 0} is the simulation time). */
  record Reference(String alias, String id) {}

  /** One formula of the {@code FormulaList}. */
  static final class Formula {
    String element;
    String id;
    String equation;
    boolean useDerivedValues;
    final List<Reference> references = new ArrayList<>();
    final List<TablePoint> points = new ArrayList<>();
    /** Quantity id of the table object (table with offset or x argument). */
    String tableId;
    /** Quantity id of the offset or of the x argument. */
    String argumentId;
  }

  /** One assignment of an event. */
  record Assignment(String objectId, String newFormulaId, boolean useAsValue) {}

  /** One event of the {@code EventList}. */
  static final class Event {
    String id;
    String conditionFormulaId;
    boolean oneTime;
    final List<Assignment> assignments = new ArrayList<>();
  }

  /** One output interval: start, end and number of time points as written. */
  record Interval(String distribution, String start, String end, String points) {}

  String version;
  String delimiter = "|";
  final List<Quantity> quantities = new ArrayList<>();
  final Map<String, Formula> formulas = new LinkedHashMap<>();
  final List<Event> events = new ArrayList<>();
  /** Solver option name (element name) to quantity id. */
  final Map<String, String> solverOptions = new LinkedHashMap<>();
  final List<Interval> intervals = new ArrayList<>();
  final List<String> outputTimes = new ArrayList<>();
  boolean solverSeen;
  boolean outputSchemaSeen;
}
