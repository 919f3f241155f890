#!/bin/sh
# Regenerates the Synthea fixture in this directory (patient-1.json .. patient-4.json); see README.md.
# Needs JDK 17, Maven and jq. Downloads Synthea 3.3.0 and its dependencies (about 200 MB) from Maven
# Central into the local Maven repository; nothing of it enters the project's build.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
cat > "$work/pom.xml" <<'POM'
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local</groupId><artifactId>synthea-run</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>org.mitre.synthea</groupId><artifactId>synthea</artifactId><version>3.3.0</version></dependency>
  </dependencies>
</project>
POM
mvn -B -q -f "$work/pom.xml" dependency:copy-dependencies -DoutputDirectory="$work/lib"
cd "$work"
java -Xmx2g -cp 'lib/*' App -s 42 -cs 42 -p 5 -r 20250101 -e 20250101 \
  --exporter.baseDirectory="$work/out/" --exporter.years_of_history=10 --exporter.fhir.export=true \
  --exporter.hospital.fhir.export=false --exporter.practitioner.fhir.export=false Massachusetts
# keep the resource types the synthea-* mappings read (and Patient, Medication for references); drop narratives
trim='{resourceType, type, entry: [.entry[] | select(.resource.resourceType | IN("Patient","Encounter","Condition","MedicationRequest","Medication","Procedure","Observation")) | .resource |= del(.text)]}'
n=1
for id in 7353e17f-0cd5-5b0a-c736-92b9ca5f8366 1e621f4c-db30-c273-49e9-2dcad508a9cb 069b5064-ff05-2225-3995-f32685518bc6 79590754-4679-dafd-8aab-103706580fff; do
  jq -c "$trim" "$work"/out/fhir/*_"$id".json > "$here/patient-$n.json"
  n=$((n + 1))
done
rm -rf "$work"
