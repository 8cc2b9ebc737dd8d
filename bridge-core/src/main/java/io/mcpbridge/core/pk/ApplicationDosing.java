package io.mcpbridge.core.pk;

import io.mcpbridge.core.model.QuantityInfo;
import io.mcpbridge.core.model.QuantityKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The dosing OSP derives from a simulation's applications for the PK analysis of one output.
 *
 * <p><b>Which applications.</b> The molecule of the output is the amount the path names or lies
 * under (an observer such as {@code …|C1|Plasma (Peripheral Venous Blood)} belongs to {@code C1}).
 * An application of that molecule is a container outside {@code Organism} holding an amount of the
 * molecule as a direct child (PK-Sim's {@code Applications|Application_1|C1}); every {@code Start
 * time} parameter below such a container is one application, with the {@code DrugMass} and {@code
 * Infusion time} parameters next to it. Applications starting after the end of the series are
 * dropped; the rest are sorted by start time. Times are rounded to 32-bit floats, as OSP does.
 *
 * <p><b>Intervals and doses.</b> Interval i runs from application i to application i + 1, the last
 * to the end of the series. Each interval's dose per body weight is its application's drug mass
 * divided by {@code Organism|Weight}; the total is the molecule's {@code Total drug mass} parameter
 * divided by the weight (unknown if the model has none or no positive weight). The infusion time
 * (first application's) is used only with a single application, as OSP does.
 *
 * <p><b>Not derived:</b> OSP also follows single-educt reactions back to an applied parent
 * molecule when a metabolite has no application of its own; the model view here carries no
 * reactions, so a metabolite's output gets no dosing (single dosing without doses).
 */
public final class ApplicationDosing {
  static final String ORGANISM = "Organism";
  static final String START_TIME = "Start time";
  static final String DRUG_MASS = "DrugMass";
  static final String INFUSION_TIME = "Infusion time";
  static final String TOTAL_DRUG_MASS = "Total drug mass";
  static final String BODY_WEIGHT = "Organism|Weight";

  /**
   * One application of the molecule.
   *
   * @param startTimePath the {@code Start time} parameter it was read from
   * @param startTime start in min (rounded to a float)
   * @param drugMass drug mass in µmol, or null if the model gives none
   * @param infusionTime infusion duration in min, or null if not an infusion
   */
  public record Application(String startTimePath, double startTime, Double drugMass, Double infusionTime) {}

  /**
   * The dosing of one output.
   *
   * @param molecule the output's molecule, if one was found
   * @param applications its applications in start order (those before the end of the series)
   * @param intervals one interval per application
   * @param totalDrugMassPerBodyWeight total dose in µmol/kg, or null if unknown
   * @param infusionTime infusion time for single dosing, or null
   */
  public record Dosing(Optional<String> molecule, List<Application> applications, List<DosingInterval> intervals,
      Double totalDrugMassPerBodyWeight, Double infusionTime) {
    public Dosing {
      Objects.requireNonNull(molecule, "molecule");
      applications = List.copyOf(applications);
      intervals = List.copyOf(intervals);
    }

    /** The options with this dosing: intervals, total dose and infusion time replaced. */
    public PkOptions applyTo(PkOptions options) {
      return options.withDosingIntervals(intervals).withTotalDrugMassPerBodyWeight(totalDrugMassPerBodyWeight)
          .withInfusionTime(infusionTime);
    }
  }

  private final Map<String, QuantityInfo> byPath = new LinkedHashMap<>();
  private final Set<String> molecules = new HashSet<>();

  /** @param quantities the model's quantities with the values the run started from */
  public ApplicationDosing(List<QuantityInfo> quantities) {
    for (QuantityInfo q : quantities) {
      byPath.put(q.path(), q);
      if (q.kind() == QuantityKind.MOLECULE_AMOUNT) {
        molecules.add(lastSegment(q.path()));
      }
    }
  }

  /**
   * The dosing of an output.
   *
   * @param outputPath the quantity the series is of
   * @param endTime the last sample of the series (min)
   */
  public Dosing forOutput(String outputPath, double endTime) {
    Optional<String> molecule = moleculeOf(outputPath);
    if (molecule.isEmpty()) {
      return new Dosing(molecule, List.of(), List.of(), null, null);
    }
    float end = (float) endTime;
    List<Application> applications = new ArrayList<>();
    for (String startPath : startTimePaths(molecule.get())) {
      double start = (float) byPath.get(startPath).value();
      if (start <= end) {
        String item = parent(startPath);
        applications.add(new Application(startPath, start, value(item + "|" + DRUG_MASS),
            value(item + "|" + INFUSION_TIME)));
      }
    }
    applications.sort(Comparator.comparingDouble(Application::startTime));

    Double weight = value(BODY_WEIGHT);
    boolean knownWeight = weight != null && weight > 0;
    List<DosingInterval> intervals = new ArrayList<>();
    for (int i = 0; i < applications.size(); i++) {
      Application a = applications.get(i);
      double stop = i + 1 < applications.size() ? applications.get(i + 1).startTime() : end;
      Double dose = knownWeight && a.drugMass() != null ? a.drugMass() / weight : null;
      intervals.add(new DosingInterval(a.startTime(), stop, dose));
    }
    Double totalMass = value(molecule.get() + "|" + TOTAL_DRUG_MASS);
    Double total = knownWeight && totalMass != null ? totalMass / weight : null;
    Double infusion = applications.size() == 1 ? applications.get(0).infusionTime() : null;
    return new Dosing(molecule, applications, intervals, total, infusion);
  }

  /**
   * The molecule of a quantity: itself if it is an amount, else the nearest enclosing amount,
   * else the last path segment that names a molecule of the model.
   */
  Optional<String> moleculeOf(String path) {
    for (String p = path; p != null; p = parent(p)) {
      QuantityInfo q = byPath.get(p);
      if (q != null && q.kind() == QuantityKind.MOLECULE_AMOUNT) {
        return Optional.of(lastSegment(p));
      }
    }
    String[] segments = path.split("\\|");
    for (int i = segments.length - 1; i >= 0; i--) {
      if (molecules.contains(segments[i])) {
        return Optional.of(segments[i]);
      }
    }
    return Optional.empty();
  }

  /** Start-time parameters below the containers, outside the organism, that hold the molecule. */
  private List<String> startTimePaths(String molecule) {
    List<String> containers = new ArrayList<>();
    for (QuantityInfo q : byPath.values()) {
      String container = parent(q.path());
      if (q.kind() == QuantityKind.MOLECULE_AMOUNT && container != null && lastSegment(q.path()).equals(molecule)
          && !firstSegment(q.path()).equals(ORGANISM)) {
        containers.add(container + "|");
      }
    }
    List<String> out = new ArrayList<>();
    for (QuantityInfo q : byPath.values()) {
      if (q.kind() != QuantityKind.MOLECULE_AMOUNT && q.kind() != QuantityKind.OBSERVER
          && lastSegment(q.path()).equals(START_TIME) && containers.stream().anyMatch(q.path()::startsWith)) {
        out.add(q.path());
      }
    }
    return out;
  }

  private Double value(String path) {
    QuantityInfo q = byPath.get(path);
    return q == null || Double.isNaN(q.value()) ? null : q.value();
  }

  private static String parent(String path) {
    int bar = path.lastIndexOf('|');
    return bar < 0 ? null : path.substring(0, bar);
  }

  private static String lastSegment(String path) {
    return path.substring(path.lastIndexOf('|') + 1);
  }

  private static String firstSegment(String path) {
    int bar = path.indexOf('|');
    return bar < 0 ? path : path.substring(0, bar);
  }
}
