#!/bin/bash
# Sobol, 10 parameters (±20 % uniform around the file's values), N given as $1, PK-Sim IV-bolus reference model
# Usage: scripts/bench-global-sensitivity.sh [N]   (after packaging bridge-cli; MODEL and OUT override paths)
N=${1:-1024}
cd "$(dirname "$0")/.."
M=${MODEL:-../shared/reference/pkml/models/extra_no_reference_numbers/pksim_simple_simulation.pkml}
start=$(date +%s.%N)
java -XX:+UseParallelGC -jar bridge-cli/target/bridge.jar sensitivity global "$M" --method sobol --n "$N" --seed 1 \
  --outputs 'Organism|PeripheralVenousBlood|C1|Plasma (Peripheral Venous Blood)' \
  --vary 'C1|Lipophilicity=uniform(2.5, 3.5)' \
  --vary 'C1|Fraction unbound (plasma, reference value)=uniform(0.088, 0.132)' \
  --vary 'Organism|Hematocrit|Mean=uniform(0.376, 0.564)' \
  --vary 'Organism|Liver|Volume|Mean=uniform(1.886, 2.829)' \
  --vary 'Organism|Kidney|Volume|Mean=uniform(0.350, 0.525)' \
  --vary 'Organism|Muscle|Volume|Mean=uniform(25.87, 38.81)' \
  --vary 'Organism|Liver|Specific blood flow rate|Mean=uniform(0.1435, 0.2153)' \
  --vary 'Organism|Muscle|Specific blood flow rate|Mean=uniform(0.02735, 0.04103)' \
  --vary 'Organism|Fat|Vf (lipid)|Mean=uniform(0.64, 0.96)' \
  --vary 'Applications|Application_1|ProtocolSchemaItem|DosePerBodyWeight=uniform(0.8e-6, 1.2e-6)' \
  --out "${OUT:-/tmp}/sobol-n$N.csv"
rc=$?
end=$(date +%s.%N)
echo "N=$N rc=$rc wall=$(echo "$end - $start" | bc) s load=$(cut -d' ' -f1-3 /proc/loadavg)"
